// Measures start-up as a fresh process sees it: module loading, content loaded and
// validated, migrations applied, statements prepared. Every adapter module is loaded
// (start-adapters imports them all), then the big dataset is queried for the RSS figure.
import { createApp } from '../src/app.js';
import '../src/start-adapters.js';
import { createLogger } from '../src/log.js';

const databasePath = process.argv[2];
const guildId = process.argv[3] ?? '';
if (!databasePath) throw new Error('usage: startup-child <database> <guild>');
const app = createApp({ databasePath, log: createLogger('silent') });
const readyMs = performance.now();
const caller = { community: { platform: 'discord' as const, externalId: guildId }, userId: 'u1', displayName: 'u1', isAdmin: false };
for (const period of ['week', 'month', 'all']) await app.bot.handle(caller, { type: 'command', name: 'leaderboard', args: { period } });
await app.bot.handle(caller, { type: 'command', name: 'stats', args: {} });
const rssMb = process.memoryUsage().rss / 1024 / 1024;
app.close();
process.stdout.write(`${JSON.stringify({ readyMs, rssMb })}\n`);
