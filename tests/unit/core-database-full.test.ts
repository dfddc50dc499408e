import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotInput } from '../../src/core/bot.js';
import type { Caller } from '../../src/core/commands/spec.js';
import type { Reply } from '../../src/core/reply.js';
import { unsavedWriteText } from '../../src/store/store-errors.js';
import { ManualClock } from '../support/clock.js';
import { communitySnapshot } from '../support/community-snapshot.js';
import { fillDisk } from '../support/disk-full.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;
const hour = 3_600_000;

/** Every row of every table: "nothing was written" means this is unchanged. */
const everything = (app: App): Record<string, unknown[]> => {
  const tables = app.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, app.store.db.prepare(`SELECT * FROM ${t}`).all().map((r) => JSON.stringify(r)).sort()]));
};
const actionOf = (reply: Reply): string => {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices') throw new Error(`no question in: ${reply.text}`);
  return block.action;
};

describe('with the disk full, no reply confirms and no cache holds a write that was not stored', () => {
  let app: App;
  let clock: ManualClock;
  let disk: { clear(): void } | undefined;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 18, 12, 0));
    // random() = 0: questions with one answer, so choice 0 is a whole answer.
    app = createTestApp({ clock, random: () => 0 });
  });
  afterEach(() => {
    disk?.clear();
    disk = undefined;
    app.dispose();
  });

  const ana = caller('Ana', { community: 'home', admin: true });
  const bo = caller('Bo', { community: 'other', platform: 'slack', admin: true });
  const handle = (who: Caller, input: BotInput) => app.bot.handle(who, input);
  const text = (who: Caller, line: string) => handle(who, { type: 'text', text: line });

  /** Two communities with history: schedules, a daily question open in each, practice, a due review item. */
  const seed = async (): Promise<string> => {
    await text(bo, '/daily set C0OTHER 09:00');
    await text(bo, '/quiz lambda');
    await text(ana, '/daily set #quiz 09:00');
    const missed = await text(ana, '/quiz fargate');
    await handle(ana, { type: 'action', id: `${actionOf(missed)}:1` });
    for (const who of [ana, bo]) {
      const community = app.store.communities.find(who.community)!;
      app.store.write(() => app.store.posts.create({ communityId: community.id, kind: 'daily', itemId: app.library.itemsOf('ecs')[0]!.id, channelId: 'quiz', localDay: '2026-11-19', opensAt: clock.now(), closesAt: clock.now() + 48 * hour }, clock.now()));
    }
    clock.advance(24 * hour); // the missed item is due for review
    const practice = await text(ana, '/quiz lambda');
    return actionOf(practice);
  };

  it('every command and action: "nothing was recorded", nothing written; once space returns all works, each community on its own rows', async () => {
    const practice = await seed();
    const home = app.store.communities.find(ana.community)!;
    const dailyOf = (communityId: number) => app.store.db.prepare("SELECT id FROM posts WHERE kind = 'daily' AND community_id = ?").pluck().get(communityId) as number;
    const fresh = caller('Cy', { community: 'fresh', platform: 'discord', admin: true });
    const writes: [Caller, BotInput][] = [
      [ana, { type: 'text', text: '/quiz' }],
      [ana, { type: 'text', text: '/quiz lambda' }],
      [ana, { type: 'action', id: 'qz:ecs' }],
      [ana, { type: 'text', text: '/review' }],
      [ana, { type: 'action', id: 'rvn' }],
      [ana, { type: 'action', id: `${practice}:0` }],
      [ana, { type: 'action', id: `ans:${dailyOf(home.id)}:0` }],
      [ana, { type: 'action', id: `rva:${practice.split(':')[1]}` }],
      [ana, { type: 'text', text: '/daily set #quiz 10:00 Europe/London' }],
      [ana, { type: 'text', text: '/daily set #second 11:00' }],
      [ana, { type: 'text', text: '/daily pause' }],
      [ana, { type: 'text', text: '/daily remove #quiz' }],
      [ana, { type: 'text', text: '/daily config Asia/Kolkata' }],
      [ana, { type: 'text', text: '/daily config count' }],
      [fresh, { type: 'text', text: '/quiz' }],
      [fresh, { type: 'text', text: '/daily set 123456789012 09:00' }],
      [fresh, { type: 'text', text: '/daily config Europe/Paris' }],
    ];
    const reads: [Caller, string][] = [[ana, '/explain fargate'], [ana, '/topics'], [ana, '/help'], [ana, '/stats'], [ana, '/leaderboard all'], [ana, '/daily status'], [fresh, '/stats'], [fresh, '/daily status']];

    const before = everything(app);
    disk = fillDisk();
    for (const [who, input] of writes) {
      const reply = await handle(who, input);
      expect(reply.text, JSON.stringify(input)).toBe(unsavedWriteText);
      expect(reply.blocks.some((b) => b.type === 'choices' || b.type === 'buttons'), JSON.stringify(input)).toBe(false);
      expect(everything(app), JSON.stringify(input)).toEqual(before);
    }
    for (const [who, line] of reads) expect((await text(who, line)).text, line).not.toContain('Nothing was recorded');
    expect(everything(app)).toEqual(before);
    disk.clear();
    disk = undefined;

    // Space returns. A new workspace arrives first and takes the next community id: the one a
    // cache would have handed out for "fresh" while the disk was full.
    const later = caller('Di', { community: 'later', platform: 'slack', admin: true });
    await text(later, '/quiz');
    const laterId = app.store.communities.find(later.community)!.id;
    const laterRows = communitySnapshot(app.store.db, laterId);
    const otherId = app.store.communities.find(bo.community)!.id;
    const otherRows = communitySnapshot(app.store.db, otherId);

    for (const [who, input] of writes) {
      const reply = await handle(who, input);
      expect(reply.text, JSON.stringify(input)).not.toContain('Nothing was recorded');
    }
    expect(app.store.communities.find(fresh.community)!.id).not.toBe(laterId);
    expect(app.store.schedules.list(app.store.communities.find(fresh.community)!.id).map((s) => s.channelId)).toEqual(['123456789012']);
    expect(communitySnapshot(app.store.db, laterId)).toEqual(laterRows);
    expect(communitySnapshot(app.store.db, otherId)).toEqual(otherRows);
    expect(app.store.communities.find(fresh.community)!.timeZone).toBe('Europe/Paris');
  });

  it('a practice question is shown only once its post is stored: its buttons answer it afterwards', async () => {
    await text(ana, '/stats');
    disk = fillDisk();
    const refused = await text(ana, '/quiz lambda');
    disk.clear();
    disk = undefined;
    expect(refused.text).toBe(unsavedWriteText);
    const asked = await text(ana, '/quiz lambda');
    const verdict = await handle(ana, { type: 'action', id: `${actionOf(asked)}:0` });
    expect(verdict.text).toMatch(/Right|Not quite/);
    expect(app.store.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(1);
  });

  it('a community whose creation failed is not remembered: a workspace that arrives later keeps its own rows', async () => {
    const fresh = caller('Cy', { community: 'fresh', platform: 'slack', admin: true });
    const later = caller('Di', { community: 'later', platform: 'slack', admin: true });
    disk = fillDisk();
    expect((await text(fresh, '/daily config Europe/Paris')).text).toBe(unsavedWriteText);
    disk.clear();
    disk = undefined;
    await text(later, '/quiz');
    const laterId = app.store.communities.find(later.community)!.id;
    const laterRows = communitySnapshot(app.store.db, laterId);
    expect((await text(fresh, '/daily set C0FRESH 09:00')).text).toMatch(/Daily quiz set/);
    expect(communitySnapshot(app.store.db, laterId)).toEqual(laterRows);
    const freshId = app.store.communities.find(fresh.community)!.id;
    expect(freshId).not.toBe(laterId);
    expect(app.store.schedules.list(freshId).map((s) => s.channelId)).toEqual(['C0FRESH']);
  });
});
