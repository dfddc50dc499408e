/**
 * JSON shapes the fake Discord sends: users, members, guilds, channels, messages and
 * interactions, in the form the real gateway and REST API use (v10), with just the
 * fields discord.js reads.
 */
import { PermissionFlagsBits } from 'discord.js';

export type Json = Record<string, unknown>;

const discordEpoch = 1_420_070_400_000n;
let counter = 0n;

/** Unique snowflakes, increasing like Discord's, so discord.js can read a timestamp from them. */
export function snowflake(): string {
  counter += 1n;
  return (((1_763_000_000_000n - discordEpoch) << 22n) + counter).toString();
}

/** A snowflake from `offsetMs` later: guild ids differ in their timestamp bits, as real ones do, so they spread over shards. */
export function laterSnowflake(offsetMs: number): string {
  counter += 1n;
  return (((1_763_000_000_000n + BigInt(offsetMs) - discordEpoch) << 22n) + counter).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot?: boolean;
}

export interface FakeMember {
  user: FakeUser;
  nick: string | null;
  /** What Discord computes for the member in the channel of an interaction. */
  permissions: bigint;
}

export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  type: number;
  /** Permissions this channel's overwrite denies to the bot's member. */
  botDeny: bigint;
  deleted: boolean;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: Map<string, FakeChannel>;
}

/** What an ordinary member may do in a channel. */
export const memberPermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands;

export const adminPermissions = memberPermissions | PermissionFlagsBits.ManageGuild;

export function userJson(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName,
    discriminator: '0',
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function interactionMemberJson(member: FakeMember, joinedAt: string): Json {
  return {
    user: userJson(member.user),
    nick: member.nick,
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0,
    avatar: null,
    permissions: member.permissions.toString(),
  };
}

export function channelJson(channel: FakeChannel, botUserId: string): Json {
  return {
    id: channel.id,
    guild_id: channel.guildId,
    name: channel.name,
    type: channel.type,
    position: 0,
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: channel.botDeny === 0n ? [] : [{ id: botUserId, type: 1, allow: '0', deny: channel.botDeny.toString() }],
  };
}

/** GUILD_CREATE: the guild with its channels, the @everyone role and the bot's own member. */
export function guildCreateJson(guild: FakeGuild, bot: FakeUser, joinedAt: string): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [
      { id: guild.id, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: memberPermissions.toString(), managed: false, mentionable: false, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: userJson(bot), nick: null, roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0, avatar: null }],
    channels: [...guild.channels.values()].filter((c) => !c.deleted).map((c) => channelJson(c, bot.id)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageFields {
  id: string;
  channelId: string;
  author: FakeUser;
  body: Json;
  /** 0 for a channel post, 20 for an interaction response. */
  type: number;
  flags: number;
  applicationId: string;
  timestamp: string;
}

/** A message as REST returns it, built from the body the bot sent. */
export function messageJson(m: MessageFields): Json {
  return {
    id: m.id,
    channel_id: m.channelId,
    author: userJson(m.author),
    content: typeof m.body.content === 'string' ? m.body.content : '',
    timestamp: m.timestamp,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: Array.isArray(m.body.attachments) ? m.body.attachments : [],
    embeds: Array.isArray(m.body.embeds) ? m.body.embeds : [],
    components: Array.isArray(m.body.components) ? m.body.components : [],
    reactions: [],
    pinned: false,
    type: m.type,
    flags: m.flags,
    ...(m.type === 20 ? { webhook_id: m.applicationId, application_id: m.applicationId } : {}),
  };
}

/** PermissionFlagsBits are bigint; Discord sends them as decimal strings. */
export function permissionString(bits: bigint): string {
  return bits.toString();
}
