import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { startCoreProcess, type CoreProcess } from '../support/core-process-driver.js';
import { caller } from '../support/test-app.js';

/** Child processes compile TypeScript at start: a safety net, not an assertion. */
const childTimeoutMs = 90_000;

/** An answer to the question, whichever it is: one choice, or two for a choose-two. */
const anAnswer = (reply: Reply): string => {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices') throw new Error(`no question in: ${reply.text}`);
  return `${block.action}:${block.pick === 2 ? '0+1' : '0'}`;
};

describe('three processes on one database file: what one writes, the others see at once', () => {
  let dir: string;
  let processes: CoreProcess[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-multi-'));
    // All three start together on a new file, so their migrations race as well.
    processes = await Promise.all([0, 1, 2].map(() => startCoreProcess(join(dir, 'shared.db'))));
  }, childTimeoutMs);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  }, childTimeoutMs);

  it('a community, a post and settings made in one process are used by the others', async () => {
    const [one, two, three] = processes as [CoreProcess, CoreProcess, CoreProcess];
    const ana = caller('Ana', { community: 'guild-1', platform: 'discord', admin: true });
    const bo = caller('Bo', { community: 'guild-1', platform: 'discord', admin: true });

    // Process one meets the community before it exists…
    expect((await one.text(ana, '/stats')).text).toMatch(/^No answers yet/);
    expect((await one.text(ana, '/daily status')).text).toContain('Community time zone: UTC');
    expect((await two.text(bo, '/daily status')).text).toContain('Community time zone: UTC');
    // …process two creates it with a practice question, and process one answers that question.
    const question = await two.text(ana, '/quiz lambda');
    const verdict = await one.handle(ana, { type: 'action', id: anAnswer(question) });
    expect(verdict.text).toMatch(/Right|Not quite/);
    // Process three changes the community's settings; one and two show them at once.
    expect((await three.text(bo, '/daily config Asia/Kolkata count')).text).toMatch(/^Saved/);
    for (const p of [one, two, three]) {
      const status = (await p.text(bo, '/daily status')).text;
      expect(status).toContain('Community time zone: Asia/Kolkata');
      expect(status).toContain('Reveal: only the count');
    }
    // A schedule set in one process is listed by the other two, and removed by a third.
    expect((await one.text(ana, '/daily set 123456789012 09:00')).text).toMatch(/Daily quiz set/);
    for (const p of [two, three]) expect((await p.text(bo, '/daily status')).text).toContain('<#123456789012>: 09:00');
    expect((await three.text(bo, '/daily remove')).text).toMatch(/^Removed/);
    expect((await one.text(ana, '/daily status')).text).toMatch(/No daily quiz is scheduled yet/);
    expect((await two.text(ana, '/stats')).text).toMatch(/Answers: 1/);
  }, childTimeoutMs);
});
