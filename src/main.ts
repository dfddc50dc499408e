import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp } from './app.js';
import { memberName, nameRule } from './adapters/terminal/terminal-adapter.js';
import { UnreachableError } from './adapters/unreachable.js';
import { ConfigError, parseConfig } from './config.js';
import { ContentError } from './core/content/load.js';
import { StoreError } from './store/db.js';
import { createLogger } from './log.js';
import { startAdapters } from './start-adapters.js';

const usage = 'Usage: npm start -- [--terminal] [--user NAME] [--json]';

async function main(): Promise<number> {
  // A .env file is optional; real environment variables win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let flags;
  try {
    flags = parseArgs({
      options: { terminal: { type: 'boolean', default: false }, user: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  // A name the terminal cannot use would otherwise become "you" and share that member's data.
  if (flags.user !== undefined && !memberName(flags.user)) {
    process.stderr.write(`--user "${flags.user}" is not a name I can use (${nameRule}).\n${usage}\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  const platforms = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  const terminal = flags.terminal || !platforms;
  // In the terminal, logs share the screen with the conversation: keep them to warnings.
  const log = createLogger(config.LOG_LEVEL ?? (platforms ? 'info' : 'warn'));
  const app = createApp({ databasePath: config.DATABASE_PATH, contentDir: config.CONTENT_DIR, defaultTimeZone: config.DEFAULT_TIME_ZONE, log });
  const running = await startAdapters(app, config, {
    terminal: terminal ? { user: flags.user ?? process.env.USER ?? 'you', json: flags.json } : undefined,
  });
  // From process start: module loading, content validated, migrations applied, adapters connected.
  log.info({ adapters: running.names, database: config.DATABASE_PATH, startupMs: Math.round(performance.now()) }, 'ready');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await running.stop();
    app.close();
    await flushStdout();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));

  await running.done;
  await stop('end of input');
  return 0;
}

/**
 * Resolves once everything written to stdout has been handed to the OS. Into a pipe, writes
 * are asynchronous, and process.exit drops what is still queued: the replies to the last
 * commands of a script whose reader is slow.
 */
function flushStdout(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Known start-up problems get one readable line; anything else its stack.
    const known = error instanceof ConfigError || error instanceof ContentError || error instanceof StoreError || error instanceof UnreachableError;
    process.stderr.write(`cloudstudy could not start: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
