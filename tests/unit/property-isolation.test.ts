import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { Caller } from '../../src/core/commands/spec.js';
import type { Reply } from '../../src/core/reply.js';
import { createLogger } from '../../src/log.js';
import type { Platform } from '../../src/store/communities.js';
import { ManualClock } from '../support/clock.js';
import { communitySnapshot } from '../support/community-snapshot.js';
import { fillDisk } from '../support/disk-full.js';
import { RecordingPoster } from '../support/recording-poster.js';

/** Two communities on each platform, two members each (the first an admin). */
const communities: { platform: Platform; externalId: string; channel: string }[] = [
  { platform: 'discord', externalId: 'guild-1', channel: '111111111111' },
  { platform: 'discord', externalId: 'guild-2', channel: '111111111111' },
  { platform: 'slack', externalId: 'T0001', channel: 'C0QUIZ' },
  { platform: 'slack', externalId: 'T0002', channel: 'C0QUIZ' },
];
const callerOf = (c: number, m: number): Caller => {
  const community = communities[c]!;
  return { community: { platform: community.platform, externalId: community.externalId, name: community.externalId }, userId: `u${m}`, displayName: `Member ${m}`, isAdmin: m === 0 };
};
const lines = (channel: string): string[] => [
  '/quiz', '/quiz lambda', '/review', '/stats', '/leaderboard week', '/daily status',
  `/daily set ${channel} 09:00`, `/daily set ${channel} 08:30 2h`, '/daily pause', '/daily resume', '/daily remove',
  '/daily config Asia/Kolkata', '/daily config count', '/daily config names', '/exam 10', '/daily config digest:on',
];

const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('text' as const), c: fc.nat(3), m: fc.nat(1), line: fc.nat(15) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('press' as const), c: fc.nat(3), m: fc.nat(1), button: fc.nat(), answer: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 24 * 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disk' as const), full: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('platform-error' as const), permanent: fc.boolean() }) },
);

const pick = (list: readonly string[], n: number): string | undefined => list[n % Math.max(1, list.length)];

/** What a reply says was written, checked against the rows. */
function expectStored(app: App, who: Caller, pressed: string | undefined, reply: Reply): void {
  const db = app.store.db;
  const community = app.store.communities.find(who.community);
  const member = community && app.store.communities.findMember(community.id, who.userId);
  const question = reply.blocks.find((b) => b.type === 'choices');
  if (question?.type === 'choices' && question.action.startsWith('xa:')) {
    // A practice exam's question: the exam is the member's own, in their community.
    const exam = db.prepare('SELECT community_id, member_id FROM exams WHERE id = ?').get(Number(question.action.split(':')[1]));
    expect(exam).toEqual({ community_id: community?.id, member_id: member?.id });
  } else if (question?.type === 'choices' && reply.visibility === 'ephemeral') {
    const post = db.prepare('SELECT community_id, member_id FROM posts WHERE id = ?').get(Number(question.action.split(':')[1])) as { community_id: number; member_id: number } | undefined;
    expect(post).toEqual({ community_id: community?.id, member_id: member?.id });
  }
  const saved = /^xa:(\d+):(\d+):([\d+]+)$/.exec(pressed ?? '');
  if (saved && /^Saved your answer to Q/.test(reply.text)) {
    expect(db.prepare('SELECT choices FROM exam_questions WHERE exam_id = ? AND position = ? AND community_id = ?').pluck().get(Number(saved[1]), Number(saved[2]), community?.id)).toBe(saved[3]);
  }
  const answered = /^ans:(\d+):/.exec(pressed ?? '');
  if (answered && /^(✅ Right!|❌ Not quite)/.test(reply.text)) {
    expect(db.prepare('SELECT count(*) FROM answers WHERE post_id = ? AND member_id = ? AND community_id = ?').pluck().get(Number(answered[1]), member?.id, community?.id)).toBe(1);
  }
  const set = /^Daily quiz set for <#([A-Z0-9]+)(?:\|[^>]*)?>/.exec(reply.text);
  if (set) expect(db.prepare('SELECT paused, removed FROM schedules WHERE community_id = ? AND channel_id = ?').get(community?.id, set[1])).toEqual({ paused: 0, removed: 0 });
  if (/^Paused/.test(reply.text)) expect(app.store.schedules.list(community!.id).every((s) => s.paused)).toBe(true);
  if (/^Resumed/.test(reply.text)) expect(app.store.schedules.list(community!.id).every((s) => !s.paused)).toBe(true);
  if (/^Removed/.test(reply.text)) expect(app.store.schedules.list(community!.id)).toEqual([]);
  if (/^Saved: time zone Asia\/Kolkata/.test(reply.text)) expect(community?.timeZone).toBe('Asia/Kolkata');
  if (/^Saved: the reveal shows only how many/.test(reply.text)) expect(community?.revealNames).toBe(false);
  if (/^Saved: the reveal lists/.test(reply.text)) expect(community?.revealNames).toBe(true);
  if (/^Saved: the weekly digest is on/.test(reply.text)) expect(app.store.schedules.list(community!.id).some((s) => s.digest)).toBe(true);
  if (/^Added to your \/review queue\. It will/.test(reply.text)) {
    const post = /^rva:(\d+)$/.exec(pressed ?? '');
    expect(db.prepare('SELECT count(*) FROM review_cards r JOIN posts p ON p.item_id = r.item_id WHERE p.id = ? AND r.member_id = ?').pluck().get(Number(post?.[1]), member?.id)).toBe(1);
  }
}

describe('property: four communities, random commands, presses, ticks and faults', () => {
  it("no community's rows change by another's members, and every confirmed write is stored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.integer(), async (steps, seed) => {
        const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-isolation-'));
        const clock = new ManualClock(Date.UTC(2026, 10, 18, 8, 0));
        let state = seed >>> 0;
        const random = (): number => ((state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
        const app = createApp({ databasePath: join(dir, 'i.db'), clock, log: createLogger('silent'), random });
        const poster = new RecordingPoster({ clock });
        app.daily.attach('discord', poster);
        app.daily.attach('slack', poster);
        const buttons: string[] = [];
        const answers: string[] = [];
        const remember = (reply: Reply): void => {
          for (const b of reply.blocks) {
            if (b.type === 'choices') answers.push(`${b.action}:${b.pick === 2 ? '0+1' : '0'}`);
            if (b.type === 'buttons') buttons.push(...b.buttons.map((x) => x.id));
          }
        };
        let disk: { clear(): void } | undefined;
        try {
          // Every community starts with a practice question and a schedule, so presses have buttons of all four.
          for (let c = 0; c < communities.length; c++) {
            remember(await app.bot.handle(callerOf(c, 1), { type: 'text', text: '/quiz' }));
            await app.bot.handle(callerOf(c, 0), { type: 'text', text: `/daily set ${communities[c]!.channel} 09:00` });
          }
          for (const s of steps) {
            if (s.kind === 'disk') {
              if (s.full && !disk) disk = fillDisk();
              if (!s.full && disk) (disk.clear(), (disk = undefined));
              continue;
            }
            if (s.kind === 'platform-error') {
              const error = Object.assign(new Error('platform says no'), s.permanent ? { permanent: true } : {});
              poster.postFailures.push({ type: 'throw', error });
              poster.editFailures.push({ type: 'throw', error });
              continue;
            }
            if (s.kind === 'tick') {
              clock.advance(s.minutes * 60_000);
              // As the daily timer does: a failed tick (the disk is full) is logged and tried again later.
              await app.daily.tick().catch(() => undefined);
              for (const message of poster.messages.values()) remember(message.reply);
              continue;
            }
            const who = callerOf(s.c, s.m);
            const others = communities.map((_, i) => i).filter((i) => i !== s.c).flatMap((i) => {
              const other = app.store.communities.find(callerOf(i, 0).community);
              return other ? [[other.id, communitySnapshot(app.store.db, other.id)] as const] : [];
            });
            const input = s.kind === 'text' ? { type: 'text' as const, text: lines(communities[s.c]!.channel)[s.line]! } : { type: 'action' as const, id: pick(s.answer && answers.length > 0 ? answers : buttons, s.button) ?? 'rvn' };
            const reply = await app.bot.handle(who, input);
            remember(reply);
            for (const [id, rows] of others) expect(communitySnapshot(app.store.db, id), `${JSON.stringify(input)} by ${who.community.externalId}`).toEqual(rows);
            // Full disk or not: a write that changes no byte (a setting set again) commits nothing and still holds.
            expectStored(app, who, input.type === 'action' ? input.id : undefined, reply);
          }
        } finally {
          disk?.clear();
          app.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
