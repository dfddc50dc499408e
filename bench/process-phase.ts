import { readFileSync } from 'node:fs';
import { REST } from 'discord.js';
import { registerCommands } from '../src/adapters/discord/register-commands.js';
import { restOptions } from '../src/adapters/discord/rest-options.js';
import { commandTable } from '../src/core/commands/table.js';
import { FakeDiscord } from '../tests/fakes/fake-discord.js';
import { FakeSlack } from '../tests/fakes/fake-slack.js';
import { drawChart } from './chart-phase.js';
import { progress } from './measure.js';
import { startBuiltBot } from './node-process.js';

const rssMbOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/**
 * Start-up: `npm start`'s process (terminal only) from process start to ready, on the big
 * dataset. Memory: the bot with both the Discord and the Slack adapter connected to local
 * fakes, the big dataset open and its largest community queried, resident set from /proc.
 */
export async function startupAndMemory(
  dbPath: string,
  bigGuildId: string,
  /** Start-ups timed (the median is reported) and memory runs (the middle one is). */
  runs = { startups: 5, memory: 3 },
): Promise<{ startupMs: number; startupWithAdaptersMs: number; rssMb: number; rssMaxMb: number; chartDrawn: boolean }> {
  const starts: number[] = [];
  for (let i = 0; i < runs.startups; i++) {
    const { bot, readyMs } = await startBuiltBot({ DATABASE_PATH: dbPath }, true);
    starts.push(readyMs);
    await bot.kill('SIGTERM');
  }
  starts.sort((a, b) => a - b);

  // Resident memory swings by tens of MB with the moment the garbage collector last ran:
  // three runs, the middle one reported and the largest kept beside it.
  const memory: { readyMs: number; rssMb: number; chartDrawn: boolean }[] = [];
  for (let i = 0; i < runs.memory; i++) memory.push(await memoryRun(dbPath, bigGuildId));
  memory.sort((a, b) => a.rssMb - b.rssMb);
  const middle = memory[Math.floor(memory.length / 2)]!;
  const startupMs = starts[Math.floor(starts.length / 2)]!;
  progress(`  start-up p50 ${Math.round(startupMs)} ms (runs: ${starts.map(Math.round).join(', ')}); with both adapters connected ${Math.round(middle.readyMs)} ms, RSS ${memory.map((r) => r.rssMb.toFixed(1)).join(' / ')} MB`);
  return { startupMs, startupWithAdaptersMs: middle.readyMs, rssMb: middle.rssMb, rssMaxMb: memory[memory.length - 1]!.rssMb, chartDrawn: memory.every((r) => r.chartDrawn) };
}

/**
 * The bot with both adapters connected to the fakes, its largest community queried and a
 * chart drawn (the renderer loaded); its RSS then.
 */
async function memoryRun(dbPath: string, bigGuildId: string): Promise<{ readyMs: number; rssMb: number; chartDrawn: boolean }> {
  const discord = await FakeDiscord.start();
  const guild = discord.addGuild('Big study guild', ['general', 'quiz'], bigGuildId);
  await registerCommands({ rest: new REST(restOptions(discord.apiUrl)).setToken(discord.token), specs: commandTable().map((c) => c.spec), guildId: guild.id });
  const slack = await FakeSlack.start({ botToken: 'xoxb-bench', appToken: 'xapp-bench', teamId: 'TBENCH' });
  try {
    const { bot, readyMs } = await startBuiltBot(
      { DATABASE_PATH: dbPath, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_APP_TOKEN: 'xapp-bench', SLACK_API_URL: slack.apiUrl },
      false,
    );
    const member = discord.member('u1');
    for (const [name, options] of [['leaderboard', { period: 'week' }], ['leaderboard', { period: 'month' }], ['leaderboard', { period: 'all' }], ['stats', {}], ['explain', { topic: 'fargate' }]] as const) {
      await discord.slashCommand({ guild, channel: guild.channels.general, member, name, options }).response();
    }
    const chartDrawn = await drawChart(discord, guild, member);
    const rssMb = rssMbOf(bot.child.pid ?? 0);
    await bot.kill('SIGTERM');
    return { readyMs, rssMb, chartDrawn };
  } finally {
    await discord.stop();
    await slack.close();
  }
}
