import type { IncomingMessage, ServerResponse } from 'node:http';
import { choicesProblem, commandProblem, messageProblem } from './fake-discord-limits.js';
import { modalProblem } from './fake-discord-modal.js';
import { channelJson, messageJson, snowflake, userJson, type Json } from './fake-discord-payloads.js';
import type { FakeState, InteractionRecord } from './fake-discord-state.js';
import { messageUploads, readRestBody } from './fake-discord-uploads.js';

/** What a route answers: a status and JSON body (none for 204). */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: RouteContext) => Answer;

export interface RouteContext {
  state: FakeState;
  method: string;
  params: string[];
  query: Record<string, string>;
  body: Json | undefined;
  authorized: boolean;
}

const ephemeralFlag = 64;
const now = (): string => new Date().toISOString();
const error = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });
/** Discord's answer to a body that breaks a limit: 400, code 50035, with the field named. */
const invalid = (problem: string): Answer => ({ status: 400, body: { code: 50035, message: `Invalid Form Body: ${problem}` } });
const unauthorized: Answer = { status: 401, body: { code: 0, message: '401: Unauthorized' } };

/** Routes of Discord's REST API v10 that the bot and the register script use. */
const routes: Array<[string, RegExp, Handler, { auth: boolean }]> = [
  ['GET', /^\/gateway\/bot$/, gatewayBot, { auth: true }],
  ['GET', /^\/users\/@me$/, ({ state }) => ({ status: 200, body: userJson(state.bot) }), { auth: true }],
  ['GET', /^\/oauth2\/applications\/@me$/, application, { auth: true }],
  ['PUT', /^\/applications\/(\d+)\/commands$/, putCommands, { auth: true }],
  ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, putCommands, { auth: true }],
  ['GET', /^\/applications\/(\d+)\/commands$/, ({ state }) => ({ status: 200, body: state.globalCommands }), { auth: true }],
  ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, interactionCallback, { auth: false }],
  ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, followUp, { auth: false }],
  ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, webhookMessage, { auth: false }],
  ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, webhookMessage, { auth: false }],
  ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, webhookMessage, { auth: false }],
  ['GET', /^\/channels\/(\d+)$/, getChannel, { auth: true }],
  ['GET', /^\/channels\/(\d+)\/messages$/, recentChannelMessages, { auth: true }],
  ['POST', /^\/channels\/(\d+)\/messages$/, postChannelMessage, { auth: true }],
  ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, editChannelMessage, { auth: true }],
];

/** Answers one HTTP request on /api/v10/…, recording it. */
export async function handleRest(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Rate limits count a request when it arrives, as Discord's edge would, not when this busy fake gets round to it.
  const arrivedAt = Date.now();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  // discord.js escapes the @ of @original.
  const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
  const { raw, parts } = await readRestBody(req);
  let body: Json | undefined;
  try {
    body = raw ? (JSON.parse(raw) as Json) : undefined;
  } catch {
    return send(res, error(400, 50109, 'The request body contains invalid JSON.'));
  }
  const query = Object.fromEntries(url.searchParams);
  const injected = state.takeFailure(method, path);
  if (injected?.status === 'hang') {
    record(state, method, path, query, body, 0);
    return; // Never answered: the bot's own timeout has to fire. The socket closes when the fake stops.
  }
  if (injected?.status === 'hold') {
    injected.onHeld?.();
    await injected.released;
  }
  let answer: Answer;
  if (injected && injected.status !== 'hold') {
    answer =
      injected.status === 429
        ? {
            status: 429,
            body: { message: 'You are being rate limited.', retry_after: injected.retryAfter ?? 1, global: false, code: 0 },
            headers: { 'retry-after': String(Math.ceil(injected.retryAfter ?? 1)), 'x-ratelimit-scope': 'user' },
          }
        : error(injected.status, injected.code ?? 0, injected.message ?? `${injected.status}: injected by the test`);
  } else {
    const verdict = state.limits?.check(method, path, arrivedAt);
    const uploads = verdict?.refused ? undefined : messageUploads(state, method, path, body, parts, (id) => findChannel(state, id)?.botDeny ?? 0n);
    if (verdict?.refused) answer = { status: 429, body: { message: 'You are being rate limited.', retry_after: verdict.refused.retryAfterS, global: verdict.refused.global, code: 0 } };
    else if (uploads && 'problem' in uploads) answer = uploads.status === 403 ? error(403, 50013, uploads.problem) : invalid(uploads.problem);
    else {
      body = uploads?.body ?? body;
      answer = route(state, method, path, query, body, req.headers.authorization === `Bot ${state.token}`);
    }
    if (verdict) answer.headers = { ...verdict.headers, ...answer.headers };
    if (answer.status === 400) state.invalidBodies.push(`${method} ${path}: ${(answer.body as { message?: string } | undefined)?.message ?? ''}`);
  }
  record(state, method, path, query, body, answer.status);
  send(res, answer);
}

function route(state: FakeState, method: string, path: string, query: Record<string, string>, body: Json | undefined, authorized: boolean): Answer {
  for (const [m, pattern, handler, { auth }] of routes) {
    const match = m === method ? pattern.exec(path) : null;
    if (!match) continue;
    if (auth && !authorized) return unauthorized;
    return handler({ state, method, params: match.slice(1), query, body, authorized });
  }
  state.unknownRoutes.push(`${method} ${path}`);
  return error(404, 0, '404: Not Found');
}

function record(state: FakeState, method: string, path: string, query: Record<string, string>, body: Json | undefined, status: number): void {
  state.calls.push({ seq: state.nextSeq(), method, path, query, body, status, at: Date.now() });
  state.changed();
}

function gatewayBot({ state }: RouteContext): Answer {
  return {
    status: 200,
    body: {
      url: state.gatewayUrl,
      shards: state.shards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: state.maxConcurrency },
    },
  };
}

function application({ state }: RouteContext): Answer {
  return { status: 200, body: { id: state.applicationId, name: 'cloudstudy (fake)', description: '', bot_public: true, bot_require_code_grant: false, flags: 0, bot: userJson(state.bot) } };
}

function putCommands({ state, params, body }: RouteContext): Answer {
  const [appId, guildId] = params;
  if (appId !== state.applicationId) return error(403, 50001, 'Missing Access');
  if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body');
  if (body.length > 100) return invalid('at most 100 commands');
  for (const command of body as Json[]) {
    const problem = commandProblem(command);
    if (problem) return invalid(problem);
    if (guildId && ('contexts' in command || 'integration_types' in command)) return invalid('guild commands take no contexts or integration_types');
  }
  const stored = (body as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: appId, version: snowflake(), ...(guildId ? { guild_id: guildId } : {}) }));
  if (guildId) {
    if (!state.guilds.has(guildId)) return error(403, 50001, 'Missing Access');
    state.guildCommands.set(guildId, stored);
  } else {
    state.globalCommands.splice(0, state.globalCommands.length, ...stored);
  }
  return { status: 200, body: stored };
}

/** Type 4 replies, 5 defers a reply, 6 defers an update, 7 updates, 8 answers autocomplete, 9 opens a modal. */
export function interactionCallback({ state, params, body }: RouteContext): Answer {
  const [id, token] = params;
  const record = id === undefined ? undefined : state.interactions.get(id);
  if (!record || record.token !== token || record.expired) return error(404, 10062, 'Unknown interaction');
  record.callbackAt ??= performance.now();
  const type = Number(body?.type);
  const data = (body?.data ?? {}) as Json;
  if (record.callbacks.length > 0) {
    record.refused.push(body ?? {});
    return error(400, 40060, 'Interaction has already been acknowledged.');
  }
  if (![4, 5, 6, 7, 8, 9].includes(type)) return error(400, 50035, 'Invalid Form Body');
  if (type === 9) {
    const modal = modalProblem(data, record.type);
    if (modal) return invalid(modal);
    record.callbacks.push(body ?? {});
    return { status: 204 };
  }
  if (type === 8 && record.type !== 4) return error(400, 50035, 'Invalid Form Body');
  if (type !== 8 && record.type === 4) return error(400, 50035, 'Invalid Form Body');
  // UPDATE_MESSAGE (7) and DEFERRED_UPDATE_MESSAGE (6) answer a component on a message, and act on that message.
  const updated = type === 6 || type === 7 ? (record.messageId ? state.messages.get(record.messageId) : undefined) : undefined;
  if ((type === 6 || type === 7) && (record.type !== 3 || !updated || updated.deleted)) return error(400, 50035, 'Invalid Form Body');
  const problem = type === 8 ? choicesProblem(data.choices) : type === 4 || type === 7 ? messageProblem(data) : undefined;
  if (problem) return invalid(problem);
  record.callbacks.push(body ?? {});
  if (updated && record.messageId) {
    // Flags cannot change on update: a private message stays private.
    if (type === 7) updated.message = { ...updated.message, ...pickMessageFields(data), edited_timestamp: now() };
    record.original = { messageId: record.messageId, ephemeral: updated.ephemeral, deferred: type === 6, edited: type === 7, deleted: false, updated: true };
  }
  if (type === 8) record.choices = (data.choices as Json[] | undefined) ?? [];
  if (type === 4 || type === 5) {
    const ephemeral = (Number(data.flags ?? 0) & ephemeralFlag) !== 0;
    const messageId = snowflake();
    storeInteractionMessage(state, record, messageId, type === 5 ? {} : data, ephemeral);
    record.original = { messageId, ephemeral, deferred: type === 5, edited: false, deleted: false };
  }
  return { status: 204 };
}

function followUp({ state, params, body }: RouteContext): Answer {
  const record = recordFor(state, params);
  if (!record) return error(404, 10015, 'Unknown Webhook');
  if (record.callbacks.length === 0) return error(400, 10015, 'Unknown Webhook');
  const problem = messageProblem(body ?? {});
  if (problem) return invalid(problem);
  const ephemeral = (Number(body?.flags ?? 0) & ephemeralFlag) !== 0;
  const messageId = snowflake();
  const message = storeInteractionMessage(state, record, messageId, body ?? {}, ephemeral);
  record.followups.push(messageId);
  return { status: 200, body: message };
}

function webhookMessage({ state, method, params, body }: RouteContext): Answer {
  const record = recordFor(state, params);
  if (!record) return error(404, 10015, 'Unknown Webhook');
  const which = params[2];
  const messageId = which === '@original' ? record.original?.messageId : which;
  const stored = messageId ? state.messages.get(messageId) : undefined;
  if (!messageId || !stored || stored.deleted) return error(404, 10008, 'Unknown Message');
  if (method === 'GET') return { status: 200, body: stored.message };
  if (method === 'DELETE') {
    stored.deleted = true;
    if (record.original?.messageId === messageId) record.original.deleted = true;
    return { status: 204 };
  }
  const problem = messageProblem(body ?? {});
  if (problem) return invalid(problem);
  stored.message = { ...stored.message, ...pickMessageFields(body ?? {}), edited_timestamp: now() };
  if (record.original?.messageId === messageId) record.original.edited = true;
  return { status: 200, body: stored.message };
}

function postChannelMessage({ state, params, body }: RouteContext): Answer {
  const channel = findChannel(state, params[0]);
  if (!channel) return error(404, 10003, 'Unknown Channel');
  const denied = channelDenial(channel.botDeny);
  if (denied) return denied;
  if (!body || (!body.content && !(Array.isArray(body.embeds) && body.embeds.length > 0))) return error(400, 50006, 'Cannot send an empty message');
  const problem = messageProblem(body);
  if (problem) return invalid(problem);
  const id = snowflake();
  const message = messageJson({ id, channelId: channel.id, author: state.bot, body, type: 0, flags: 0, applicationId: state.applicationId, timestamp: now() });
  state.messages.set(id, { channelId: channel.id, guildId: channel.guildId, message, ephemeral: false, deleted: false });
  return { status: 200, body: message };
}

/** A channel the bot can see, in any server it is in: how the bot checks a channel id it has no cache entry for. */
function getChannel({ state, params }: RouteContext): Answer {
  for (const guild of state.guilds.values()) {
    const channel = params[0] ? guild.channels.get(params[0]) : undefined;
    if (!channel || channel.deleted) continue;
    return channel.botDeny & 0x400n ? error(403, 50001, 'Missing Access') : { status: 200, body: channelJson(channel, state.bot.id) };
  }
  return error(404, 10003, 'Unknown Channel');
}

/** Newest first, as Discord lists them; needs View Channel (and Read Message History, not modelled). */
function recentChannelMessages({ state, params, query }: RouteContext): Answer {
  const channel = findChannel(state, params[0]);
  if (!channel) return error(404, 10003, 'Unknown Channel');
  const denied = channelDenial(channel.botDeny & 0x400n);
  if (denied) return denied;
  const limit = Math.min(Math.max(Number(query.limit ?? 50) || 50, 1), 100);
  const messages = [...state.messages.values()].filter((m) => m.channelId === channel.id && !m.deleted && !m.ephemeral).map((m) => m.message);
  return { status: 200, body: messages.reverse().slice(0, limit) };
}

function editChannelMessage({ state, params, body }: RouteContext): Answer {
  const channel = findChannel(state, params[0]);
  if (!channel) return error(404, 10003, 'Unknown Channel');
  const denied = channelDenial(channel.botDeny & 0x400n); // Editing one's own message needs only View Channel.
  if (denied) return denied;
  const stored = params[1] ? state.messages.get(params[1]) : undefined;
  if (!stored || stored.deleted || stored.channelId !== channel.id) return error(404, 10008, 'Unknown Message');
  const problem = messageProblem(body ?? {});
  if (problem) return invalid(problem);
  stored.message = { ...stored.message, ...pickMessageFields(body ?? {}), edited_timestamp: now() };
  return { status: 200, body: stored.message };
}

function findChannel(state: FakeState, id: string | undefined): { id: string; guildId: string; botDeny: bigint } | undefined {
  for (const guild of state.guilds.values()) {
    const channel = id ? guild.channels.get(id) : undefined;
    if (channel && !channel.deleted) return channel;
  }
  return undefined;
}

/** View Channel denied: Discord says Missing Access; Send Messages or Embed Links denied: Missing Permissions. */
function channelDenial(deny: bigint): Answer | undefined {
  if (deny & 0x400n) return error(403, 50001, 'Missing Access');
  if (deny & (0x800n | 0x4000n)) return error(403, 50013, 'Missing Permissions');
  return undefined;
}

function recordFor(state: FakeState, params: string[]): InteractionRecord | undefined {
  const [appId, token] = params;
  const record = token ? state.byToken.get(token) : undefined;
  return record && appId === state.applicationId && !record.expired ? record : undefined;
}

function storeInteractionMessage(state: FakeState, record: InteractionRecord, id: string, body: Json, ephemeral: boolean): Json {
  const message = messageJson({ id, channelId: record.channelId, author: state.bot, body, type: 20, flags: ephemeral ? ephemeralFlag : 0, applicationId: state.applicationId, timestamp: now() });
  state.messages.set(id, { channelId: record.channelId, guildId: record.guildId, message, ephemeral, deleted: false });
  return message;
}

function pickMessageFields(body: Json): Json {
  const out: Json = {};
  for (const key of ['content', 'embeds', 'components', 'attachments'] as const) if (key in body) out[key] = body[key] ?? (key === 'content' ? '' : []);
  return out;
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.status === 204 || answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  res.writeHead(answer.status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(answer.body));
}
