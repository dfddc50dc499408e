import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMember } from '../fakes/fake-discord.js';
import { viewMessage, type MessageView } from '../fakes/fake-discord-view.js';
import { ManualClock } from '../support/clock.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { captureLogs } from '../support/log-capture.js';
import { createTestApp } from '../support/test-app.js';

/** Monday 16 November 2026, 12:00 UTC. */
const monday = Date.UTC(2026, 10, 16, 12, 0);
const at = (dayOffset: number, hh: number, mm: number): number => Date.UTC(2026, 10, 16 + dayOffset, hh, mm);

interface DailyRow {
  id: number;
  status: string;
  message_ref: string | null;
  channel_id: string;
  item_id: string;
  answer_count: number;
  revealed_at: number | null;
  last_error: string | null;
}

describe('Discord: the daily quiz from /daily set through button answers to the reveal', () => {
  const clock = new ManualClock(monday);
  const logs = captureLogs();
  let h: DiscordHarness;
  let admin: FakeMember;

  const rows = (): DailyRow[] => h.app.store.db.prepare(`SELECT * FROM posts WHERE kind = 'daily' ORDER BY id`).all() as DailyRow[];
  const post = (messageId: string): MessageView => viewMessage(h.fake.message(messageId)!.message);
  const daily = (sub: string, options: Record<string, string> = {}, member?: FakeMember) =>
    h.fake.slashCommand({ guild: h.guild, member: member ?? admin, name: 'daily', sub, options }).reply();
  const tickAt = async (ms: number): Promise<void> => {
    clock.set(ms);
    await h.app.daily.tick();
  };

  beforeAll(async () => {
    h = await startDiscordHarness({ app: createTestApp({ clock, random: () => 0 }), log: logs.log });
    admin = h.fake.member('ada_admin', { nick: 'Ada', admin: true });
    // Ticks are driven by the test; the timer (start()) stays off.
    h.app.daily.attach('discord', h.adapter);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses /daily to members without Manage Server, and writes nothing', async () => {
    const member = h.fake.member('mallory');
    for (const sub of ['set', 'pause', 'status', 'config'] as const) {
      const options: Record<string, string> = sub === 'set' ? { channel: h.guild.channels.quiz!, time: '12:30' } : {};
      const reply = await daily(sub, options, member);
      expect(reply.ephemeral).toBe(true);
      expect(reply.text).toContain('Only server or workspace admins');
    }
    const community = h.app.store.communities.find({ platform: 'discord', externalId: h.guild.id });
    expect(community ? h.app.store.schedules.list(community.id) : []).toEqual([]);
  });

  it('lets an admin configure and set the daily quiz, but not in a channel the bot cannot post in', async () => {
    const config = await daily('config', { timezone: 'UTC', reveal: 'names' });
    expect(config.ephemeral).toBe(true);
    expect(config.text).toContain('Saved');

    h.fake.denyBot(h.guild.channels.announcements!, PermissionFlagsBits.SendMessages);
    const refused = await daily('set', { channel: h.guild.channels.announcements!, time: '12:30' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain("I can't post in");

    const set = await daily('set', { channel: h.guild.channels.quiz!, time: '12:30', timezone: 'UTC', days: 'daily', close: '2h' });
    expect(set.ephemeral).toBe(true);
    expect(set.text).toContain(`Daily quiz set for <#${h.guild.channels.quiz}>`);

    const status = await daily('status');
    expect(status.text).toContain(`<#${h.guild.channels.quiz}>`);
    expect(status.text).not.toContain(`<#${h.guild.channels.announcements}>`);
  });

  it('pauses and resumes', async () => {
    expect((await daily('pause')).text).toContain('Paused the daily quiz');
    expect((await daily('status')).text).toContain('paused');
    expect((await daily('resume', { channel: h.guild.channels.quiz! })).text).toContain('Resumed the daily quiz');
  });

  it('posts through the adapter; presses answer privately; the public post shows a count, never who chose what', async () => {
    await tickAt(at(0, 12, 30));
    const [message] = h.fake.channelMessages(h.guild.channels.quiz!);
    expect(message).toBeDefined();
    let view = viewMessage(message!);
    expect(view.ephemeral).toBe(false);
    expect(view.content).toMatch(/^Daily quiz/);
    expect(rows()[0]).toMatchObject({ status: 'open', message_ref: view.id });

    const item = h.app.library.item(rows()[0]!.item_id)!;
    const choose = (indexes: readonly number[]) =>
      view.select ? { customId: view.select.customId, values: indexes.map(String) } : { customId: view.buttons[indexes[0]!]!.customId };
    const wrongIndexes = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i)).slice(0, item.answer.length);

    const alice = h.fake.member('alice', { globalName: 'Alice' });
    const bob = h.fake.member('bob', { nick: 'Bobby' });
    const right = await h.fake.press({ member: alice, messageId: view.id, ...choose(item.answer) }).reply();
    expect(right.ephemeral).toBe(true);
    expect(right.text).toContain('Right!');
    expect(right.text).toContain('points');
    const wrong = await h.fake.press({ member: bob, messageId: view.id, ...choose(wrongIndexes) }).reply();
    expect(wrong.ephemeral).toBe(true);
    expect(wrong.text).toContain('Not quite');

    // A double press: the first answer stands, nothing is counted twice.
    const twice = await h.fake.press({ member: alice, messageId: view.id, ...choose(wrongIndexes) }).reply();
    expect(twice.text).toContain('already answered');
    expect(rows()[0]!.answer_count).toBe(2);

    await tickAt(at(0, 12, 31));
    view = post(view.id);
    expect(view.text).toContain('2 answered so far');
    for (const name of ['Alice', 'alice', 'Bobby', 'bob']) expect(view.text).not.toContain(name);

    // While the question is open the leaderboard gives nothing away.
    const board = await h.fake.slashCommand({ guild: h.guild, member: bob, name: 'leaderboard' }).reply();
    expect(board.ephemeral).toBe(false);
    expect(board.text).not.toContain('Alice');
  });

  it('closes and reveals by editing the post; a press on the closed post gets a clear private answer', async () => {
    await tickAt(at(0, 14, 31));
    const [row] = rows();
    expect(row).toMatchObject({ status: 'closed' });
    expect(row!.revealed_at).not.toBeNull();
    const view = post(row!.message_ref!);
    expect(view.text).toContain('Answer:');
    expect(view.text).toContain('1 of 2 got it right');
    // No answer buttons are left: only the one to report the question.
    expect(view.buttons.map((b) => b.label)).toEqual(['Report this question']);
    expect(view.select).toBeUndefined();

    // At the close the answers count: the one who was right leads the public leaderboard.
    const board = await h.fake.slashCommand({ guild: h.guild, member: h.fake.member('reader'), name: 'leaderboard' }).reply();
    expect(board.ephemeral).toBe(false);
    expect(board.text).toContain('Alice');

    const late = await h.fake.press({ member: h.fake.member('latecomer'), messageId: view.id, customId: `ans:${row!.id}:0` }).reply();
    expect(late.ephemeral).toBe(true);
    expect(late.text).toContain('has closed');
  });

  it('a post whose message was deleted cannot be revealed: a logged warning, given up, no crash', async () => {
    await tickAt(at(1, 12, 30));
    const row = rows()[1]!;
    expect(row.status).toBe('open');
    h.fake.deleteMessage(row.message_ref!);
    await tickAt(at(1, 14, 31));
    const after = rows()[1]!;
    expect(after.revealed_at).not.toBeNull();
    expect(after.last_error).toContain('no longer exists');
    expect(logs.at('warn').some((l) => l.code === 10008 && String(l.msg).includes('editing message'))).toBe(true);
  });

  it('a post to a deleted channel is a logged warning and the day is skipped; the bot keeps working', async () => {
    const set = await daily('set', { channel: h.guild.channels.general!, time: '15:00', close: '1h' });
    expect(set.text).toContain('Daily quiz set');
    h.fake.deleteChannel(h.guild.channels.general!);
    await tickAt(at(1, 15, 0));
    const row = rows().find((r) => r.channel_id === h.guild.channels.general)!;
    expect(row.message_ref).toBeNull();
    expect(row.last_error).toContain('channel no longer exists');
    expect(logs.at('warn').some((l) => l.code === 10003 && l.channel === h.guild.channels.general)).toBe(true);

    const stats = await h.fake.slashCommand({ guild: h.guild, channel: h.guild.channels.quiz!, member: h.fake.member('alice2'), name: 'stats' }).reply();
    expect(stats.ephemeral).toBe(true);
  });

  it('a post where the bot lost Send Messages is a logged warning, not a crash', async () => {
    h.fake.denyBot(h.guild.channels.quiz!, PermissionFlagsBits.SendMessages);
    await tickAt(at(2, 12, 30));
    const row = rows().find((r) => r.channel_id === h.guild.channels.quiz && r.message_ref === null)!;
    expect(row.last_error).toContain('lacks a permission');
    expect(logs.at('warn').some((l) => l.code === 50013)).toBe(true);
    expect(logs.at('error').filter((l) => String(l.msg).startsWith('discord'))).toEqual([]);
  });

  it('removes the schedule', async () => {
    const removed = await daily('remove');
    expect(removed.text).toContain('Removed the daily quiz');
    expect((await daily('status')).text).toContain('No daily quiz is scheduled');
    // Every post, count update and reveal was within Discord's limits.
    expect(h.fake.state.invalidBodies).toEqual([]);
    expect(h.fake.state.unknownRoutes).toEqual([]);
  });
});
