import type { Bot } from '../../core/bot.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { parseAdminUsers } from './caller.js';
import type { SlackAdapterOptions } from './slack-adapter.js';

/**
 * The adapter's options from the validated config, or undefined when SLACK_BOT_TOKEN is not
 * set (Slack is off). SLACK_APP_TOKEN picks Socket Mode; otherwise HTTP on PORT, verified
 * with SLACK_SIGNING_SECRET (parseConfig already insists on one of the two).
 */
export function slackOptionsFromConfig(config: Config, bot: Bot, log: Logger): SlackAdapterOptions | undefined {
  if (!config.SLACK_BOT_TOKEN) return undefined;
  return {
    bot,
    log,
    botToken: config.SLACK_BOT_TOKEN,
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : { signingSecret: config.SLACK_SIGNING_SECRET, port: config.PORT }),
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
    ...(config.SLACK_COMMAND_PREFIX ? { commandPrefix: config.SLACK_COMMAND_PREFIX } : {}),
    adminUsers: parseAdminUsers(config.SLACK_ADMIN_USERS),
  };
}
