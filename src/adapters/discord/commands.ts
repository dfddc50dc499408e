import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIApplicationGuildCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec, OptionSpec } from '../../core/commands/spec.js';

/** Discord's limits on command declarations. */
const maxDescription = 100;
const maxChoices = 25;
const maxOptions = 25;
const nameRule = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Channels the bot can post a quiz in: text and announcement channels. */
export const postableChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/**
 * Discord's application command JSON, generated from the core's command table so the two
 * can never disagree. Every command is guild-only: a community is a server, so a DM has
 * nowhere to keep scores. Admin commands are hidden from members without Manage Server by
 * default_member_permissions; the core checks again, because server admins can override it.
 */
export function discordCommands(specs: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return specs.map((spec) => {
    checkName(spec.name, `/${spec.name}`);
    const options: APIApplicationCommandOption[] = spec.subcommands?.length
      ? spec.subcommands.map((sub) => {
          checkName(sub.name, `/${spec.name} ${sub.name}`);
          return {
            type: ApplicationCommandOptionType.Subcommand,
            name: sub.name,
            description: describe(sub.description),
            options: basicOptions(sub.options, `/${spec.name} ${sub.name}`),
          };
        })
      : basicOptions(spec.options, `/${spec.name}`);
    return {
      type: ApplicationCommandType.ChatInput,
      name: spec.name,
      description: describe(spec.description),
      options,
      default_member_permissions: spec.admin ? String(PermissionFlagsBits.ManageGuild) : null,
      dm_permission: false,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    };
  });
}

/** Guild commands take no contexts, integration types or DM flag: a guild command is guild-only by nature. */
export function guildCommands(commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[]): RESTPostAPIApplicationGuildCommandsJSONBody[] {
  return commands.map(({ contexts: _contexts, integration_types: _types, dm_permission: _dm, ...rest }) => rest);
}

function basicOptions(options: readonly OptionSpec[], where: string): APIApplicationCommandBasicOption[] {
  if (options.length > maxOptions) throw new Error(`${where} has more than ${maxOptions} options`);
  // Discord rejects a required option after an optional one; a stable sort keeps the declared order otherwise.
  const ordered = [...options].sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)));
  return ordered.map((option) => {
    checkName(option.name, `${where} ${option.name}`);
    const base = { name: option.name, description: describe(option.description), required: Boolean(option.required) };
    if (option.type === 'channel') {
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [...postableChannelTypes] };
    }
    const choices = option.choices ?? option.menu;
    if (choices && choices.length > 0) {
      if (choices.length > maxChoices) throw new Error(`${where} ${option.name} has more than ${maxChoices} choices`);
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: choices.map((c) => ({ name: c.slice(0, 100), value: c })),
      };
    }
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      ...(option.maxLength ? { max_length: Math.min(option.maxLength, 6000) } : {}),
      ...(option.autocomplete ? { autocomplete: true } : {}),
    };
  });
}

function describe(text: string): string {
  const trimmed = text.trim() || '-';
  return trimmed.length <= maxDescription ? trimmed : `${trimmed.slice(0, maxDescription - 1)}…`;
}

function checkName(name: string, where: string): void {
  // Discord wants lowercase names; failing here beats a 400 from the registration call.
  if (!nameRule.test(name) || name !== name.toLowerCase()) throw new Error(`${where}: "${name}" is not a valid Discord command or option name`);
}
