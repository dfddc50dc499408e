import { blockKitProblems } from './slack-limits.js';
import type { Who } from './slack-payloads.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (isObject(v) && v.type === 'plain_text' && typeof v.text === 'string' ? v.text : undefined);

/**
 * Modals, as Slack documents them: a `modal` view with a plain_text title, submit and close
 * of at most 24 characters, callback_id ≤ 255, private_metadata ≤ 3000, at most 100 blocks;
 * an input block's label ≤ 2000, a plain_text_input's placeholder ≤ 150 and lengths ≤ 3000;
 * a view with an input block needs a submit button.
 */
export function modalProblems(view: unknown): string[] {
  if (!isObject(view) || view.type !== 'modal') return ['view.type must be modal'];
  const problems: string[] = [];
  const short = (where: string, value: unknown, required: boolean): void => {
    const text = textOf(value);
    if (text === undefined) {
      if (required || value !== undefined) problems.push(`${where}: a plain_text object is required`);
    } else if (text.length === 0 || text.length > 24) problems.push(`${where}: 1-24 characters`);
  };
  short('view.title', view.title, true);
  short('view.close', view.close, false);
  short('view.submit', view.submit, false);
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) problems.push('view.callback_id: at most 255 characters');
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) problems.push('view.private_metadata: at most 3000 characters');
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const inputs = blocks.filter((b) => isObject(b) && b.type === 'input') as Json[];
  if (inputs.length > 0 && view.submit === undefined) problems.push('view.submit: required when the view has an input block');
  for (const [i, input] of inputs.entries()) problems.push(...inputProblems(`inputs[${i}]`, input));
  problems.push(...blockKitProblems(blocks.filter((b) => !(isObject(b) && b.type === 'input')), 'home'));
  if (blocks.length > 100) problems.push('view.blocks: at most 100');
  return problems;
}

function inputProblems(where: string, input: Json): string[] {
  const problems: string[] = [];
  const label = textOf(input.label);
  if (label === undefined || label.length === 0 || label.length > 2000) problems.push(`${where}.label: plain_text of 1-2000 characters`);
  const element = isObject(input.element) ? input.element : {};
  if (element.type !== 'plain_text_input') problems.push(`${where}.element: only plain_text_input is expected`);
  if (typeof element.action_id !== 'string' || element.action_id.length === 0 || element.action_id.length > 255) problems.push(`${where}.element.action_id: 1-255 characters`);
  const placeholder = element.placeholder === undefined ? '' : textOf(element.placeholder);
  if (placeholder === undefined || placeholder.length > 150) problems.push(`${where}.element.placeholder: plain_text of at most 150 characters`);
  for (const key of ['min_length', 'max_length'] as const) {
    const n = element[key];
    if (n !== undefined && (!Number.isInteger(n) || (n as number) < 0 || (n as number) > 3000)) problems.push(`${where}.element.${key}: 0-3000`);
  }
  return problems;
}

/**
 * views.open: a trigger_id can be exchanged once (exchanged_trigger_id after), and Slack lets
 * it expire three seconds after the interaction (expired_trigger_id): a test marks one expired.
 */
export class FakeSlackViews {
  readonly opened: Json[] = [];
  private readonly exchanged = new Set<string>();
  private readonly expired = new Set<string>();
  private next = 0;

  expire(triggerId: string): void {
    this.expired.add(triggerId);
  }

  open(args: Json, teamId: string): Json {
    const trigger = typeof args.trigger_id === 'string' ? args.trigger_id : '';
    if (!/^[\w.-]{1,100}$/.test(trigger)) return { ok: false, error: 'invalid_trigger_id' };
    if (this.expired.has(trigger)) return { ok: false, error: 'expired_trigger_id' };
    if (this.exchanged.has(trigger)) return { ok: false, error: 'exchanged_trigger_id' };
    const problems = modalProblems(args.view);
    if (problems.length > 0) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
    this.exchanged.add(trigger);
    this.next += 1;
    const view = { ...(args.view as Json), id: `VMODAL${this.next}`, team_id: teamId, state: { values: {} }, hash: `h${this.next}` };
    this.opened.push(view);
    return { ok: true, view };
  }
}

/** The view_submission payload Slack sends when the member presses Submit: each input's value under its block and action ids. */
export function viewSubmission(who: Who, view: Json, values: Record<string, Record<string, string>>): Json {
  const state = Object.fromEntries(
    Object.entries(values).map(([blockId, actions]) => [blockId, Object.fromEntries(Object.entries(actions).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]))]),
  );
  return {
    type: 'view_submission',
    team: { id: who.teamId, domain: who.teamDomain ?? who.teamId.toLowerCase() },
    user: { id: who.userId, username: who.userName ?? who.userId.toLowerCase(), name: who.userName ?? who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'AFAKE',
    token: 'verification-token-unused',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: { ...view, state: { values: state } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
