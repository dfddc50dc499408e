/**
 * npx tsx bench/slack-http-flood.ts [--no-build]
 *
 * The built bot in Slack HTTP mode (as `npm start` runs it) against the local fake Slack,
 * flooded with 200 parallel unsigned 4 MB posts, then 200 with a fresh timestamp and a bad
 * signature, then 200 of those again sent chunked (no Content-Length, so only the read
 * limit stops them). Prints the bot's resident memory at idle, its peak (VmHWM, before and
 * during the flood), five seconds after it, and 30 s after a second flood (memory that
 * stays put is not a leak); and checks that a signed command is still answered.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../src/app.js';
import { FakeSlack } from '../tests/fakes/fake-slack.js';
import { formBody } from '../tests/fakes/slack-driver.js';
import { slashCommand } from '../tests/fakes/slack-payloads.js';
import { slackSignature } from '../tests/fakes/slack-signing.js';
import { startBuiltBot } from './node-process.js';

const secret = '0123456789abcdef0123456789abcdef';
const parallel = 200;
const big = Buffer.alloc(4 * 1024 * 1024, 'a');

const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM'): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One hostile post; its status, or the error's name when the connection was cut. */
async function post(url: string, headers: Record<string, string>, chunked: boolean): Promise<string> {
  try {
    const body = chunked ? Readable.toWeb(Readable.from([big.subarray(0, 2 ** 21), big.subarray(2 ** 21)])) : big;
    const init = { method: 'POST', headers, body, ...(chunked ? { duplex: 'half' } : {}) } as Parameters<typeof fetch>[1];
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return String(res.status);
  } catch (error) {
    return error instanceof Error ? error.name : 'error';
  }
}

async function flood(url: string, headers: () => Record<string, string>, chunked = false): Promise<Record<string, number>> {
  const statuses = await Promise.all(Array.from({ length: parallel }, () => post(url, headers(), chunked)));
  return statuses.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  const fake = await FakeSlack.start({ botToken: 'xoxb-flood', appToken: 'xapp-flood', teamId: 'T0FLOOD', users: [{ id: 'UALICE', teamId: 'T0FLOOD', name: 'alice' }] });
  const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-flood-'));
  const port = await freePort();
  const env = { SLACK_BOT_TOKEN: 'xoxb-flood', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, PORT: String(port), DATABASE_PATH: join(dir, 'flood.db') };
  const { bot } = await startBuiltBot(env, false);
  const pid = bot.child.pid ?? 0;
  const url = `http://127.0.0.1:${port}/slack/events`;
  try {
    await sleep(2000);
    const idle = memoryMb(pid, 'VmRSS');
    const peakBefore = memoryMb(pid, 'VmHWM');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = () => ({ ...form, 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': `v0=${'0'.repeat(64)}` });
    const round1 = {
      unsigned: await flood(url, () => form),
      badSignature: await flood(url, forged),
      badSignatureChunked: await flood(url, forged, true),
    };
    await sleep(5000);
    const after = memoryMb(pid, 'VmRSS');
    // The same again: memory that stays where it was is not a leak.
    const round2 = { unsigned: await flood(url, () => form), badSignature: await flood(url, forged), badSignatureChunked: await flood(url, forged, true) };
    const peak = memoryMb(pid, 'VmHWM');
    await sleep(30_000);
    const after2 = memoryMb(pid, 'VmRSS');
    const body = formBody(slashCommand({ teamId: 'T0FLOOD', userId: 'UALICE' }, '/help', '', `${fake.apiUrl}../response/r1`));
    const ts = Math.floor(Date.now() / 1000);
    const help = await fetch(url, { method: 'POST', headers: { ...form, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(secret, ts, body) }, body });
    console.log(JSON.stringify({ parallel, bodyMb: 4, responses: { round1, round2 }, rssIdleMb: round(idle), rssPeakBeforeFloodMb: round(peakBefore), rssPeakMb: round(peak), rssAfterMb: round(after), rssAfterSecondFlood30sMb: round(after2), signedHelpAfter: help.status }, null, 2));
  } finally {
    await bot.kill('SIGTERM');
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (mb: number): number => Math.round(mb * 10) / 10;

await main();
