import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Routes, type APIMessage, type APIUser, type Interaction } from 'discord.js';
import { botCaches } from './client-caches.js';
import type { Bot } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import type { TopicChoice } from '../../core/topics/topic-index.js';
import type { Logger } from '../../log.js';
import type { Poster } from '../poster.js';
import { prepareFiles, restFiles, type DiscordFile } from './attachments.js';
import { DeliveryError, describeFailure, isInvalidBody, isMissingPermissions, loggableError, startFailure } from './discord-errors.js';
import { InFlight } from '../in-flight.js';
import { createInteractionHandler, refuseWhileStopping } from './interactions.js';
import { InteractionsEndpoint } from './interactions-endpoint.js';
import { toInteraction } from './raw-interaction.js';
import type { OpsRoutes } from '../../ops/ops-routes.js';
import { Pacer, type Lane } from '../pacer.js';
import { renderMessage, renderPlain, type DiscordMessage } from './render.js';
import { restOptions, type RestTuning } from './rest-options.js';
import { isChoiceOf } from '../../core/actions.js';

/** How far back findPost looks: a retry follows its failed attempt within minutes. */
const recentMessages = 50;

export interface DiscordAdapterOptions {
  bot: Bot;
  topics: (query: string, limit: number) => TopicChoice[];
  token: string;
  /** REST base without the version, e.g. http://127.0.0.1:PORT/api; Discord's own when left out. */
  apiUrl?: string;
  log: Logger;
  /**
   * How long the core may take before an interaction is deferred. Discord allows 3 s for
   * the first response; 1.5 s leaves room for the round trip.
   */
  deferAfterMs?: number;
  rest?: RestTuning;
  /**
   * Receive interactions over HTTP (Discord's Interactions Endpoint URL) instead of the
   * gateway. Daily posts and replies go over REST either way.
   */
  interactions?: { publicKey: string; port: number; host?: string; ops?: OpsRoutes };
}

/**
 * The bot in Discord, in one of two modes. Gateway (the default): the real discord.js client
 * holds a WebSocket session per shard (`shards: 'auto'`, as many as Discord recommends) with
 * the Guilds intent only. Interactions endpoint: Discord POSTs each interaction over HTTP
 * and no connection is held, so several processes can serve one bot. Either way each
 * interaction goes through the same handler (interactions.ts), and the daily quiz's Poster
 * works over REST.
 */
export class DiscordAdapter implements Poster {
  private readonly client: Client;
  private readonly log: Logger;
  private started = false;
  private readonly inFlight = new InFlight();
  private readonly handle: (interaction: Interaction) => Promise<void>;
  private readonly endpoint: InteractionsEndpoint | undefined;
  /** The bot's user id: from the gateway's READY, or from GET /users/@me in the HTTP mode. */
  private ownId: string | undefined;
  /**
   * The daily quiz's calls, spread evenly over each second of the global limit: discord.js
   * alone would send a second's worth at once, and a burst at the edge of Discord's counting
   * window spills into the window before and meets 429s.
   */
  private readonly pacer = new Pacer();
  private readonly lanes: Lane[];

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.log.child({ adapter: 'discord' });
    // 5% under the limit: a call a timer lets through late would otherwise make a second hold
    // one request too many, and discord.js would stop every call until that second ends.
    this.lanes = [['global', 1000 / ((options.rest?.requestsPerSecond ?? 50) * 0.95)]];
    const http = options.interactions;
    this.endpoint = http && new InteractionsEndpoint({ ...http, log: this.log, receive: (payload) => this.receiveRaw(payload) });
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      shards: 'auto',
      rest: restOptions(options.apiUrl, options.rest, this.endpoint?.sink),
      allowedMentions: { parse: [] },
      makeCache: botCaches(),
    });
    this.handle = createInteractionHandler({ bot: options.bot, topics: options.topics, log: this.log, deferAfterMs: options.deferAfterMs ?? 1500 });
    if (!this.endpoint) this.client.on(Events.InteractionCreate, (interaction) => void this.receive(interaction));
    // Without an 'error' listener an EventEmitter error would take the process down.
    this.client.on(Events.Error, (error) => this.log.error({ err: error }, 'discord client error'));
    this.client.on(Events.Warn, (message) => this.log.warn({ message }, 'discord client warning'));
    // An unrecoverable close (bad token, disallowed intents) leaves the bot deaf to Discord: an error, not a warning.
    this.client.on(Events.ShardDisconnect, (event, shard) => this.log.error({ code: event.code, shard }, 'discord gateway closed and will not reconnect'));
    this.client.on(Events.GuildCreate, (guild) => this.log.info({ guild: guild.id, name: guild.name }, 'joined a discord server'));
  }

  /** Gateway: logs in and resolves once every shard is ready. HTTP: checks the token and listens. Rejects on a bad token. */
  async start(): Promise<void> {
    if (this.endpoint) return this.startEndpoint(this.endpoint);
    const ready = once(this.client, Events.ClientReady);
    // Swallowed here so a failed login does not leave an unhandled rejection behind; login throws instead.
    ready.catch(() => {});
    try {
      await this.client.login(this.options.token);
    } catch (error) {
      throw startFailure(error, this.options.apiUrl);
    }
    await ready;
    this.started = true;
    this.ownId = this.client.user?.id;
    this.log.info({ user: this.client.user?.tag, servers: this.client.guilds.cache.size, shards: this.client.ws.shards.size }, 'discord ready');
  }

  private async startEndpoint(endpoint: InteractionsEndpoint): Promise<void> {
    this.client.rest.setToken(this.options.token);
    const me = (await this.client.rest.get(Routes.user('@me'))) as APIUser;
    this.ownId = me.id;
    const port = await endpoint.start();
    this.started = true;
    this.log.info({ user: me.username, port, path: '/interactions' }, 'discord interactions endpoint ready');
  }

  /** Whether Discord's API answers with our token: for /healthz. */
  async reachable(): Promise<boolean> {
    await this.client.rest.get(Routes.user('@me'));
    return true;
  }

  /** Once shutdown began, a new interaction is told to come back rather than started; either way it is tracked, so REST stays up until its reply has gone out. */
  private receive(interaction: Interaction): Promise<void> {
    return this.inFlight.track(this.inFlight.accepting ? this.handle(interaction) : refuseWhileStopping(interaction, this.log));
  }

  /** An interaction that came over HTTP, already verified. */
  private async receiveRaw(payload: Record<string, unknown>): Promise<void> {
    const interaction = toInteraction(this.client, payload);
    if (!interaction) {
      this.log.warn({ type: payload.type }, 'discord sent an interaction of a kind this bot does not use');
      return;
    }
    await this.receive(interaction);
  }

  /** Takes no new interactions and resolves once those in flight have been answered; the connection stays up. */
  drain(): Promise<void> {
    return this.inFlight.drain();
  }

  async stop(): Promise<void> {
    await this.drain();
    this.started = false;
    await this.endpoint?.stop();
    await this.client.destroy();
  }

  /** The interactions endpoint's port, in the HTTP mode once started. */
  get interactionsPort(): number | undefined {
    return this.endpoint?.port;
  }

  async post(channelId: string, reply: Reply): Promise<string> {
    this.requireStarted();
    const message = await this.send(`posting in channel ${channelId}`, { channel: channelId }, reply, async ({ content, ...rest }, files) => {
      // An empty content string is not allowed on create (only on edit, where it clears the text).
      const body = content ? { content, ...rest } : rest;
      const upload = restFiles(files);
      return (await this.client.rest.post(Routes.channelMessages(channelId), { body: files.length > 0 ? { ...body, attachments: upload.attachments } : body, files: upload.files })) as APIMessage;
    });
    return message.id;
  }

  async edit(channelId: string, messageRef: string, reply: Reply): Promise<void> {
    this.requireStarted();
    await this.send(`editing message ${messageRef} in channel ${channelId}`, { channel: channelId, message: messageRef }, reply, (body, files) => {
      const upload = restFiles(files);
      return this.client.rest.patch(Routes.channelMessage(channelId, messageRef), { body: { ...body, attachments: upload.attachments }, files: upload.files });
    });
  }

  /** One channel call: the rich form, the plain form if Discord refuses the body, failures wrapped for the retry policy. */
  private async send<T>(what: string, context: Record<string, string>, reply: Reply, call: (body: DiscordMessage, files: readonly DiscordFile[]) => Promise<T>): Promise<T> {
    const prepared = await prepareFiles({ ...reply, visibility: 'public' }, this.log);
    await this.pacer.turn(this.lanes);
    const richOrPlain = async (message: Reply, files: readonly DiscordFile[]): Promise<T> => {
      try {
        return await call(renderMessage(message, { notify: true }), files);
      } catch (error) {
        if (!isInvalidBody(error)) throw error;
        this.log.warn({ ...context, err: loggableError(error) }, `discord refused the rich form while ${what}; sending plain text`);
        return await call(renderPlain(message), []);
      }
    };
    try {
      try {
        return await richOrPlain(prepared.reply, prepared.files);
      } catch (error) {
        // A server that invited the bot before it sent pictures may not grant Attach Files:
        // the message goes without its chart, whose numbers are in its text anyway.
        if (prepared.files.length === 0 || !isMissingPermissions(error)) throw error;
        this.log.warn({ ...context, err: loggableError(error) }, `discord refused the chart while ${what} (Attach Files missing?); sending it without`);
        return await richOrPlain({ ...prepared.reply, blocks: prepared.reply.blocks.filter((b) => b.type !== 'image') }, []);
      }
    } catch (error) {
      throw this.deliveryError(what, error, context);
    }
  }

  /**
   * The daily quiz asks before retrying a post that may have arrived without our hearing
   * back: a recent message of ours whose buttons or menu carry the post's answer action.
   */
  async findPost(channelId: string, answerAction: string): Promise<string | undefined> {
    this.requireStarted();
    let messages: APIMessage[];
    await this.pacer.turn(this.lanes);
    try {
      messages = (await this.client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(recentMessages) }) })) as APIMessage[];
    } catch (error) {
      throw this.deliveryError(`reading recent messages in channel ${channelId}`, error, { channel: channelId });
    }
    const ours = messages.filter((m) => m.author.id === this.ownId);
    return ours.find((m) => customIds(m).some((id) => isChoiceOf(id, answerAction)))?.id;
  }

  /** Logs the failure as a warning (or an error when unexpected) and wraps it for the daily quiz's retry policy. */
  private deliveryError(what: string, error: unknown, context: Record<string, string>): DeliveryError {
    const failure = describeFailure(error);
    const details = { ...context, code: failure.code, status: failure.status, retryAfterMs: failure.retryAfterMs, reason: failure.reason };
    if (failure.expected) this.log.warn(details, `discord: ${what} failed`);
    else this.log.error({ ...details, err: loggableError(error) }, `discord: ${what} failed`);
    return new DeliveryError(what, failure, { cause: error });
  }

  private requireStarted(): void {
    if (!this.started) throw new DeliveryError('discord adapter', { reason: 'not started', expected: false, retriable: true }, { cause: undefined });
  }
}

function customIds(message: APIMessage): string[] {
  const ids: string[] = [];
  for (const row of message.components ?? []) {
    const children: readonly object[] = 'components' in row ? row.components : [];
    for (const child of children) if ('custom_id' in child && typeof child.custom_id === 'string') ids.push(child.custom_id);
  }
  return ids;
}
