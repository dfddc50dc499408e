import { groupReadiness } from '../readiness/group-readiness.js';
import { groupReadinessReply } from '../readiness/group-reply.js';
import { memberReadiness } from '../readiness/member-readiness.js';
import { memberReadinessReply } from '../readiness/member-reply.js';
import { notice } from '../reply.js';
import type { Command } from './spec.js';

export const readinessCommand: Command = {
  spec: {
    name: 'readiness',
    description: 'Would you pass today? Your estimated readiness per topic, or the group\'s (names nobody)',
    usage: '/readiness [group]',
    visibility: 'ephemeral',
    options: [{ name: 'scope', description: 'me (the default) or group', type: 'text', choices: ['me', 'group'] }],
  },
  run({ deps, caller, community }, args) {
    if (args.scope === 'group') {
      if (!community) return notice('Nobody here has answered anything yet. Answer the daily quiz or try /quiz, then ask again.');
      return groupReadinessReply(deps.library, groupReadiness(deps, community));
    }
    const member = community && deps.store.communities.findMember(community.id, caller.userId);
    if (!community || !member) return notice('No answers yet, so no estimate. Try /quiz for a practice question, or answer the daily quiz in your channel.');
    return memberReadinessReply(deps.library, member.displayName, memberReadiness(deps, community, member.id));
  },
};
