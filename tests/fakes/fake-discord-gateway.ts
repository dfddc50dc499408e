import type { IncomingMessage } from 'node:http';
import { WebSocket, type WebSocketServer } from 'ws';
import { guildCreateJson, snowflake, userJson, type Json } from './fake-discord-payloads.js';
import type { FakeState } from './fake-discord-state.js';

/** Gateway opcodes the fake speaks. */
const op = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;
/** Discord's real interval; the client jitters its first beat within it and the fake acknowledges every beat. */
const heartbeatInterval = 41_250;
const authenticationFailed = 4004;
const invalidShard = 4010;

interface Session {
  ws: WebSocket;
  seq: number;
  identified: boolean;
  /** [shard id, shard count] from IDENTIFY; [0, 1] when the client does not shard. */
  shard: [number, number];
}

/** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard count. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * The gateway half of the fake: plain JSON over a WebSocket (discord.js speaks JSON when
 * zlib-sync is not installed). HELLO, IDENTIFY → READY plus one GUILD_CREATE per guild,
 * heartbeats acknowledged, and dispatches of whatever events a test asks for.
 */
export class FakeGateway {
  private readonly sessions = new Set<Session>();

  constructor(private readonly state: FakeState) {}

  attach(server: WebSocketServer): void {
    server.on('connection', (ws, req) => this.open(ws, req));
  }

  /** True once a client has identified and been sent READY. */
  get ready(): boolean {
    return [...this.sessions].some((s) => s.identified && s.ws.readyState === WebSocket.OPEN);
  }

  /** The shards identified so far, as [id, count]. */
  get shards(): Array<[number, number]> {
    return [...this.sessions].filter((s) => s.identified).map((s) => s.shard);
  }

  /** Sends a dispatch (op 0) to every identified session whose shard holds the guild (every session when there is no guild). */
  dispatch(type: string, data: Json): void {
    const guildId = typeof data.guild_id === 'string' ? data.guild_id : undefined;
    for (const session of this.sessions) {
      if (!session.identified || (guildId !== undefined && shardOf(guildId, session.shard[1]) !== session.shard[0])) continue;
      this.send(session, { op: op.dispatch, t: type, d: data });
    }
  }

  closeAll(): void {
    for (const session of this.sessions) session.ws.terminate();
    this.sessions.clear();
  }

  private open(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress')) {
      ws.close(4002, 'the fake speaks uncompressed JSON only');
      return;
    }
    const session: Session = { ws, seq: 0, identified: false, shard: [0, 1] };
    this.sessions.add(session);
    ws.on('close', () => this.sessions.delete(session));
    ws.on('message', (raw) => this.receive(session, raw.toString()));
    ws.send(JSON.stringify({ op: op.hello, d: { heartbeat_interval: heartbeatInterval }, s: null, t: null }));
  }

  private receive(session: Session, raw: string): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(raw) as { op?: number; d?: unknown };
    } catch {
      session.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case op.heartbeat:
        session.ws.send(JSON.stringify({ op: op.heartbeatAck, d: null, s: null, t: null }));
        break;
      case op.identify:
        this.identify(session, (payload.d ?? {}) as Json);
        break;
      case op.resume:
        // The fake keeps no session history: make the client identify afresh.
        session.ws.send(JSON.stringify({ op: op.invalidSession, d: false, s: null, t: null }));
        break;
      default:
        break;
    }
  }

  private identify(session: Session, data: Json): void {
    this.state.identifies.push(data);
    this.state.changed();
    if (data.token !== this.state.token) {
      session.ws.close(authenticationFailed, 'Authentication failed.');
      return;
    }
    const shard = Array.isArray(data.shard) ? (data.shard as number[]) : [0, 1];
    const [id = 0, count = 1] = shard;
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      session.ws.close(invalidShard, 'Invalid shard.');
      return;
    }
    session.shard = [id, count];
    session.identified = true;
    const guilds = [...this.state.guilds.values()].filter((g) => shardOf(g.id, count) === id);
    this.send(session, {
      op: op.dispatch,
      t: 'READY',
      d: {
        v: 10,
        user: { ...userJson(this.state.bot), verified: true, mfa_enabled: false, flags: 0 },
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: snowflake(),
        resume_gateway_url: this.state.gatewayUrl,
        shard: session.shard,
        application: { id: this.state.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
      },
    });
    const joinedAt = new Date().toISOString();
    for (const guild of guilds) this.send(session, { op: op.dispatch, t: 'GUILD_CREATE', d: guildCreateJson(guild, this.state.bot, joinedAt) });
    this.state.changed();
  }

  private send(session: Session, payload: Json): void {
    if (session.ws.readyState !== WebSocket.OPEN) return;
    if (payload.op === op.dispatch) {
      session.seq += 1;
      payload = { ...payload, s: session.seq };
    }
    session.ws.send(JSON.stringify(payload));
  }
}
