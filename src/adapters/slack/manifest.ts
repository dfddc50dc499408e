import { dump } from 'js-yaml';
import type { CommandSpec, OptionSpec } from '../../core/commands/spec.js';
import { slackCommandName } from './command-names.js';

export interface ManifestOptions {
  /** The app's name in Slack. */
  appName?: string;
  /** SLACK_COMMAND_PREFIX: "cs" makes /cs-explain. */
  commandPrefix?: string;
  /**
   * HTTP mode: the public URL Slack posts commands, buttons and events to (Bolt listens on
   * /slack/events). Without it the manifest turns Socket Mode on and needs no URL at all.
   */
  requestUrl?: string;
}

/** The scopes the adapter uses, each for one reason. */
export const botScopes = [
  'channels:history', // conversations.history: find a daily post whose send was interrupted, never post it twice
  'channels:read', // conversations.info: check the daily quiz channel
  'chat:write', // post and update the daily quiz, private verdicts
  'chat:write.public', // post the daily quiz in a public channel without being invited first
  'commands', // the slash commands
  'files:write', // share the daily reveal's chart in the post's thread (files.getUploadURLExternal, files.completeUploadExternal)
  'groups:history', // the same for private channels the bot was invited to
  'groups:read', // conversations.info for private channels the bot was invited to
  'users:read', // users.info: display names and the admin/owner flags
] as const;

export const botEvents = ['app_home_opened'] as const;

/** The Slack app manifest derived from the command table, so creating the app is one paste. */
export function buildManifest(specs: readonly CommandSpec[], options: ManifestOptions = {}): Record<string, unknown> {
  const name = options.appName ?? 'cloudstudy';
  const url = options.requestUrl;
  const slashCommands = specs.map((spec) => ({
    command: `/${slackCommandName(spec.name, options.commandPrefix)}`,
    description: clip(spec.description + (spec.admin ? ' (admins)' : ''), 100),
    ...(usageHint(spec) ? { usage_hint: usageHint(spec) } : {}),
    // Escaping turns "#study" into <#C123|study>, which is how a channel option gets an id.
    should_escape: allOptions(spec).some((o) => o.type === 'channel'),
    ...(url ? { url } : {}),
  }));
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Study for the AWS Cloud Practitioner exam: topic cards, quizzes, a daily question and a leaderboard.',
      background_color: '#232f3e',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: false, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: slashCommands,
    },
    oauth_config: { scopes: { bot: [...botScopes] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...botEvents] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: url === undefined,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as YAML, with a header saying where it comes from. */
export function manifestYaml(specs: readonly CommandSpec[], options: ManifestOptions = {}): string {
  const header = [
    '# The Slack app manifest for cloudstudy, generated from the command table.',
    '# Regenerate with: npm run slack:manifest (add -- --prefix cs or -- --url https://host/slack/events).',
    '# Paste it at https://api.slack.com/apps -> Create New App -> From a manifest.',
  ];
  return `${header.join('\n')}\n${dump(buildManifest(specs, options), { lineWidth: -1, noRefs: true })}`;
}

/** "<topic>", "[week|month|all]", "set|pause|status …": what Slack shows while typing. */
export function usageHint(spec: CommandSpec): string {
  if (spec.subcommands && spec.subcommands.length > 0) {
    const subs = spec.subcommands.map((s) => [s.name, ...s.options.map(optionHint)].join(' '));
    return clip(subs.join(' | '), 200);
  }
  return clip(spec.options.map(optionHint).join(' '), 200);
}

function optionHint(option: OptionSpec): string {
  const inner = option.choices ? option.choices.join('|') : option.type === 'channel' ? `#${option.name}` : option.name;
  return option.required ? `<${inner}>` : `[${inner}]`;
}

function allOptions(spec: CommandSpec): OptionSpec[] {
  return [...spec.options, ...(spec.subcommands ?? []).flatMap((s) => s.options)];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
