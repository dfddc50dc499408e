import { encodeAction } from '../actions.js';
import type { LookupResult } from '../topics/topic-index.js';
import { shortTitle } from '../render/topic-card.js';
import { reply, type Reply } from '../reply.js';

/** The reply for a topic query that found nothing: what was wrong, what to try. */
export function notCoveredReply(result: Extract<LookupResult, { found: false }>, query: string, command: string): Reply {
  const shown = query.length > 40 ? `${query.slice(0, 40)}…` : query;
  const why =
    result.reason === 'empty'
      ? `${command} needs a topic, for example ${command} fargate.`
      : result.reason === 'too-long'
        ? 'That is longer than any topic name (200 characters at most). Try a few words, for example "lambda pricing".'
        : `"${shown.replace(/[`*_~<>|@]/g, '')}" is not covered here. This bot covers AWS's other compute services: containers, serverless, Batch and Lightsail.`;
  const mentioned = result.mentioned?.topics ?? [];
  // A service the content only mentions: the cards that mention it are the useful next step.
  const suggestions = (mentioned.length > 0 ? mentioned : result.suggestions).slice(0, 3);
  const hint =
    mentioned.length > 0
      ? `${result.mentioned?.name} comes up in: ${mentioned.map((t) => t.title).join(', ')}.`
      : suggestions.length > 0
        ? `Did you mean: ${suggestions.map((t) => t.title).join(', ')}?`
        : 'Type /topics to see every topic.';
  return reply('ephemeral', [
    { type: 'markdown', text: why },
    { type: 'context', text: hint },
    ...(suggestions.length > 0
      ? [{ type: 'buttons' as const, buttons: suggestions.map((t) => ({ id: encodeAction({ type: 'explain', topicId: t.id }), label: shortTitle(t) })) }]
      : []),
  ]);
}
