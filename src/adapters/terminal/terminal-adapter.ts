import { createInterface, type Interface } from 'node:readline';
import type { Bot } from '../../core/bot.js';
import type { Caller } from '../../core/commands/spec.js';
import { notice, type Reply, type TextRequest } from '../../core/reply.js';
import type { Poster } from '../poster.js';
import { writeCharts } from './chart-files.js';
import { renderText, type Prompts } from './render.js';
import { choiceActionId } from '../../core/actions.js';

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
  /** Where charts are written as PNG files (CHARTS_DIR); the reply prints each file's path. */
  chartsDir: string;
}

export const terminalCommunity = { platform: 'terminal', externalId: 'local', name: 'Terminal' } as const;

/**
 * The terminal adapter: one command per line in, one reply per command out. A number
 * answers the last question shown; b1, b2… press the buttons of the last reply.
 */
export class TerminalAdapter implements Poster {
  private user: string;
  private prompts: Prompts = { buttons: [] };
  /** A form the last reply asked for: the next line is its text. */
  private asked: TextRequest | undefined;
  private readline: Interface | undefined;
  private queue: Promise<void> = Promise.resolve();
  private posts = 0;
  private printing: Promise<void> = Promise.resolve();
  /** After /quit, lines already read (piped input arrives all at once) are dropped, not answered. */
  private quitting = false;

  /** `options.user` must pass memberName: main refuses a bad --user before the adapter starts. */
  constructor(private readonly options: TerminalOptions) {
    this.user = memberName(options.user) ?? 'you';
  }

  /** Reads lines until the input ends; resolves when every line has its reply. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      const rl = createInterface({ input: this.options.input, output: this.options.interactive ? this.options.output : undefined, terminal: this.options.interactive });
      this.readline = rl;
      if (this.options.interactive) {
        void this.hint(notice(`cloudstudy in the terminal. You are ${this.user}. Type /help to start, /as NAME to switch member, /quit to leave.`));
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
    await this.write({ ...reply, text: `[#${channelId}] ${reply.text}` }, `#${channelId}`);
    return `terminal-${this.posts}`;
  }

  async edit(channelId: string, _messageRef: string, reply: Reply): Promise<void> {
    // An update of an earlier message, not a new reply: what b1 or a number press stays as it was.
    await this.print({ ...reply, text: `[#${channelId}, updated] ${reply.text}` }, `#${channelId} (updated)`);
  }

  private caller(): Caller {
    return { community: terminalCommunity, userId: this.user.toLowerCase(), displayName: this.user, isAdmin: true, channelId: 'terminal' };
  }

  private async handleLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (line === '' || this.quitting) return;
    if (/^\/(quit|exit)$/i.test(line)) {
      this.quitting = true;
      this.stop();
      return;
    }
    const asked = this.asked;
    this.asked = undefined;
    if (asked) {
      if (/^\/cancel$/i.test(line)) return this.hint(notice('Cancelled: nothing was sent.'));
      return this.write(await this.options.bot.handle(this.caller(), { type: 'submit', id: asked.action, text: raw }));
    }
    const as = /^\/as(?:\s+(.*))?$/i.exec(line);
    if (as) {
      const name = memberName(as[1] ?? '');
      if (!name) return this.hint(notice(`Usage: /as NAME (${nameRule}).`));
      this.user = name;
      return this.hint(notice(`You are now ${name}.`));
    }
    const pressed = this.actionFor(line);
    if (pressed === null) return this.hint(notice('Commands start with a slash, like /explain fargate. Type /help to see them all.'));
    if (typeof pressed === 'object') return this.hint(pressed);
    const reply = await this.options.bot.handle(this.caller(), pressed.startsWith('/') ? { type: 'text', text: pressed } : { type: 'action', id: pressed });
    await this.write(reply);
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
      return choiceActionId(answer.action, picks.map((n) => n - 1));
    }
    return null;
  }

  /**
   * Prints a reply of the bot. Its buttons become b1, b2…, and a reply without buttons leaves
   * none: "a button of the last reply", never of an earlier one. A number keeps answering the
   * last question shown, even after a verdict with buttons. Resolves once the output has taken
   * the text, so a slow reader slows the bot down instead of the text piling up in memory.
   */
  private write(reply: Reply, label?: string): Promise<void> {
    const { prompts } = renderText(reply);
    this.asked = reply.ask;
    if (prompts.answer) this.prompts.answer = prompts.answer;
    this.prompts.buttons = prompts.buttons;
    return this.print(reply, label);
  }

  /** The adapter's own hint about a mistyped line: printed, but the last reply's buttons stay. */
  private hint(reply: Reply): Promise<void> {
    return this.print(reply);
  }

  /**
   * Prints replies in the order they came, each once its charts are drawn and written (their
   * paths print with the text). Resolves once the output has taken the text, so a slow reader
   * slows the bot down instead of the text piling up in memory.
   */
  private print(reply: Reply, label?: string): Promise<void> {
    const drawn = writeCharts(reply, this.options.chartsDir);
    this.printing = this.printing.then(async () => this.printNow(reply, await drawn, label));
    return this.printing;
  }

  private printNow(reply: Reply, charts: Map<string, string>, label: string | undefined): Promise<void> {
    const output = this.options.output;
    // JSON: the neutral Reply, plus where each chart's PNG was written.
    const json = charts.size > 0 ? { ...reply, chartFiles: Object.fromEntries(charts) } : reply;
    const text = this.options.json ? `${JSON.stringify(json)}\n` : `${label ? `--- ${label} ---\n` : ''}${renderText(reply, charts).text}\n\n`;
    if (output.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      // A reader that went away (EPIPE) never drains: carry on rather than wait for ever.
      const done = (): void => {
        output.off('drain', done).off('error', done).off('close', done);
        resolve();
      };
      output.once('drain', done).once('error', done).once('close', done);
    });
  }

  private prompt(): void {
    if (this.options.interactive && this.readline) {
      this.readline.setPrompt(`${this.user}> `);
      this.readline.prompt();
    }
  }
}

export const nameRule = 'letters, digits, spaces, . _ -; up to 32 characters';

/** A member name for --user and /as, or undefined: one rule for both, so no name silently becomes another. */
export function memberName(name: string): string | undefined {
  const trimmed = name.trim();
  return /^[\p{L}\p{N} ._-]{1,32}$/u.test(trimmed) ? trimmed : undefined;
}
