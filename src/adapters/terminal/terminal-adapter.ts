import { createInterface, type Interface } from 'node:readline';
import type { Bot } from '../../core/bot.js';
import type { Caller } from '../../core/commands/spec.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Poster } from '../poster.js';
import { renderText, type Prompts } from './render.js';

export interface TerminalOptions {
  bot: Bot;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The starting member; /as NAME switches. */
  user: string;
  /** Print each reply as one line of JSON (the neutral Reply). */
  json: boolean;
  /** Show a prompt and keep going after errors: true when stdin is a TTY. */
  interactive: boolean;
}

export const terminalCommunity = { platform: 'terminal', externalId: 'local', name: 'Terminal' } as const;

/**
 * The terminal adapter: one command per line in, one reply per command out. A number
 * answers the last question shown; b1, b2… press the buttons of the last reply.
 */
export class TerminalAdapter implements Poster {
  private user: string;
  private prompts: Prompts = { buttons: [] };
  private readline: Interface | undefined;
  private queue: Promise<void> = Promise.resolve();
  private posts = 0;

  constructor(private readonly options: TerminalOptions) {
    this.user = cleanName(options.user) ?? 'you';
  }

  /** Reads lines until the input ends; resolves when every line has its reply. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      const rl = createInterface({ input: this.options.input, output: this.options.interactive ? this.options.output : undefined, terminal: this.options.interactive });
      this.readline = rl;
      if (this.options.interactive) {
        this.write(notice(`cloudstudy in the terminal. You are ${this.user}. Type /help to start, /as NAME to switch member, /quit to leave.`));
        this.prompt();
      }
      rl.on('line', (line) => {
        this.queue = this.queue.then(() => this.handleLine(line)).then(() => this.prompt());
      });
      rl.on('close', () => {
        void this.queue.then(() => resolve());
      });
    });
  }

  stop(): void {
    this.readline?.close();
  }

  /** Reads no further lines and resolves once every line read so far has its reply. */
  drain(): Promise<void> {
    this.stop();
    return this.queue;
  }

  async post(channelId: string, reply: Reply): Promise<string> {
    this.posts += 1;
    this.write({ ...reply, text: `[#${channelId}] ${reply.text}` }, `#${channelId}`);
    return `terminal-${this.posts}`;
  }

  async edit(channelId: string, _messageRef: string, reply: Reply): Promise<void> {
    this.write({ ...reply, text: `[#${channelId}, updated] ${reply.text}` }, `#${channelId} (updated)`);
  }

  private caller(): Caller {
    return { community: terminalCommunity, userId: this.user.toLowerCase(), displayName: this.user, isAdmin: true, channelId: 'terminal' };
  }

  private async handleLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (line === '') return;
    if (/^\/(quit|exit)$/i.test(line)) {
      this.stop();
      return;
    }
    const as = /^\/as(?:\s+(.*))?$/i.exec(line);
    if (as) {
      const name = cleanName(as[1] ?? '');
      if (!name) return this.write(notice('Usage: /as NAME (letters, digits, spaces, . _ -; up to 32 characters).'));
      this.user = name;
      return this.write(notice(`You are now ${name}.`));
    }
    const pressed = this.actionFor(line);
    if (pressed === null) return this.write(notice('Commands start with a slash, like /explain fargate. Type /help to see them all.'));
    if (typeof pressed === 'object') return this.write(pressed);
    const reply = await this.options.bot.handle(this.caller(), pressed.startsWith('/') ? { type: 'text', text: pressed } : { type: 'action', id: pressed });
    this.write(reply);
  }

  /** A command line, an action id for a number or bN, a Reply explaining a mistake, or null. */
  private actionFor(line: string): string | Reply | null {
    if (line.startsWith('/')) return line;
    const button = /^b(\d+)$/i.exec(line);
    if (button) {
      const id = this.prompts.buttons[Number(button[1]) - 1];
      return id ?? notice(`There is no button b${button[1]} on the last reply.`);
    }
    if (/^\d+([\s,]+\d+)*$/.test(line)) {
      const answer = this.prompts.answer;
      if (!answer) return notice('There is no question to answer yet. Try /quiz.');
      const picks = [...new Set(line.split(/[\s,]+/).map(Number))].sort((a, b) => a - b);
      if (picks.some((n) => n < 1 || n > answer.count)) return notice(`Answer with a number from 1 to ${answer.count}.`);
      if (picks.length !== answer.pick) return notice(answer.pick === 1 ? 'Answer with one number.' : `This question needs ${answer.pick} numbers, e.g. "1 3".`);
      return `${answer.action}:${picks.map((n) => n - 1).join('+')}`;
    }
    return null;
  }

  private write(reply: Reply, label?: string): void {
    const { text, prompts } = renderText(reply);
    // A number keeps answering the last question shown, even after a verdict with buttons.
    if (prompts.answer) this.prompts.answer = prompts.answer;
    if (prompts.buttons.length > 0) this.prompts.buttons = prompts.buttons;
    if (this.options.json) this.options.output.write(`${JSON.stringify(reply)}\n`);
    else this.options.output.write(`${label ? `--- ${label} ---\n` : ''}${text}\n\n`);
  }

  private prompt(): void {
    if (this.options.interactive && this.readline) {
      this.readline.setPrompt(`${this.user}> `);
      this.readline.prompt();
    }
  }
}

function cleanName(name: string): string | undefined {
  const trimmed = name.trim();
  return /^[\p{L}\p{N} ._-]{1,32}$/u.test(trimmed) ? trimmed : undefined;
}
