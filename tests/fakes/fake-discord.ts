import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './fake-discord-gateway.js';
import { FakeInteraction } from './fake-discord-interaction.js';
import { modalSubmitData } from './fake-discord-modal.js';
import {
  adminPermissions,
  channelJson,
  interactionMemberJson,
  laterSnowflake,
  memberPermissions,
  snowflake,
  type FakeChannel,
  type FakeGuild,
  type FakeMember,
  type Json,
} from './fake-discord-payloads.js';
import { handleRest } from './fake-discord-rest.js';
import { FakeInteractionsSender } from './fake-discord-http.js';
import { FakeRateLimits, type RateLimitSettings } from './fake-discord-limits.js';
import { FakeState, type InjectedFailure, type InteractionRecord, type StoredMessage } from './fake-discord-state.js';

export { FakeInteraction };
export type { FakeMember, Json, StoredMessage };

/** Option types of Discord's command JSON the fake turns test values into. */
const optionType = { subcommand: 1, string: 3, channel: 7 } as const;

export interface FakeGuildHandle {
  id: string;
  name: string;
  /** Channel ids by name. */
  channels: Record<string, string>;
}

export interface SlashOptions {
  guild: FakeGuildHandle;
  channel?: string;
  member: FakeMember;
  name: string;
  sub?: string;
  options?: Record<string, string>;
  /** Alters the INTERACTION_CREATE payload before it is sent: a crafted interaction, not one Discord's client would make. */
  craft?: (payload: Json) => void;
}

export interface AutocompleteOptions extends SlashOptions {
  /** The option being typed in. */
  focused: string;
}

export interface PressOptions {
  member: FakeMember;
  /** The message whose button or menu is used. */
  messageId: string;
  customId: string;
  /** A string select's chosen values; a button press when left out. */
  values?: string[];
  /** Where the press happens, when not where the message is (a crafted press). */
  guild?: FakeGuildHandle;
}

/**
 * A local stand-in for Discord on 127.0.0.1: the REST API under /api/v10 and the gateway
 * WebSocket at /gateway, good enough for the real discord.js Client to log in, become
 * ready and receive interactions, and recording every interaction response, follow-up,
 * edit and channel message the bot makes.
 */
export class FakeDiscord {
  readonly state: FakeState;
  private readonly gateway: FakeGateway;
  /** The Interactions Endpoint URL side: signed POSTs to the bot (see useEndpoints). */
  readonly http: FakeInteractionsSender;
  private readonly joinedAt = new Date().toISOString();

  private constructor(
    private readonly server: Server,
    private readonly sockets: WebSocketServer,
    token: string,
  ) {
    this.state = new FakeState(token, snowflake(), { id: snowflake(), username: 'cloudstudy', globalName: 'cloudstudy', bot: true });
    this.gateway = new FakeGateway(this.state);
    this.http = new FakeInteractionsSender(this.state);
  }

  /**
   * `limits` turns on Discord's rate limits; `shards` and `maxConcurrency` are what GET
   * /gateway/bot recommends (1 and 1 unless asked).
   */
  static async start(options: { token?: string; limits?: RateLimitSettings; shards?: number; maxConcurrency?: number } = {}): Promise<FakeDiscord> {
    const server = createServer();
    const sockets = new WebSocketServer({ server, path: '/gateway' });
    const fake = new FakeDiscord(server, sockets, options.token ?? 'fake-bot-token');
    if (options.limits) fake.state.limits = new FakeRateLimits(options.limits);
    fake.state.shards = options.shards ?? 1;
    fake.state.maxConcurrency = options.maxConcurrency ?? 1;
    server.on('request', (req, res) => void handleRest(fake.state, req, res));
    fake.gateway.attach(sockets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake.state.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    fake.apiUrl = `http://127.0.0.1:${port}/api`;
    return fake;
  }

  /** REST base for discord.js's `rest.api` (it appends /v10). */
  apiUrl = '';

  get token(): string {
    return this.state.token;
  }
  get applicationId(): string {
    return this.state.applicationId;
  }
  get botUserId(): string {
    return this.state.bot.id;
  }

  async stop(): Promise<void> {
    this.gateway.closeAll();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A server the bot is in; add guilds before the client logs in so READY lists them. */
  addGuild(name: string, channelNames: readonly string[] = ['general', 'quiz'], id: string = laterSnowflake(this.state.guilds.size)): FakeGuildHandle {
    const guild: FakeGuild = { id, name, ownerId: snowflake(), channels: new Map() };
    const channels: Record<string, string> = {};
    for (const channelName of channelNames) {
      const channel: FakeChannel = { id: snowflake(), guildId: guild.id, name: channelName, type: 0, botDeny: 0n, deleted: false };
      guild.channels.set(channel.id, channel);
      channels[channelName] = channel.id;
    }
    this.state.guilds.set(guild.id, guild);
    return { id: guild.id, name, channels };
  }

  /** A server member; `admin` gives Manage Server. */
  member(username: string, options: { nick?: string; globalName?: string; admin?: boolean } = {}): FakeMember {
    return {
      user: { id: snowflake(), username, globalName: options.globalName ?? null },
      nick: options.nick ?? null,
      permissions: options.admin ? adminPermissions : memberPermissions,
    };
  }

  /** Takes permissions away from the bot in one channel, and tells the gateway so the client's cache agrees. */
  denyBot(channelId: string, permissions: bigint): void {
    const channel = this.channel(channelId);
    channel.botDeny = permissions;
    this.gateway.dispatch('CHANNEL_UPDATE', channelJson(channel, this.botUserId));
  }

  /** Someone deletes a channel. */
  deleteChannel(channelId: string): void {
    const channel = this.channel(channelId);
    channel.deleted = true;
    this.gateway.dispatch('CHANNEL_DELETE', channelJson(channel, this.botUserId));
  }

  /** Someone deletes a message. */
  deleteMessage(messageId: string): void {
    const stored = this.state.messages.get(messageId);
    if (!stored) throw new Error(`no message ${messageId}`);
    stored.deleted = true;
    this.gateway.dispatch('MESSAGE_DELETE', { id: messageId, channel_id: stored.channelId, guild_id: stored.guildId });
  }

  /** Makes the REST API fail: a status with a Discord error code, a 429, or a request left hanging. */
  fail(failure: Omit<InjectedFailure, 'times'> & { times?: number }): InjectedFailure {
    const injected: InjectedFailure = { ...failure, times: failure.times ?? 1 };
    this.state.failures.push(injected);
    return injected;
  }

  /**
   * Holds the next matching request: it is answered as usual only once `release()` is called.
   * `reached` resolves when it arrives, so a test knows the bot is waiting on it (mid-reply).
   */
  hold(match: { method?: string; path: RegExp }): { reached: Promise<void>; release(): void } {
    let release = (): void => {};
    let arrived = (): void => {};
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.state.failures.push({ ...match, status: 'hold', times: 1, onHeld: arrived, released });
    return { reached, release };
  }

  clearFailures(): void {
    this.state.failures.splice(0);
  }

  /** Plays an interaction whose token has run out: every response to it gets 10062 Unknown interaction. */
  expire(interaction: FakeInteraction): void {
    interaction.record.expired = true;
  }

  /**
   * Drops an answered interaction from the fake's memory (its record, response messages and
   * the request log), for the bench: thousands of kept records would make the fake's own
   * garbage collection a large part of the latencies it times.
   */
  forget(interaction: FakeInteraction): void {
    const { record } = interaction;
    this.state.interactions.delete(record.id);
    this.state.byToken.delete(record.token);
    for (const id of [record.original?.messageId, ...record.followups]) if (id) this.state.messages.delete(id);
    this.state.calls.splice(0);
  }

  /** A member runs a slash command, as Discord delivers it. The command must have been registered. */
  slashCommand(options: SlashOptions): FakeInteraction {
    const { data } = this.commandData(options);
    return this.dispatchInteraction(2, options.guild, options.channel, options.member, { data }, options.craft);
  }

  /** A member types in an autocomplete option. */
  autocomplete(options: AutocompleteOptions): FakeInteraction {
    const { data } = this.commandData(options, options.focused);
    return this.dispatchInteraction(4, options.guild, options.channel, options.member, { data }, options.craft);
  }

  /** A member presses a button or picks from a menu on a message. */
  press(options: PressOptions): FakeInteraction {
    const stored = this.state.messages.get(options.messageId);
    if (!stored) throw new Error(`no message ${options.messageId}`);
    const guild = options.guild ?? this.guildHandle(stored.guildId);
    const channel = options.guild ? undefined : stored.channelId;
    const data = options.values ? { custom_id: options.customId, component_type: 3, values: options.values } : { custom_id: options.customId, component_type: 2 };
    return this.dispatchInteraction(3, guild, channel, options.member, { data, message: stored.message });
  }

  /** A member submits a modal the bot opened (MODAL_SUBMIT, type 5): its custom id and each text input's value. */
  submitModal(options: { guild: FakeGuildHandle; member: FakeMember; customId: string; values: Record<string, string>; channel?: string }): FakeInteraction {
    return this.dispatchInteraction(5, options.guild, options.channel, options.member, { data: modalSubmitData(options.customId, options.values) });
  }

  /** Messages the bot posted in a channel (not interaction responses), oldest first. */
  channelMessages(channelId: string): Json[] {
    return [...this.state.messages.values()].filter((m) => m.channelId === channelId && m.message.type === 0 && !m.deleted).map((m) => m.message);
  }

  message(id: string): StoredMessage | undefined {
    return this.state.messages.get(id);
  }

  /** Resolves with check()'s value once it is defined, re-checking after every request and gateway event. */
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onChange = (): void => {
        let value: T | undefined | false;
        try {
          value = check();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value !== undefined && value !== false) {
          done();
          resolve(value);
        }
      };
      // A safety net so a broken test fails with a reason instead of hanging; not a timing assertion.
      const timer = setTimeout(() => {
        done();
        const recent = this.state.calls.slice(-8).map((c) => `${c.method} ${c.path} → ${c.status}`);
        reject(new Error(`fake discord: gave up waiting for ${what}. Recent requests: ${recent.join('; ') || 'none'}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.state.off('change', onChange);
      };
      this.state.on('change', onChange);
      onChange();
    });
  }

  /** Resolves once a client has identified on the gateway and been sent READY. */
  whenIdentified(timeoutMs?: number): Promise<true> {
    return this.waitFor(() => this.gateway.ready || undefined, 'a client to identify', timeoutMs);
  }

  private channel(id: string): FakeChannel {
    for (const guild of this.state.guilds.values()) {
      const channel = guild.channels.get(id);
      if (channel) return channel;
    }
    throw new Error(`no channel ${id}`);
  }

  private guildHandle(id: string): FakeGuildHandle {
    const guild = this.state.guilds.get(id);
    if (!guild) throw new Error(`no guild ${id}`);
    return { id, name: guild.name, channels: Object.fromEntries([...guild.channels.values()].map((c) => [c.name, c.id])) };
  }

  /** Builds `data` for a command interaction from the registered command JSON, as Discord would. */
  private commandData(options: SlashOptions, focused?: string): { data: Json } {
    const registered = [...(this.state.guildCommands.get(options.guild.id) ?? []), ...this.state.globalCommands];
    const command = registered.find((c) => c.name === options.name);
    if (!command) throw new Error(`/${options.name} is not registered with the fake; register the commands first`);
    const declared = (command.options as Json[] | undefined) ?? [];
    const sub = options.sub === undefined ? undefined : declared.find((o) => o.type === optionType.subcommand && o.name === options.sub);
    if (options.sub !== undefined && !sub) throw new Error(`/${options.name} has no subcommand ${options.sub}`);
    const optionDefs = sub ? ((sub.options as Json[] | undefined) ?? []) : declared;
    const resolvedChannels: Record<string, Json> = {};
    const values: Json[] = Object.entries(options.options ?? {}).map(([name, value]) => {
      const def = optionDefs.find((o) => o.name === name);
      if (!def) throw new Error(`/${options.name} has no option ${name}`);
      if (def.type === optionType.channel) {
        const channel = this.channel(value);
        resolvedChannels[value] = { id: channel.id, name: channel.name, type: channel.type, permissions: options.member.permissions.toString() };
      }
      return { name, type: def.type, value, ...(focused === name ? { focused: true } : {}) };
    });
    const data: Json = {
      id: command.id,
      name: command.name,
      type: 1,
      guild_id: options.guild.id,
      options: sub ? [{ name: sub.name, type: optionType.subcommand, options: values }] : values,
      ...(Object.keys(resolvedChannels).length > 0 ? { resolved: { channels: resolvedChannels } } : {}),
    };
    return { data };
  }

  private dispatchInteraction(type: number, guild: FakeGuildHandle, channelId: string | undefined, member: FakeMember, extra: Json, craft?: (payload: Json) => void): FakeInteraction {
    const channel = this.channel(channelId ?? guild.channels.general ?? Object.values(guild.channels)[0] ?? '');
    const record: InteractionRecord = {
      id: snowflake(),
      token: `itoken-${snowflake()}`,
      type,
      guildId: guild.id,
      channelId: channel.id,
      userId: member.user.id,
      ...(typeof (extra.message as Json | undefined)?.id === 'string' ? { messageId: String((extra.message as Json).id) } : {}),
      expired: false,
      callbacks: [],
      refused: [],
      followups: [],
    };
    this.state.interactions.set(record.id, record);
    this.state.byToken.set(record.token, record);
    const payload: Json = {
      id: record.id,
      application_id: this.applicationId,
      type,
      token: record.token,
      version: 1,
      guild_id: guild.id,
      guild: { id: guild.id, locale: 'en-US', features: [] },
      channel_id: channel.id,
      channel: { ...channelJson(channel, this.botUserId) },
      member: interactionMemberJson(member, this.joinedAt),
      app_permissions: (memberPermissions & ~channel.botDeny).toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...extra,
    };
    craft?.(payload);
    const interaction = new FakeInteraction(this, record, payload);
    record.dispatchedAt = performance.now();
    if (this.http.active) void this.http.deliver(record, payload);
    else this.gateway.dispatch('INTERACTION_CREATE', payload);
    return interaction;
  }

  /** From now on interactions are POSTed to these endpoint URLs in turn (Interactions Endpoint URL mode), not sent over the gateway. */
  useEndpoints(urls: string[]): void {
    this.http.use(urls);
  }

  /** The shards identified on the gateway, as [id, count]. */
  get shards(): Array<[number, number]> {
    return this.gateway.shards;
  }

  /** Delivers the same INTERACTION_CREATE again, as a resumed gateway session may. */
  redeliver(interaction: FakeInteraction): void {
    this.gateway.dispatch('INTERACTION_CREATE', interaction.payload);
  }
}
