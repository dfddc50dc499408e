import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/app.js';
import { startNode, type BotProcess } from '../tests/support/bot-process.js';

/** `npm start`'s node flags and script ("node --flags dist/main.js"), so the bench runs what users run. */
export function startCommand(): { flags: string[]; script: string } {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  const script = args.pop();
  if (command !== 'node' || !script) throw new Error(`npm start is not "node … script": ${scripts.start}`);
  return { flags: args, script };
}

/** The bot as `npm start` runs it (the built dist/main.js), once it has logged 'ready'; and the start-up it reported. */
export async function startBuiltBot(env: Record<string, string>, stdin: boolean): Promise<{ bot: BotProcess; readyMs: number }> {
  const { flags, script } = startCommand();
  const bot = startNode([...flags, script, '--json'], { LOG_LEVEL: 'info', ...env }, { stdin });
  await bot.logged(/"ready"/);
  const line = bot.stderr().split('\n').find((l) => l.includes('"ready"')) ?? '{}';
  return { bot, readyMs: (JSON.parse(line) as { startupMs: number }).startupMs };
}

/** An end-to-end floor (bench/floor-client.ts; durable with FLOOR_DB) with `npm start`'s node flags, once connected. */
export async function startFloor(env: Record<string, string>): Promise<BotProcess> {
  const floor = startNode([...startCommand().flags, '--import', 'tsx', 'bench/floor-client.ts'], env);
  await floor.logged(/floor ready/);
  return floor;
}
