import type { Json } from './fake-discord-payloads.js';

/**
 * Discord's documented limits, checked the way Discord checks them: a body that breaks one
 * gets a 400 with code 50035, so the e2e tests catch what the real API would refuse.
 * Returns the first problem found, or undefined.
 */
export function messageProblem(body: Json): string | undefined {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000) return 'content: must be 2000 or fewer in length';
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (embeds.length > 10) return 'embeds: must be 10 or fewer in length';
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const title = str(e.title);
    const description = str(e.description);
    const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
    const footer = str((e.footer as Json | undefined)?.text);
    if (title.length > 256) return `embeds.${i}.title: must be 256 or fewer in length`;
    if (description.length > 4096) return `embeds.${i}.description: must be 4096 or fewer in length`;
    if (fields.length > 25) return `embeds.${i}.fields: must be 25 or fewer in length`;
    for (const [j, f] of fields.entries()) {
      if (str(f.name).length === 0 || str(f.name).length > 256) return `embeds.${i}.fields.${j}.name: must be between 1 and 256 in length`;
      if (str(f.value).length === 0 || str(f.value).length > 1024) return `embeds.${i}.fields.${j}.value: must be between 1 and 1024 in length`;
      total += str(f.name).length + str(f.value).length;
    }
    total += title.length + description.length + footer.length;
  }
  if (total > 6000) return 'embeds: total size must be 6000 or fewer';
  return componentsProblem(body.components);
}

function componentsProblem(value: unknown): string | undefined {
  const rows = Array.isArray(value) ? (value as Json[]) : [];
  if (rows.length > 5) return 'components: must be 5 or fewer in length';
  const ids = new Set<string>();
  for (const [r, row] of rows.entries()) {
    const children = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (row.type !== 1 || children.length === 0 || children.length > 5) return `components.${r}: an action row holds 1 to 5 components`;
    if (children.some((c) => c.type === 3) && children.length > 1) return `components.${r}: a select menu takes a whole row`;
    for (const c of children) {
      const id = str(c.custom_id);
      if (id.length === 0 || id.length > 100) return `components.${r}: custom_id must be between 1 and 100 in length`;
      if (ids.has(id)) return `components.${r}: custom_id "${id}" is used twice in one message`;
      ids.add(id);
      if (c.type === 2 && (str(c.label).length === 0 || str(c.label).length > 80)) return `components.${r}: button label must be between 1 and 80 in length`;
      if (c.type === 3) {
        const options = Array.isArray(c.options) ? (c.options as Json[]) : [];
        const min = Number(c.min_values ?? 1);
        const max = Number(c.max_values ?? 1);
        if (options.length === 0 || options.length > 25) return `components.${r}: a select menu has 1 to 25 options`;
        if (options.some((o) => str(o.label).length === 0 || str(o.label).length > 100 || str(o.value).length > 100)) return `components.${r}: option labels and values are 1 to 100 characters`;
        if (min < 0 || max < min || max > options.length) return `components.${r}: min_values/max_values out of range`;
      }
    }
  }
  return undefined;
}

/** Autocomplete answers: at most 25 choices, names 1–100 characters, values up to 100. */
export function choicesProblem(choices: unknown): string | undefined {
  const list = Array.isArray(choices) ? (choices as Json[]) : [];
  if (list.length > 25) return 'choices: must be 25 or fewer in length';
  if (list.some((c) => str(c.name).length === 0 || str(c.name).length > 100)) return 'choices: name must be between 1 and 100 in length';
  if (list.some((c) => String(c.value ?? '').length > 100)) return 'choices: value must be 100 or fewer in length';
  return undefined;
}

const nameRule = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Application command JSON as Discord validates it on registration. */
export function commandProblem(command: Json): string | undefined {
  const name = str(command.name);
  if (!nameRule.test(name) || name !== name.toLowerCase()) return `name "${name}" is not a valid command name`;
  const description = str(command.description);
  if (description.length === 0 || description.length > 100) return `${name}: description must be between 1 and 100 in length`;
  return optionsProblem(command.options, name);
}

function optionsProblem(value: unknown, where: string): string | undefined {
  const options = Array.isArray(value) ? (value as Json[]) : [];
  if (options.length > 25) return `${where}: at most 25 options`;
  let optionalSeen = false;
  for (const o of options) {
    const name = str(o.name);
    if (!nameRule.test(name) || name !== name.toLowerCase()) return `${where}: option name "${name}" is invalid`;
    const description = str(o.description);
    if (description.length === 0 || description.length > 100) return `${where} ${name}: description must be between 1 and 100 in length`;
    if (o.type === 1) {
      const nested = optionsProblem(o.options, `${where} ${name}`);
      if (nested) return nested;
      continue;
    }
    if (o.required) {
      if (optionalSeen) return `${where} ${name}: required options must come before optional ones`;
    } else optionalSeen = true;
    const choices = Array.isArray(o.choices) ? (o.choices as Json[]) : [];
    if (choices.length > 25) return `${where} ${name}: at most 25 choices`;
    if (choices.length > 0 && o.autocomplete) return `${where} ${name}: autocomplete cannot be used with choices`;
  }
  return undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Rate limits the fake enforces, as Discord documents them; off unless a test asks. */
export interface RateLimitSettings {
  /** The bot's global limit in requests per second (Discord: 50); interaction callbacks and webhooks are exempt, as on Discord. */
  globalPerSecond?: number;
  /** Per-route buckets: this many requests per window per route and major parameter (channel), e.g. 5 per 5 s for messages. */
  route?: { limit: number; windowMs: number };
}

interface Window {
  count: number;
  endsAt: number;
}

/** What the limiter says about one request: headers to send, and whether it is refused with 429. */
export interface LimitVerdict {
  headers: Record<string, string>;
  refused?: { retryAfterS: number; global: boolean };
}

/**
 * Discord's rate limits: a global requests-per-second for the bot, and per-route buckets
 * keyed by route and major parameter, announced on every answer with X-RateLimit-Limit,
 * -Remaining, -Reset, -Reset-After and -Bucket. A request over a limit gets 429 with
 * retry_after in the body, Retry-After, and X-RateLimit-Global plus X-RateLimit-Scope: global
 * for the global limit (X-RateLimit-Scope: user for a route's bucket).
 */
export class FakeRateLimits {
  private global: Window = { count: 0, endsAt: 0 };
  private readonly buckets = new Map<string, Window>();
  /** Every 429 the fake sent, for tests and the bench. */
  readonly refusals: Array<{ path: string; global: boolean }> = [];

  constructor(private readonly settings: RateLimitSettings) {}

  /** Starts every window afresh and forgets the refusals: a test's own setup then spends none of its limits. */
  reset(): void {
    this.global = { count: 0, endsAt: 0 };
    this.buckets.clear();
    this.refusals.splice(0);
  }

  check(method: string, path: string, now = Date.now()): LimitVerdict {
    // Interaction responses are not bound to the global limit (Discord's rate-limit documentation).
    if (/^\/(interactions|webhooks)\//.test(path)) return { headers: {} };
    const perSecond = this.settings.globalPerSecond;
    if (perSecond !== undefined) {
      if (now >= this.global.endsAt) this.global = { count: 0, endsAt: now + 1000 };
      if (this.global.count >= perSecond) return this.refuse(path, (this.global.endsAt - now) / 1000, true, {});
      this.global.count += 1;
    }
    const route = this.settings.route;
    if (!route) return { headers: {} };
    const template = `${method} ${path.replace(/\d{17,20}/g, ':id')}`;
    const major = /^\/channels\/(\d+)/.exec(path)?.[1] ?? '';
    const key = `${template} ${major}`;
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.endsAt) {
      bucket = { count: 0, endsAt: now + route.windowMs };
      this.buckets.set(key, bucket);
    }
    const resetAfter = (bucket.endsAt - now) / 1000;
    const headers = {
      'x-ratelimit-limit': String(route.limit),
      'x-ratelimit-remaining': String(Math.max(route.limit - bucket.count - 1, 0)),
      'x-ratelimit-reset': ((bucket.endsAt) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': Buffer.from(template).toString('hex').slice(0, 32),
    };
    if (bucket.count >= route.limit) return this.refuse(path, resetAfter, false, { ...headers, 'x-ratelimit-remaining': '0' });
    bucket.count += 1;
    return { headers };
  }

  private refuse(path: string, retryAfterS: number, global: boolean, headers: Record<string, string>): LimitVerdict {
    this.refusals.push({ path, global });
    return {
      headers: { ...headers, 'retry-after': String(Math.ceil(retryAfterS)), 'x-ratelimit-scope': global ? 'global' : 'user', ...(global ? { 'x-ratelimit-global': 'true' } : {}) },
      refused: { retryAfterS, global },
    };
  }
}
