import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { registerCommands } from '../src/adapters/discord/register-commands.js';
import { restOptions } from '../src/adapters/discord/rest-options.js';
import { projectRoot } from '../src/app.js';
import { commandTable } from '../src/core/commands/table.js';
import { FakeDiscord } from '../tests/fakes/fake-discord.js';
import { FakeSlack } from '../tests/fakes/fake-slack.js';
import { progress } from './measure.js';

interface Started {
  readyMs: number;
  pid: number;
  stop(): Promise<void>;
}

/** The node arguments of `npm start` ("node --flags dist/main.js"), so the bench runs what users run. */
function startArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start is not "node …": ${scripts.start}`);
  return args;
}

/** `npm start` as a fresh process (the built dist/main.js), until its 'ready' log line. */
function startBot(env: Record<string, string>, stdinOpen: boolean): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...startArgs(), '--json'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
      stdio: [stdinOpen ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of stderr.split('\n')) {
        if (!line.includes('"ready"')) continue;
        const { startupMs } = JSON.parse(line) as { startupMs: number };
        resolve({
          readyMs: startupMs,
          pid: child.pid ?? 0,
          stop: () =>
            new Promise<void>((done) => {
              child.once('close', () => done());
              child.kill('SIGTERM');
            }),
        });
        return;
      }
    });
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`the bot exited (${code}) before it was ready: ${stderr.slice(-500)}`)));
  });
}

const rssMbOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/**
 * Start-up: `npm start`'s process (terminal only) from process start to ready, on the big
 * dataset. Memory: the bot with both the Discord and the Slack adapter connected to local
 * fakes, the big dataset open and its largest community queried, resident set from /proc.
 */
export async function startupAndMemory(dbPath: string, bigGuildId: string): Promise<{ startupMs: number; startupWithAdaptersMs: number; rssMb: number; rssMaxMb: number }> {
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const bot = await startBot({ DATABASE_PATH: dbPath }, true);
    starts.push(bot.readyMs);
    await bot.stop();
  }
  starts.sort((a, b) => a - b);

  // Resident memory swings by tens of MB with the moment the garbage collector last ran:
  // three runs, the middle one reported and the largest kept beside it.
  const runs: { readyMs: number; rssMb: number }[] = [];
  for (let i = 0; i < 3; i++) runs.push(await memoryRun(dbPath, bigGuildId));
  runs.sort((a, b) => a.rssMb - b.rssMb);
  const rssMb = runs[1]!.rssMb;
  const withAdapters = runs[1]!.readyMs;
  const rssMaxMb = runs[2]!.rssMb;
  progress(`  start-up p50 ${Math.round(starts[2]!)} ms (runs: ${starts.map(Math.round).join(', ')}); with both adapters connected ${Math.round(withAdapters)} ms, RSS ${runs.map((r) => r.rssMb.toFixed(1)).join(' / ')} MB`);
  return { startupMs: starts[2]!, startupWithAdaptersMs: withAdapters, rssMb, rssMaxMb };
}

/** The bot with both adapters connected to the fakes, its largest community queried; its RSS then. */
async function memoryRun(dbPath: string, bigGuildId: string): Promise<{ readyMs: number; rssMb: number }> {
  const discord = await FakeDiscord.start();
  const guild = discord.addGuild('Big study guild', ['general', 'quiz'], bigGuildId);
  await registerCommands({ rest: new REST(restOptions(discord.apiUrl)).setToken(discord.token), specs: commandTable().map((c) => c.spec), guildId: guild.id });
  const slack = await FakeSlack.start({ botToken: 'xoxb-bench', appToken: 'xapp-bench', teamId: 'TBENCH' });
  try {
    const bot = await startBot(
      { DATABASE_PATH: dbPath, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_APP_TOKEN: 'xapp-bench', SLACK_API_URL: slack.apiUrl },
      false,
    );
    const member = discord.member('u1');
    for (const [name, options] of [['leaderboard', { period: 'week' }], ['leaderboard', { period: 'month' }], ['leaderboard', { period: 'all' }], ['stats', {}], ['explain', { topic: 'fargate' }]] as const) {
      await discord.slashCommand({ guild, channel: guild.channels.general, member, name, options }).response();
    }
    const rssMb = rssMbOf(bot.pid);
    await bot.stop();
    return { readyMs: bot.readyMs, rssMb };
  } finally {
    await discord.stop();
    await slack.close();
  }
}
