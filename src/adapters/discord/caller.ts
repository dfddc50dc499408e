import { GuildMember, PermissionFlagsBits, type APIInteractionGuildMember, type BaseInteraction } from 'discord.js';
import type { Caller } from '../../core/commands/spec.js';

const maxNameLength = 32;

/**
 * The core's Caller for an interaction, or undefined outside a server (a community is a
 * server: a DM has no community to keep scores in). Everything comes from the interaction
 * itself, so no member fetch and no privileged intent is needed.
 */
export function callerFromInteraction(interaction: BaseInteraction): Caller | undefined {
  if (!interaction.inGuild()) return undefined;
  const guildId = interaction.guildId;
  return {
    community: { platform: 'discord', externalId: guildId, name: interaction.guild?.name ?? guildId },
    userId: interaction.user.id,
    displayName: displayNameOf(interaction.member, interaction.user),
    // Permissions Discord computed for this member in this channel: roles, overwrites and ownership
    // included. A payload without them grants nothing.
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
  };
}

/** Server nickname, else global display name, else username: what the member sees elsewhere in the server. */
export function displayNameOf(
  member: GuildMember | APIInteractionGuildMember,
  user: { username: string; globalName: string | null },
): string {
  const nick = member instanceof GuildMember ? member.nickname : (member.nick ?? null);
  const name = clean(nick) ?? clean(user.globalName) ?? clean(user.username) ?? 'member';
  return name.length <= maxNameLength ? name : name.slice(0, maxNameLength);
}

function clean(name: string | null | undefined): string | undefined {
  // Control characters would break tables and logs; names are shown, never used as keys.
  const stripped = name?.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim();
  return stripped ? stripped : undefined;
}
