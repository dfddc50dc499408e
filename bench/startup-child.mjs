// Start-up as `npm start` sees it: a fresh node process on the compiled dist/, timed from
// process start to ready (modules loaded, content loaded and validated, migrations applied,
// statements prepared). With "memory", both adapter modules are loaded too and the big
// dataset is queried before resident memory is read.
const [databasePath, guildId = '', mode = 'startup'] = process.argv.slice(2);
if (mode === 'memory') await Promise.all([import('../dist/adapters/discord/discord-adapter.js'), import('../dist/adapters/slack/slack-adapter.js')]);
const { createApp } = await import('../dist/app.js');
const { createLogger } = await import('../dist/log.js');
const app = createApp({ databasePath, log: createLogger('silent') });
const readyMs = performance.now();
const caller = { community: { platform: 'discord', externalId: guildId }, userId: 'u1', displayName: 'u1', isAdmin: false };
for (const period of ['week', 'month', 'all']) await app.bot.handle(caller, { type: 'command', name: 'leaderboard', args: { period } });
await app.bot.handle(caller, { type: 'command', name: 'stats', args: {} });
await app.bot.handle(caller, { type: 'command', name: 'explain', args: { topic: 'fargate' } });
const rssMb = process.memoryUsage().rss / 1024 / 1024;
app.close();
process.stdout.write(`${JSON.stringify({ readyMs, rssMb })}\n`);
