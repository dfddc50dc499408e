import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, webApi, type CustomRoute } from '@slack/bolt';
import type { OpsRoutes } from '../../ops/ops-routes.js';
import { ConfigError } from '../../config.js';
import { UnreachableError } from '../unreachable.js';
import type { Bot } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { Poster } from '../poster.js';
import { InFlight } from '../in-flight.js';
import { choicesBlockId } from './action-ids.js';
import { registerAppHome } from './app-home.js';
import { boltLogger } from './bolt-logger.js';
import { SlackCallers } from './caller.js';
import { refuseWhileStopping } from './refuse-while-stopping.js';
import { guardSlackRequests, maxBodyBytes } from './request-guard.js';
import { registerInteractions, registerUnknownActions } from './interactions.js';
import { registerViewSubmissions } from './modal.js';
import { refusalCode, toPostError, unsearchable } from './slack-errors.js';
import { Pacer, slackLanes } from '../pacer.js';
import { renderReply, type SlackMessage } from './render.js';
import type { SlackContext } from './slack-context.js';
import { screenSocketEvents } from './screen-events.js';
import { shareChart } from './share-chart.js';
import { registerSlashCommands } from './slash-commands.js';

export interface SlackAdapterOptions {
  bot: Bot;
  log: Logger;
  /** SLACK_BOT_TOKEN (xoxb-). */
  botToken: string;
  /** SLACK_APP_TOKEN (xapp-): Socket Mode. Without it the adapter listens for HTTP. */
  appToken?: string;
  /** SLACK_SIGNING_SECRET: verifies every HTTP request. */
  signingSecret?: string;
  /** HTTP mode: where Bolt listens (path /slack/events). */
  port?: number;
  host?: string;
  /** SLACK_API_URL: the Web API base; tests point it at the local fake. */
  apiUrl?: string;
  commandPrefix?: string;
  adminUsers?: ReadonlySet<string>;
  ackBudgetMs?: number;
  /** HTTP mode: GET /healthz and /metrics beside /slack/events, as Bolt custom routes. */
  ops?: OpsRoutes;
}

/**
 * The bot in a Slack workspace: slash commands, buttons and the App Home through Bolt, in
 * Socket Mode (no public URL) or over HTTP with signed requests; and the daily quiz's
 * Poster (chat.postMessage, then chat.update for the count and the reveal).
 */
export class SlackAdapter implements Poster {
  readonly mode: 'socket' | 'http';
  /** Listeners' own calls: auth.test, users.info, conversations.info. */
  private readonly client: webApi.WebClient;
  /** The daily quiz's client: no automatic retries, see the constructor. */
  private readonly posterClient: webApi.WebClient;
  private readonly clientOptions: webApi.WebClientOptions;
  private readonly logger: ReturnType<typeof boltLogger>;
  private readonly ctx: SlackContext;
  private app: App | undefined;
  private server: Server | undefined;
  private botId: string | undefined;
  private readonly inFlight = new InFlight();
  /** The daily quiz's calls, spaced to Slack's per-channel and per-method limits. */
  private readonly pacer = new Pacer();

  constructor(private readonly options: SlackAdapterOptions) {
    this.mode = options.appToken ? 'socket' : 'http';
    if (this.mode === 'http' && !options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    this.logger = boltLogger(options.log);
    this.clientOptions = {
      slackApiUrl: withTrailingSlash(options.apiUrl ?? 'https://slack.com/api/'),
      logger: this.logger,
      // A 429 must surface at once as an error carrying Retry-After, not park the request
      // queue; network errors get a few quick retries, not the default half hour (which
      // would also stall Socket Mode start-up).
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
      timeout: 15_000,
    };
    this.client = new webApi.WebClient(options.botToken, this.clientOptions);
    // A chat.postMessage that reached Slack but whose answer was lost must not be resent
    // blindly (that is a duplicate daily post): the daily quiz retries, after findPost.
    this.posterClient = new webApi.WebClient(options.botToken, { ...this.clientOptions, retryConfig: { retries: 0 } });

    const names = options.bot.specs.map((s) => s.name);
    const renderOptions = { commandNames: names, ...(options.commandPrefix ? { commandPrefix: options.commandPrefix } : {}) };
    this.ctx = {
      bot: options.bot,
      log: options.log,
      client: this.client,
      callers: new SlackCallers(this.client, { adminUsers: options.adminUsers ?? new Set(), log: options.log }),
      render: (reply: Reply, maxBlocks?: number): SlackMessage => renderReply(reply, { ...renderOptions, ...(maxBlocks ? { maxBlocks } : {}) }),
      ackBudgetMs: options.ackBudgetMs ?? 2000,
      ...(options.commandPrefix ? { commandPrefix: options.commandPrefix } : {}),
    };
  }

  /**
   * Checks the bot token (a refused one is a ConfigError naming it), then builds the Bolt
   * app and connects (Socket Mode) or listens (HTTP). The app is built here, not in the
   * constructor, so Bolt is handed the bot's identity and never runs an auth.test of its
   * own whose failure nobody would be waiting for.
   */
  async start(): Promise<void> {
    if (this.app) return;
    let auth: webApi.AuthTestResponse;
    try {
      auth = await this.client.auth.test();
    } catch (error) {
      const code = refusalCode(error, 'auth.test');
      // A refused token is a configuration mistake: one readable line, no stack.
      if (code) throw new ConfigError(`SLACK_BOT_TOKEN was refused by Slack (${code}); copy the Bot User OAuth Token (xoxb-) from OAuth & Permissions`);
      throw new UnreachableError("Slack's Web API", this.clientOptions.slackApiUrl ?? 'https://slack.com/api/', error, 'SLACK_API_URL');
    }
    this.botId = auth.bot_id;
    const identity = { token: this.options.botToken, botId: auth.bot_id, botUserId: auth.user_id, tokenVerificationEnabled: false };
    const common = { ...identity, clientOptions: { ...this.clientOptions }, logger: this.logger };
    const app =
      this.mode === 'socket'
        ? new App({ ...common, appToken: this.options.appToken, socketMode: true })
        : new App({ ...common, receiver: this.httpReceiver() });
    app.error(async (error) => {
      this.options.log.error({ err: error }, 'slack listener error');
    });
    // First in the chain: every listener runs inside it, so shutdown can refuse new work and wait for the rest.
    app.use(async (args) => {
      if (this.inFlight.accepting) await this.inFlight.track(args.next());
      else await this.inFlight.track(refuseWhileStopping(args, this.options.log));
    });
    if (this.mode === 'socket') screenSocketEvents(app, this.options.log);
    registerSlashCommands(app, this.ctx);
    registerInteractions(app, this.ctx);
    registerViewSubmissions(app, this.ctx);
    registerUnknownActions(app, this.ctx);
    registerAppHome(app, this.ctx);

    if (this.mode === 'socket') {
      try {
        await app.start();
      } catch (error) {
        const code = refusalCode(error, 'apps.connections.open');
        if (code) throw new ConfigError(`SLACK_APP_TOKEN was refused by Slack (${code}); generate an app-level token (xapp-) with the connections:write scope under Basic Information`);
        throw error;
      }
    } else this.server = await app.start({ port: this.options.port ?? 3000, ...(this.options.host ? { host: this.options.host } : {}) });
    this.app = app;
    this.options.log.info({ mode: this.mode, team: auth.team_id, port: this.port }, 'slack adapter started');
  }

  /**
   * HTTP mode: Bolt's receiver, behind the guard that refuses unsigned, oversized and replayed
   * requests before Bolt reads them; GET /healthz and /metrics beside it as custom routes.
   */
  private httpReceiver(): HTTPReceiver {
    const signingSecret = this.options.signingSecret ?? '';
    const receiver = new HTTPReceiver({ signingSecret, logger: this.logger, bodyLimit: maxBodyBytes, customRoutes: opsRoutes(this.options.ops) });
    receiver.requestListener = guardSlackRequests(receiver.requestListener, { signingSecret, log: this.options.log });
    return receiver;
  }

  /** Whether Slack's Web API accepts our token: for /healthz. */
  async reachable(): Promise<boolean> {
    return (await this.client.auth.test()).ok === true;
  }

  /** Takes no new commands or presses and resolves once those in flight have been answered; the connection stays up. */
  drain(): Promise<void> {
    return this.inFlight.drain();
  }

  async stop(): Promise<void> {
    const app = this.app;
    if (!app) return;
    await this.drain();
    this.app = undefined;
    await app.stop();
    this.server = undefined;
  }

  /** HTTP mode: the port Bolt listens on (useful when started on port 0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  /** Posts in a channel; the message's ts is its reference for later edits. */
  async post(channelId: string, reply: Reply): Promise<string> {
    const message = this.ctx.render(reply);
    let ts: string;
    try {
      await this.pacer.turn(slackLanes('chat.postMessage', channelId));
      const result = await this.posterClient.chat.postMessage({ channel: channelId, ...message, unfurl_links: false, unfurl_media: false });
      if (!result.ts) throw new Error('chat.postMessage returned no ts');
      ts = result.ts;
    } catch (error) {
      throw toPostError(error, { method: 'chat.postMessage', channelId }, this.options.log);
    }
    await shareChart(this.posterClient, reply, channelId, ts, this.options.log);
    return ts;
  }

  /** Replaces a posted message: the daily quiz's answer count and its reveal. */
  async edit(channelId: string, messageRef: string, reply: Reply): Promise<void> {
    const message = this.ctx.render(reply);
    try {
      await this.pacer.turn(slackLanes('chat.update', channelId));
      await this.posterClient.chat.update({ channel: channelId, ts: messageRef, ...message });
    } catch (error) {
      throw toPostError(error, { method: 'chat.update', channelId, messageRef }, this.options.log);
    }
    // After the edit, outside its try: the edit stands whatever happens to the picture.
    await shareChart(this.posterClient, reply, channelId, messageRef, this.options.log);
  }

  /**
   * Our recent message in the channel carrying this answer action, if an earlier attempt
   * reached Slack unheard. Where history cannot be read, says "none" so the post goes out;
   * a passing failure throws so the daily quiz tries again later.
   */
  async findPost(channelId: string, answerAction: string): Promise<string | undefined> {
    const blockId = choicesBlockId(answerAction);
    try {
      await this.pacer.turn(slackLanes('conversations.history', channelId));
      const history = await this.posterClient.conversations.history({ channel: channelId, limit: 50 });
      const ours = (history.messages ?? []).filter((m) => !this.botId || m.bot_id === this.botId);
      return ours.find((m) => (m.blocks ?? []).some((b) => b.block_id === blockId))?.ts;
    } catch (error) {
      const code = refusalCode(error, 'conversations.history');
      if (code && unsearchable.has(code)) {
        this.options.log.warn({ channelId, error: code }, 'slack cannot read the channel history to look for an earlier daily post; posting afresh');
        return undefined;
      }
      throw toPostError(error, { method: 'conversations.history', channelId }, this.options.log);
    }
  }
}

function opsRoutes(ops: OpsRoutes | undefined): CustomRoute[] {
  if (!ops) return [];
  return ['/healthz', '/metrics'].map((path) => ({ path, method: 'GET', handler: (req, res) => void ops.handle(req, res) }));
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
