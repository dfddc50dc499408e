import { EventEmitter } from 'node:events';
import type { FakeRateLimits } from './fake-discord-limits.js';
import type { FakeGuild, FakeUser, Json } from './fake-discord-payloads.js';

/** One REST request the bot made, as the fake answered it. */
export interface RestCall {
  seq: number;
  method: string;
  /** Path below /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: Record<string, string>;
  body: Json | undefined;
  status: number;
  /** Date.now() when the fake answered it. */
  at: number;
}

/** A message the bot can see again: a channel post or an interaction response. */
export interface StoredMessage {
  channelId: string;
  guildId: string;
  message: Json;
  ephemeral: boolean;
  deleted: boolean;
}

/** Everything the fake knows about one interaction it dispatched. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  guildId: string;
  channelId: string;
  userId: string;
  /** Set by a test to play an interaction whose 3 seconds (or 15 minutes) have run out. */
  expired: boolean;
  /** Accepted initial responses: { type, data }. Discord accepts exactly one. */
  callbacks: Json[];
  /** Responses refused because the interaction was already acknowledged. */
  refused: Json[];
  /** The message a component interaction's button or menu sits on. */
  messageId?: string;
  /**
   * The message the initial response created (type 4) or will create (type 5, deferred);
   * for a component's update (type 7, or 6 then an edit) the message the component sits on.
   */
  original?: { messageId: string; ephemeral: boolean; deferred: boolean; edited: boolean; deleted: boolean; updated?: boolean };
  followups: string[];
  /** Choices from an autocomplete response. */
  choices?: Json[];
  /** The HTTP status the bot's interactions endpoint answered with (HTTP mode); 0 when it could not be reached. */
  httpStatus?: number;
  /** performance.now() when INTERACTION_CREATE went out, and when the first callback arrived (for the bench). */
  dispatchedAt?: number;
  callbackAt?: number;
}

/** A failure a test asks the fake REST API to return. */
export interface InjectedFailure {
  method?: string;
  path: RegExp;
  /** An HTTP status with a Discord error body, 'hang' to never answer, or 'hold' to answer normally once `released` settles. */
  status: number | 'hang' | 'hold';
  /** For 'hold': told when the request arrives, and awaited before it is answered. */
  onHeld?: () => void;
  released?: Promise<void>;
  code?: number;
  message?: string;
  /** For 429s: seconds, as Discord's retry_after. */
  retryAfter?: number;
  /** How many requests it applies to; Infinity for a storm. */
  times: number;
}

/** The fake's shared state; REST and gateway write it, tests read it. */
export class FakeState extends EventEmitter {
  readonly guilds = new Map<string, FakeGuild>();
  readonly globalCommands: Json[] = [];
  readonly guildCommands = new Map<string, Json[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();
  readonly messages = new Map<string, StoredMessage>();
  readonly calls: RestCall[] = [];
  readonly failures: InjectedFailure[] = [];
  /** Requests the fake does not know; a test can assert there are none. */
  readonly unknownRoutes: string[] = [];
  readonly identifies: Json[] = [];
  /** Bodies the fake refused with a 400 as Discord would (limits, shapes); a test can assert there are none. */
  readonly invalidBodies: string[] = [];
  /** ws://127.0.0.1:PORT/gateway, once the server listens. */
  gatewayUrl = '';
  /** Discord's rate limits, when the test asks for them. */
  limits: FakeRateLimits | undefined;
  /** What GET /gateway/bot recommends: the shard count, and how many shards may identify at once. */
  shards = 1;
  maxConcurrency = 1;
  private seq = 0;

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly bot: FakeUser,
  ) {
    super();
    this.setMaxListeners(100);
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Tells waiting tests to look again. */
  changed(): void {
    this.emit('change');
  }

  /** The first injected failure matching a request, used up by one. */
  takeFailure(method: string, path: string): InjectedFailure | undefined {
    const failure = this.failures.find((f) => (f.method === undefined || f.method === method) && f.path.test(path) && f.times > 0);
    if (failure) failure.times -= 1;
    return failure;
  }
}
