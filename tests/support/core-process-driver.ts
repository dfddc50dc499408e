import type { BotInput } from '../../src/core/bot.js';
import type { Caller } from '../../src/core/commands/spec.js';
import type { Reply } from '../../src/core/reply.js';
import { startScript, type BotProcess } from './bot-process.js';

export interface CoreProcess {
  process: BotProcess;
  /** Sends one input and resolves with its reply. */
  handle(caller: Caller, input: BotInput): Promise<Reply>;
  text(caller: Caller, line: string): Promise<Reply>;
  /** Ends stdin and waits for the process to exit. */
  close(): Promise<void>;
}

/** tests/support/core-process.ts as a child process on `databasePath`. */
export async function startCoreProcess(databasePath: string, env: Record<string, string> = {}): Promise<CoreProcess> {
  const child = startScript('tests/support/core-process.ts', { DATABASE_PATH: databasePath, ...env }, { stdin: true });
  await child.logged(/core process ready/);
  let buffered = '';
  const waiting: ((reply: Reply) => void)[] = [];
  child.child.stdout?.on('data', (data: Buffer) => {
    buffered += data.toString();
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      waiting.shift()?.(JSON.parse(line) as Reply);
    }
  });
  const handle = (caller: Caller, input: BotInput): Promise<Reply> =>
    new Promise((resolve) => {
      waiting.push(resolve);
      child.child.stdin?.write(`${JSON.stringify({ caller, input })}\n`);
    });
  return {
    process: child,
    handle,
    text: (caller, line) => handle(caller, { type: 'text', text: line }),
    async close() {
      child.child.stdin?.end();
      await child.exited;
    },
  };
}
