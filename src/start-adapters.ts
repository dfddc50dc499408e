import { dirname, join } from 'node:path';
import type { App } from './app.js';
import type { Config } from './config.js';
import type { OpsRoutes } from './ops/ops-routes.js';
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

/**
 * /healthz and /metrics for a server the bot runs anyway (the HTTP modes). Loaded only then:
 * the Prometheus client alone takes about 0.2 s to load.
 */
async function opsRoutes(app: App): Promise<OpsRoutes> {
  const [{ Metrics }, { OpsRoutes }] = await Promise.all([import('./ops/metrics.js'), import('./ops/ops-routes.js')]);
  const metrics = new Metrics({ processMetrics: true });
  app.telemetry.use(metrics);
  const ops = new OpsRoutes(metrics);
  ops.add({ name: 'database', check: async () => app.store.db.prepare('SELECT count(*) FROM sqlite_master').get() !== undefined });
  return ops;
}

/** Starts the adapters the configuration asks for, all on one app and one database. */
export async function startAdapters(app: App, config: Config, choice: AdapterChoice): Promise<RunningAdapters> {
  const names: string[] = [];
  /** Each adapter's "take no new work, finish what is in flight"; the connection stays up. */
  const drains: (() => Promise<void>)[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  let stopping = false;
  let done: Promise<void> = new Promise(() => {});
  // One set of metrics and health checks, served by every HTTP mode that runs.
  let ops: Promise<OpsRoutes> | undefined;
  const sharedOps = (): Promise<OpsRoutes> => (ops ??= opsRoutes(app));
  // Before any adapter takes input: exams whose time ran out while the bot was down are
  // submitted now, the rest at their deadlines. Exams need no platform, so no poster.
  app.exams.start();
  if (choice.terminal) {
    const terminal = new TerminalAdapter({
      bot: app.bot,
      input: process.stdin,
      output: process.stdout,
      user: choice.terminal.user,
      json: choice.terminal.json,
      // Beside the database unless set: ./data/charts by default, a test's temporary folder in tests.
      chartsDir: config.CHARTS_DIR ?? join(dirname(config.DATABASE_PATH), 'charts'),
      interactive: Boolean(process.stdin.isTTY),
    });
    names.push('terminal');
    app.daily.attach('terminal', terminal);
    // Input closed by a shutdown is not the end of input: the shutdown under way exits when it is done.
    done = terminal.run().then(() => (stopping ? new Promise<void>(() => {}) : undefined));
    drains.push(() => terminal.drain());
    stops.push(() => terminal.stop());
  }
  // discord.js and Bolt load only when their adapter runs: the terminal bot starts in a
  // fraction of the time and memory.
  if (config.DISCORD_TOKEN) {
    const { DiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
    const ops = config.DISCORD_PUBLIC_KEY ? await sharedOps() : undefined;
    const discord = new DiscordAdapter({
      bot: app.bot,
      topics: (query, limit) => app.library.index.autocomplete(query, limit),
      token: config.DISCORD_TOKEN,
      apiUrl: config.DISCORD_API_URL,
      log: app.log,
      rest: { requestsPerSecond: config.DISCORD_REQUESTS_PER_SECOND },
      ...(config.DISCORD_PUBLIC_KEY ? { interactions: { publicKey: config.DISCORD_PUBLIC_KEY, port: config.DISCORD_INTERACTIONS_PORT, ops } } : {}),
    });
    ops?.add({ name: 'discord', check: () => discord.reachable(), reuseMs: 10_000 });
    // Attached only once logged in, so the daily quiz's first tick can already post.
    await discord.start();
    names.push('discord');
    app.daily.attach('discord', discord);
    drains.push(() => discord.drain());
    stops.push(() => discord.stop());
  }
  if (config.SLACK_BOT_TOKEN) {
    const [{ SlackAdapter }, { slackOptionsFromConfig }] = await Promise.all([import('./adapters/slack/slack-adapter.js'), import('./adapters/slack/slack-config.js')]);
    const slackOptions = slackOptionsFromConfig(config, app.bot, app.log);
    if (slackOptions) {
      // Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT; start() checks the bot token first.
      const ops = slackOptions.appToken ? undefined : await sharedOps();
      const slack = new SlackAdapter({ ...slackOptions, ...(ops ? { ops } : {}) });
      ops?.add({ name: 'slack', check: () => slack.reachable(), reuseMs: 10_000 });
      await slack.start();
      names.push('slack');
      app.daily.attach('slack', slack);
      drains.push(() => slack.drain());
      stops.push(() => slack.stop());
    }
  }
  // After every poster is attached: the first tick catches up on posts missed while down.
  app.daily.start();
  return {
    names,
    done,
    stop: async () => {
      stopping = true;
      // Take no new work (adapters refuse new commands and presses, the daily timer stops) and
      // finish what is in flight: replies and daily posts still need the connections, which
      // close only after. The caller closes the database last.
      app.exams.stop();
      await Promise.all([app.daily.stop(), ...drains.map((drain) => drain())]);
      for (const s of stops) await s();
    },
  };
}
