import type { webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { SlackCallers } from './caller.js';
import type { SlackMessage } from './render.js';

/** What every listener needs: the core, who is asking, and how to draw a reply. */
export interface SlackContext {
  bot: Bot;
  callers: SlackCallers;
  /** The Web API client for calls outside a listener's own (conversations.info). */
  client: webApi.WebClient;
  log: Logger;
  commandPrefix?: string;
  render(reply: Reply, maxBlocks?: number): SlackMessage;
  /** How long a command may run before it is acked empty and answered through response_url. */
  ackBudgetMs: number;
}
