import * as z from 'zod';
import { isTimeZone } from './core/time.js';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const httpUrl = (what: string) =>
  optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), `must be an http(s) URL for ${what}`);

/** A TCP port; 0 asks for any free one (the log says which). */
const port = (fallback: number) =>
  optional
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536), 'must be a port number from 0 to 65535')
    .transform((v) => (v === undefined ? fallback : Number(v)));

/** Every setting, read once from the environment; .env.example documents each. */
export const configSchema = z.object({
  DATABASE_PATH: optional.transform((v) => v ?? './data/cloudstudy.db'),
  CONTENT_DIR: optional,
  // INFO or Debug mean what they say; empty (as .env.example has it) means the default.
  LOG_LEVEL: optional
    .transform((v) => v?.toLowerCase())
    .pipe(z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')} (or empty for the default)` }).optional()),
  DEFAULT_TIME_ZONE: optional.refine((v) => v === undefined || isTimeZone(v), 'must be an IANA time zone such as Europe/London'),
  CHARTS_DIR: optional,

  DISCORD_TOKEN: optional,
  DISCORD_API_URL: httpUrl("Discord's REST API (default https://discord.com/api)"),
  DISCORD_GUILD_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a Discord server id (digits)'),
  DISCORD_APPLICATION_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a Discord application id (digits)'),
  DISCORD_PUBLIC_KEY: optional.refine((v) => v === undefined || /^[0-9a-f]{64}$/i.test(v), 'must be the application public key: 64 hex characters from General Information'),
  DISCORD_INTERACTIONS_PORT: port(8080),
  DISCORD_REQUESTS_PER_SECOND: optional
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100_000), 'must be a whole number of requests per second, 1 or more (Discord: 50 unless raised for the bot)')
    .transform((v) => (v === undefined ? 50 : Number(v))),

  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_SIGNING_SECRET: optional.refine(
    (v) => v === undefined || /^[0-9a-f]{32}$/i.test(v),
    "must be the 32 hex characters of the app's Signing Secret (Basic Information → App Credentials)",
  ),
  SLACK_API_URL: httpUrl("Slack's Web API (default https://slack.com/api/)"),
  SLACK_COMMAND_PREFIX: optional.refine((v) => v === undefined || /^[a-z0-9_-]{1,10}$/.test(v), 'must be up to 10 lowercase letters, digits, - or _'),
  SLACK_ADMIN_USERS: optional.refine(
    (v) => v === undefined || v.split(/[\s,]+/).filter(Boolean).every((id) => /^[UW][A-Z0-9]{2,20}$/.test(id)),
    'must be Slack user ids (U… or W…) separated by commas',
  ),
  PORT: optional
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536), 'must be a port number from 1 to 65535')
    .transform((v) => (v === undefined ? 3000 : Number(v))),
});

export type Config = z.infer<typeof configSchema>;

/** A setting that is missing or malformed: one line naming the variable and what it should be. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`${variable} ${issue?.message ?? 'is invalid'}`);
  }
  const config = result.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) must be set when SLACK_BOT_TOKEN is set');
  }
  return config;
}
