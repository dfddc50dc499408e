import type { App } from './app.js';
import type { Config } from './config.js';
import { TerminalAdapter } from './adapters/terminal/terminal-adapter.js';

export interface AdapterChoice {
  terminal?: { user: string; json: boolean };
}

export interface RunningAdapters {
  names: string[];
  /** Resolves when the bot should exit on its own (the terminal's input ended). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the adapters the configuration asks for, all on one app and one database. */
export async function startAdapters(app: App, _config: Config, choice: AdapterChoice): Promise<RunningAdapters> {
  const names: string[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  let done: Promise<void> = new Promise(() => {});
  if (choice.terminal) {
    const terminal = new TerminalAdapter({
      bot: app.bot,
      input: process.stdin,
      output: process.stdout,
      user: choice.terminal.user,
      json: choice.terminal.json,
      interactive: Boolean(process.stdin.isTTY),
    });
    names.push('terminal');
    done = terminal.run();
    stops.push(() => terminal.stop());
  }
  return {
    names,
    done,
    stop: async () => {
      for (const s of stops) await s();
    },
  };
}
