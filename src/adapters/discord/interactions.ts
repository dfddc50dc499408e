import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { Bot } from '../../core/bot.js';
import type { Args, Caller, CommandSpec, OptionSpec } from '../../core/commands/spec.js';
import { notice, type Reply } from '../../core/reply.js';
import type { TopicChoice } from '../../core/topics/topic-index.js';
import { suggestTimeZones } from '../../core/time-zones.js';
import type { Logger } from '../../log.js';
import { answerInTime } from './answer-in-time.js';
import { callerFromInteraction } from './caller.js';
import { describeFailure, loggableError } from './discord-errors.js';
import { submittedText } from './modal.js';
import { clip } from './render.js';
import { choiceActionId } from '../../core/actions.js';

export interface InteractionDeps {
  bot: Bot;
  /** Topic titles and aliases matching what the member has typed so far. */
  topics: (query: string, limit: number) => TopicChoice[];
  log: Logger;
  deferAfterMs: number;
}

/** Discord's autocomplete limits. */
const maxAutocompleteChoices = 25;
const maxChoiceLength = 100;
/** Enough to recognise a gateway replay of an interaction already handled. */
const rememberedInteractions = 1000;
/** What the bot needs in a channel to post a quiz there. */
const postingPermissions = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

const restarting = 'cloudstudy is restarting and did not take that. Please try again in a minute.';

const outsideServer = notice('I work inside a Discord server, where your group keeps its scores. Use my commands in a server channel.');

/** Turns Discord interactions into core inputs and the core's replies into interaction responses. */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const seen = new Set<string>();
  const specs = (): Map<string, CommandSpec> => new Map(deps.bot.specs.map((s) => [s.name, s]));

  return async (interaction) => {
    // A resumed gateway session may deliver an interaction twice; answering it twice would fail anyway.
    if (seen.has(interaction.id)) return;
    seen.add(interaction.id);
    if (seen.size > rememberedInteractions) seen.delete(seen.values().next().value as string);

    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction, specs(), deps);
      else if (interaction.isChatInputCommand()) await command(interaction, specs(), deps);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await component(interaction, deps);
      else if (interaction.isModalSubmit()) await modalSubmit(interaction, deps);
      else if (interaction.isRepliable()) await interaction.reply({ content: 'That kind of interaction is not one I use.', flags: MessageFlags.Ephemeral });
    } catch (error) {
      const failure = describeFailure(error);
      const context = { interaction: interaction.id, type: interaction.type, guild: interaction.guildId, user: interaction.user.id, code: failure.code, status: failure.status };
      if (failure.expected) deps.log.warn({ ...context, reason: failure.reason }, 'discord interaction could not be answered');
      else {
        deps.log.error({ ...context, err: loggableError(error) }, 'discord interaction failed');
        await apologise(interaction, deps.log);
      }
    }
  };
}

/** An interaction that failed before any answer still gets one: a member is never left with "did not respond". */
async function apologise(interaction: Interaction, log: Logger): Promise<void> {
  const content = 'Sorry, something went wrong on my side. It has been logged; please try again in a moment.';
  try {
    if (interaction.isAutocomplete() && !interaction.responded) await interaction.respond([]);
    else if (interaction.isRepliable() && !interaction.replied) {
      // A deferred interaction shows "thinking…" until it is edited.
      if (interaction.deferred) await interaction.editReply({ content });
      else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
    }
  } catch (error) {
    log.warn({ interaction: interaction.id, err: loggableError(error) }, 'discord interaction failed and the apology could not be sent');
  }
}

/** During shutdown: a short private "come back" instead of new work, so nothing is half done. */
export async function refuseWhileStopping(interaction: Interaction, log: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await interaction.reply({ content: restarting, flags: MessageFlags.Ephemeral });
  } catch (error) {
    log.warn({ interaction: interaction.id, err: loggableError(error) }, 'discord interaction arrived during shutdown and could not be refused');
  }
}

async function command(interaction: ChatInputCommandInteraction, specs: Map<string, CommandSpec>, deps: InteractionDeps): Promise<void> {
  const spec = specs.get(interaction.commandName);
  const caller = callerFromInteraction(interaction);
  const sub = interaction.options.getSubcommand(false) ?? undefined;
  const options = optionSpecs(spec, sub);
  const args: Record<string, string | undefined> = {};
  for (const option of options) {
    const value = interaction.options.get(option.name)?.value;
    args[option.name] = value === undefined || value === null ? undefined : String(value);
  }
  const work = caller
    ? (async () => (await channelProblem(interaction, caller, spec, options, args)) ?? deps.bot.handle(caller, { type: 'command', name: interaction.commandName, sub, args }))()
    : outsideServer;
  await answerInTime(interaction, Promise.resolve(work), {
    deferEphemeral: !spec || spec.visibility === 'ephemeral',
    forceEphemeral: false,
    deferAfterMs: deps.deferAfterMs,
  }, deps.log);
}

async function component(interaction: MessageComponentInteraction, deps: InteractionDeps): Promise<void> {
  const caller = callerFromInteraction(interaction);
  const id = actionId(interaction);
  const work = !caller
    ? outsideServer
    : id === undefined
      ? notice('That button is not one I recognise any more. Try the command again, or /help.')
      : deps.bot.handle(caller, { type: 'action', id });
  // A press is answered privately: others in the channel never see who chose what.
  await answerInTime(interaction as RepliableInteraction, Promise.resolve(work), { deferEphemeral: true, forceEphemeral: true, deferAfterMs: deps.deferAfterMs }, deps.log);
}

/** A filled-in modal (a Reply's `ask`): its custom id is the core's action id, its text input the member's text. */
async function modalSubmit(interaction: ModalSubmitInteraction, deps: InteractionDeps): Promise<void> {
  const caller = callerFromInteraction(interaction);
  const text = submittedText(interaction);
  const work = !caller
    ? outsideServer
    : text === undefined
      ? notice('That form came back without its text. Press the button again and fill it in.')
      : deps.bot.handle(caller, { type: 'submit', id: interaction.customId, text });
  await answerInTime(interaction, Promise.resolve(work), { deferEphemeral: true, forceEphemeral: true, deferAfterMs: deps.deferAfterMs }, deps.log);
}

/** The action id a press carries: a button's custom id, or a menu's custom id plus the chosen indexes. */
function actionId(interaction: MessageComponentInteraction): string | undefined {
  if (interaction.isButton()) return interaction.customId;
  if (!interaction.isStringSelectMenu()) return undefined;
  if (interaction.values.length === 0 || !interaction.values.every((v) => /^\d{1,2}$/.test(v))) return undefined;
  const chosen = [...new Set(interaction.values.map(Number))].sort((a, b) => a - b);
  return choiceActionId(interaction.customId, chosen);
}

async function autocomplete(interaction: AutocompleteInteraction, specs: Map<string, CommandSpec>, deps: InteractionDeps): Promise<void> {
  // A payload with no focused option (crafted: Discord always marks one) has nothing to complete.
  const focused = interaction.options.data.flatMap((o) => [o, ...(o.options ?? [])]).find((o) => o.focused);
  const spec = specs.get(interaction.commandName);
  const option = focused && optionSpecs(spec, interaction.options.getSubcommand(false) ?? undefined).find((o) => o.name === focused.name);
  const typed = String(focused?.value ?? '');
  const choices =
    option?.autocomplete === 'topic'
      ? deps.topics(typed, maxAutocompleteChoices).map((c) => ({ name: clip(c.label, maxChoiceLength), value: c.value.slice(0, maxChoiceLength) }))
      : option?.autocomplete === 'timezone'
        ? suggestTimeZones(typed, maxAutocompleteChoices).map((zone) => ({ name: zone, value: zone }))
        : [];
  await interaction.respond(choices.slice(0, maxAutocompleteChoices));
}

function optionSpecs(spec: CommandSpec | undefined, sub: string | undefined): readonly OptionSpec[] {
  if (!spec) return [];
  if (sub === undefined) return spec.options;
  return spec.subcommands?.find((s) => s.name === sub)?.options ?? [];
}

/**
 * A channel option names where the bot will post later (the daily quiz channel). Its id is
 * never trusted: it must be a channel of the server the command came from, or one server's
 * admin could aim its daily quiz at another server's channel. And saying now that the bot
 * cannot post there beats a silent failure at the next scheduled time. Checked only for
 * callers the core will let through.
 */
async function channelProblem(
  interaction: ChatInputCommandInteraction,
  caller: Caller,
  spec: CommandSpec | undefined,
  options: readonly OptionSpec[],
  args: Args,
): Promise<Reply | undefined> {
  if (!spec || (spec.admin && !caller.isAdmin)) return undefined;
  for (const option of options) {
    const id = option.type === 'channel' ? args[option.name] : undefined;
    if (id === undefined) continue;
    // Only a snowflake goes into a REST path: a crafted "../.." would reach another route.
    const snowflake = /^\d{15,21}$/.test(id);
    // The server's cache (Guilds intent) is complete; without it (or without a gateway at all), Discord itself says where the channel is.
    const channel = !snowflake
      ? null
      : (interaction.guild?.channels.cache.get(id) ?? (await interaction.client.channels.fetch(id, { allowUnknownGuild: true, cache: false }).catch(() => null)));
    if (!channel || channel.isDMBased() || channel.guildId !== interaction.guildId) {
      return notice(`${snowflake ? `<#${id}>` : 'That'} is not a channel of this server. Pick the channel from this server's list.`);
    }
    const me = interaction.guild?.members.me;
    if (me && !channel.permissionsFor(me).has(postingPermissions)) {
      return notice(`I can't post in <#${channel.id}>: I need View Channel, Send Messages and Embed Links there. Give me those permissions or pick another channel.`);
    }
  }
  return undefined;
}
