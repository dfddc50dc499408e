import * as z from 'zod';

/**
 * Every field of a Slack payload that Bolt or this adapter reads, checked before it is
 * read. A signature proves who sent a body, not that it has the shape Slack documents; a
 * field that is missing or of the wrong type must end in a clear refusal, never in a
 * TypeError deep in a listener (or in Bolt, before any listener runs).
 */
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/, 'must be a Slack id');
const label = z.string().max(255);
const httpUrl = z.string().max(2000).regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

export const slashCommandPayload = z.object({
  command: z.string().regex(/^\/\S{1,80}$/, 'must be a slash command'),
  team_id: slackId,
  team_domain: label.optional(),
  enterprise_id: z.string().max(40).optional(),
  user_id: slackId,
  user_name: label.optional(),
  channel_id: slackId.optional(),
  text: z.string().optional(),
  response_url: httpUrl.optional(),
});

const selected = z.object({ selected_options: z.array(z.object({ value: z.string().max(2000) })).nullish() });

export const blockActionsPayload = z
  .object({
    type: z.literal('block_actions'),
    team: z.object({ id: slackId, domain: label.optional() }).nullish(),
    enterprise: z.object({ id: slackId }).nullish(),
    user: z.object({ id: slackId, team_id: slackId.optional(), name: label.optional(), username: label.optional() }),
    channel: z.object({ id: slackId }).nullish(),
    container: z.object({ channel_id: slackId.optional() }).nullish(),
    response_url: httpUrl.optional(),
    trigger_id: z.string().max(255).optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), selected)) }).nullish(),
    actions: z.array(z.object({ action_id: z.string().max(255), block_id: z.string().max(255).optional() })).min(1),
  })
  .refine((p) => p.team?.id !== undefined || p.user.team_id !== undefined, 'names no workspace (team.id or user.team_id)');

export type BlockActionsPayload = z.infer<typeof blockActionsPayload>;

/** A modal of ours submitted: its callback id, the action id it carries, and the typed values. */
export const viewSubmissionPayload = z
  .object({
    type: z.literal('view_submission'),
    team: z.object({ id: slackId, domain: label.optional() }).nullish(),
    user: z.object({ id: slackId, team_id: slackId.optional(), name: label.optional(), username: label.optional() }),
    view: z.object({
      callback_id: label,
      private_metadata: z.string().max(3000),
      state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().max(3000).nullish() }))) }),
    }),
  })
  .refine((p) => p.team?.id !== undefined || p.user.team_id !== undefined, 'names no workspace (team.id or user.team_id)');

export type ViewSubmissionPayload = z.infer<typeof viewSubmissionPayload>;

const eventPayload = z.object({
  type: z.literal('event_callback'),
  team_id: slackId.optional(),
  enterprise_id: z.string().max(40).nullish(),
  authorizations: z.array(z.object({ team_id: slackId.nullish(), enterprise_id: z.string().max(40).nullish() })).optional(),
  event: z.looseObject({ type: z.string().max(100) }),
});

export const appHomeOpenedPayload = z.object({
  team_id: slackId,
  event: z.object({ type: z.literal('app_home_opened'), user: slackId, tab: z.string().max(40).optional() }),
});

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().max(200) });

const typedPayloads = new Map<string, z.ZodType>([
  ['block_actions', blockActionsPayload],
  ['view_submission', viewSubmissionPayload],
  ['event_callback', eventPayload],
  ['url_verification', urlVerification],
]);

/** The one line a refusal logs: which field, and what was wrong with it. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'payload'} ${issue.message}` : 'invalid payload';
}

/**
 * What an HTTP request body to /slack/events must be before Bolt sees it, as Slack sends it:
 * a slash command (form fields), an interaction (JSON in the form's `payload` field), or an
 * event or URL challenge (JSON). Returns what is wrong, or undefined when it is fine.
 */
export function bodyProblem(body: unknown, form: 'command' | 'json'): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the payload is not a JSON object';
  const type = (body as { type?: unknown }).type;
  const schema = form === 'command' ? slashCommandPayload : typeof type === 'string' ? typedPayloads.get(type) : undefined;
  if (!schema) return `cloudstudy takes no payload of type ${JSON.stringify(type ?? null).slice(0, 60)}`;
  const result = schema.safeParse(body);
  return result.success ? undefined : firstIssue(result.error);
}
