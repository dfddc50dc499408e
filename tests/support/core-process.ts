import { createInterface } from 'node:readline';
import { createApp } from '../../src/app.js';
import type { BotInput } from '../../src/core/bot.js';
import type { Caller } from '../../src/core/commands/spec.js';
import { createLogger } from '../../src/log.js';

/**
 * The core as a process of its own on DATABASE_PATH, for tests of several processes on one
 * file: each stdin line is `{"caller": …, "input": …}`, each stdout line the Reply, in order.
 * The real app (store, write batch, daily service without posters), as the bot builds it.
 */
const app = createApp({ databasePath: process.env.DATABASE_PATH ?? '', log: createLogger(process.env.LOG_LEVEL ?? 'warn') });
let queue: Promise<void> = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { caller, input } = JSON.parse(line) as { caller: Caller; input: BotInput };
  queue = queue.then(async () => {
    process.stdout.write(`${JSON.stringify(await app.bot.handle(caller, input))}\n`);
  });
});
lines.on('close', () => {
  void queue.then(() => {
    app.close();
    process.exit(0);
  });
});
process.stderr.write('core process ready\n');
