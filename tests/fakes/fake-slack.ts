import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackUploads } from './fake-slack-uploads.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { blockKitProblems } from './slack-limits.js';
import { EphemeralMessages, type ResponseSource } from './slack-ephemeral.js';
import { FakeSlackViews } from './slack-views.js';

/** A member of a fake workspace, as users.info reports them. */
export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** Enterprise Grid: the organisation's view of this user (users.info's enterprise_user). */
  enterprise?: { id: string; teams: string[]; isAdmin?: boolean; isOwner?: boolean };
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the bot was invited; posting in a private channel needs it. */
  isMember?: boolean;
  /** The workspace it belongs to (an org-wide install sees several); the fake's own team when left out. */
  teamId?: string;
}

export interface FakeSlackOptions {
  botToken: string;
  appToken: string;
  teamId: string;
  teamName?: string;
  users?: FakeUser[];
  channels?: FakeChannel[];
}

/** One Web API call as the fake received it: the method, its decoded arguments and the token. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** Every earlier version, oldest first: what chat.update replaced. */
  history: { text: string; blocks: unknown[] }[];
}

/** A POST to a response_url. */
export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

export type Failure =
  /** Slack answers ok:false with this error code. */
  | { error: string }
  /** Slack rate-limits the call. */
  | { status: 429; retryAfter: number }
  /** Slack does the work (a post is made) but the answer is lost: a 500 after the fact. */
  | { status: 500; accept: true };

/** The message a Socket Mode client sends back for an envelope. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * A local stand-in for Slack on 127.0.0.1: the Web API (POST /api/<method>), response_url
 * endpoints (POST /response/<id>) and a Socket Mode WebSocket server. It records every call,
 * keeps the messages it was asked to post so tests can read the channel, and can fail or
 * hold a method on demand.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly messages = new Map<string, FakeMessage>();
  /** Modals opened with views.open (see slack-views.ts). */
  readonly views = new FakeSlackViews();
  /** Everything refused for breaking Block Kit's limits: a test expects none. */
  readonly refusals: { method: string; problems: string[] }[] = [];
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Failure[]>();
  private readonly holds = new Map<string, Promise<void>>();
  /** Methods whose calls arrived while held, in order. */
  private readonly waiting: string[] = [];
  private readonly expiredResponses = new Set<string>();
  /** Ephemeral messages, and which message each response_url belongs to. */
  readonly ephemeral = new EphemeralMessages();
  private readonly responseSources = new Map<string, ResponseSource>();
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pendingAcks = new Map<string, (ack: EnvelopeAck) => void>();
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, FakeChannel>();
  private tsCounter = 0;
  private responseCounter = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** Files uploaded through the external upload flow (fake-slack-uploads.ts). */
  readonly uploads = new FakeSlackUploads(() => this.origin, (channel) => this.postProblem(channel));

  private constructor(
    private readonly server: Server,
    readonly options: FakeSlackOptions,
  ) {
    for (const user of options.users ?? []) this.users.set(user.id, user);
    for (const channel of options.channels ?? []) this.channels.set(channel.id, channel);
    this.events.setMaxListeners(100);
  }

  static async start(options: FakeSlackOptions): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server, options);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => fake.onUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Deletes a channel: conversations.info answers channel_not_found for it from now on. */
  deleteChannel(id: string): void {
    this.channels.delete(id);
  }

  addChannel(channel: FakeChannel): void {
    this.channels.set(channel.id, channel);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call to `method` matching `where`, already made or still to come. */
  waitForCall(method: string, where: (call: RecordedCall) => boolean = () => true, after = 0): Promise<RecordedCall> {
    return this.waitFor(() => this.calls.slice(after).find((c) => c.method === method && where(c)));
  }

  /** Resolves with the first response_url post matching `where`. */
  waitForResponse(where: (response: RecordedResponse) => boolean = () => true, after = 0): Promise<RecordedResponse> {
    return this.waitFor(() => this.responses.slice(after).find(where));
  }

  /** The next calls to `method` fail, in order: a Slack error code or an HTTP 429. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Calls to `method` wait until the returned function is called. */
  hold(method: string): () => void {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, held);
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  /** Resolves once a call to `method` is waiting on a hold: the bot is mid-work. */
  whenHeld(method: string): Promise<void> {
    return this.waitFor(() => (this.waiting.includes(method) ? true : undefined)).then(() => undefined);
  }

  /** A fresh response_url, belonging to the message `source` when given; an expired one answers 404 like Slack after 30 minutes. */
  responseUrl(options: { expired?: boolean; source?: ResponseSource } = {}): string {
    this.responseCounter += 1;
    const id = `r${this.responseCounter}`;
    if (options.expired) this.expiredResponses.add(id);
    if (options.source) this.responseSources.set(id, options.source);
    return `${this.origin}/response/${id}`;
  }

  responsesTo(url: string): RecordedResponse[] {
    const id = url.split('/').pop();
    return this.responses.filter((r) => r.id === id);
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  /** Resolves once a Socket Mode client has connected and been sent hello. */
  socketConnected(): Promise<void> {
    return this.waitFor(() => (this.sockets.size > 0 ? true : undefined)).then(() => undefined);
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /**
   * Sends an envelope to the connected Socket Mode client, as Slack does for a slash command
   * ('slash_commands'), a button ('interactive') or an event ('events_api'), and resolves
   * with the client's ack.
   */
  sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<EnvelopeAck> {
    const socket = [...this.sockets][0];
    if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
    const envelopeId = randomUUID();
    const acked = new Promise<EnvelopeAck>((resolve) => this.pendingAcks.set(envelopeId, resolve));
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands', ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}) }));
    return acked;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private waitFor<T>(find: () => T | undefined): Promise<T> {
    const now = find();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        this.events.off('change', check);
        resolve(found);
      };
      this.events.on('change', check);
    });
  }

  private changed(): void {
    this.events.emit('change');
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The upload URL takes binary bytes: read before the body is decoded as text.
    if (req.url?.startsWith('/upload/')) return this.uploads.receive(req, res).then(() => this.changed());
    const raw = await text(req);
    const url = new URL(req.url ?? '/', this.origin);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) return this.onResponse(url.pathname.slice('/response/'.length), raw, res);
    const method = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || !method) return send(res, 404, { ok: false, error: 'unknown_method' });
    const args = decodeArgs(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    const hold = this.holds.get(method);
    if (hold) {
      this.waiting.push(method);
      this.changed();
      await hold;
    }
    this.calls.push({ method, args, token });
    const failure = this.failures.get(method)?.shift();
    let status = 200;
    let body: Record<string, unknown>;
    if (failure && 'retryAfter' in failure) {
      res.setHeader('Retry-After', String(failure.retryAfter));
      status = 429;
      body = { ok: false, error: 'ratelimited' };
    } else if (failure && 'accept' in failure) {
      this.answer(method, args, token);
      status = 500;
      body = { ok: false, error: 'internal_error' };
    } else if (failure) body = { ok: false, error: failure.error };
    else body = this.answer(method, args, token);
    this.changed();
    send(res, status, body);
  }

  /** The Web API itself: what Slack would answer. */
  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const { botToken, appToken, teamId } = this.options;
    if (method === 'apps.connections.open') {
      if (token !== appToken) return { ok: false, error: 'invalid_auth' };
      const ticket = randomUUID();
      this.tickets.add(ticket);
      return { ok: true, url: `${this.origin.replace('http:', 'ws:')}/link/?ticket=${ticket}` };
    }
    if (token !== botToken) return { ok: false, error: 'invalid_auth' };
    const channel = typeof args.channel === 'string' ? args.channel : '';
    const view = typeof args.view === 'object' && args.view !== null ? (args.view as Record<string, unknown>) : undefined;
    const problems = ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(method)
      ? blockKitProblems(args.blocks, 'message', args.text)
      : method === 'views.publish'
        ? blockKitProblems(view?.blocks, 'home')
        : [];
    if (problems.length > 0) {
      this.refusals.push({ method, problems });
      return { ok: false, error: 'invalid_blocks', errors: problems };
    }
    const upload = this.uploads.answer(method, args);
    if (upload) return upload;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: `https://${this.options.teamName ?? 'fake'}.slack.com/`, team: this.options.teamName ?? 'Fake', user: 'cloudstudy', team_id: teamId, user_id: 'UBOT', bot_id: 'BBOT' };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.teamId,
            name: user.name,
            real_name: user.displayName ?? user.name,
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            is_primary_owner: false,
            profile: { display_name: user.displayName ?? '', real_name: user.displayName ?? user.name },
            ...(user.enterprise
              ? {
                  enterprise_user: {
                    id: user.id,
                    enterprise_id: user.enterprise.id,
                    enterprise_name: 'Org',
                    is_admin: user.enterprise.isAdmin ?? false,
                    is_owner: user.enterprise.isOwner ?? false,
                    teams: user.enterprise.teams,
                  },
                }
              : {}),
          },
        };
      }
      case 'conversations.info': {
        const found = this.channels.get(channel);
        if (!found || (found.isPrivate && !found.isMember)) return { ok: false, error: 'channel_not_found' };
        const owner = found.teamId ?? teamId;
        return {
          ok: true,
          channel: { id: found.id, name: found.name, is_private: found.isPrivate ?? false, is_member: found.isMember ?? false, context_team_id: owner, shared_team_ids: [owner] },
        };
      }
      case 'chat.postMessage': {
        const problem = this.postProblem(channel);
        if (problem) return { ok: false, error: problem };
        const ts = this.nextTs();
        const message: FakeMessage = { channel, ts, text: String(args.text ?? ''), blocks: asArray(args.blocks), history: [] };
        this.messages.set(`${channel}/${ts}`, message);
        return { ok: true, channel, ts, message: { type: 'message', text: message.text, blocks: message.blocks, ts } };
      }
      case 'conversations.history': {
        const found = this.channels.get(channel);
        if (!found) return { ok: false, error: 'channel_not_found' };
        if (found.isPrivate && !found.isMember) return { ok: false, error: 'not_in_channel' };
        const messages = [...this.messages.values()]
          .filter((m) => m.channel === channel)
          .sort((a, b) => b.ts.localeCompare(a.ts))
          .slice(0, Number(args.limit ?? 100))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, bot_id: 'BBOT' }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update': {
        const message = this.messages.get(`${channel}/${String(args.ts)}`);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.history.push({ text: message.text, blocks: message.blocks });
        message.text = String(args.text ?? '');
        message.blocks = asArray(args.blocks);
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case 'chat.postEphemeral': {
        const problem = this.postProblem(channel);
        if (problem) return { ok: false, error: problem };
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'views.open':
        return this.views.open(args, teamId);
      case 'views.publish':
        return { ok: true, view: { id: 'V1', type: 'home', ...(typeof args.view === 'object' ? args.view : {}) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Why a post to this channel would fail, if it would: unknown channels, private ones the bot is not in. */
  private postProblem(channel: string): string | undefined {
    if (/^[UW]/.test(channel)) return this.users.has(channel) ? undefined : 'channel_not_found';
    const found = this.channels.get(channel);
    if (!found) return 'channel_not_found';
    if (found.isPrivate && !found.isMember) return 'not_in_channel';
    return undefined;
  }

  private onResponse(id: string, raw: string, res: ServerResponse): void {
    if (this.expiredResponses.has(id)) {
      send(res, 404, { ok: false, error: 'expired_url' });
      return;
    }
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      send(res, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    const problems = blockKitProblems(body.blocks, 'message', body.text);
    if (problems.length > 0) {
      this.refusals.push({ method: 'response_url', problems });
      send(res, 400, { ok: false, error: 'invalid_blocks', errors: problems });
      this.changed();
      return;
    }
    this.ephemeral.respond(this.responseSources.get(id), body);
    this.responses.push({ id, body });
    this.changed();
    send(res, 200, { ok: true });
  }

  private onUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.origin);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!url.pathname.startsWith('/link') || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('message', (data) => {
        let ack: EnvelopeAck;
        try {
          ack = JSON.parse(String(data)) as EnvelopeAck;
        } catch {
          return;
        }
        const resolve = this.pendingAcks.get(ack.envelope_id);
        if (resolve) {
          this.pendingAcks.delete(ack.envelope_id);
          resolve(ack);
        }
      });
      ws.on('close', () => {
        this.sockets.delete(ws);
        this.changed();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'fake-slack' }, connection_info: { app_id: 'AFAKE' } }));
      this.changed();
    });
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

/** The Web API client sends form fields, with objects (blocks, view) as JSON strings. */
function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the string.
      }
    }
    args[key] = value;
  }
  return args;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
