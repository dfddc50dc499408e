import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/commands/spec.js';
import { DailyWorld } from '../support/daily-world.js';

let w: DailyWorld;
beforeEach(() => {
  w = new DailyWorld(Date.parse('2026-03-02T08:00:00Z')); // Monday
});
afterEach(() => w.dispose());

const snapshot = (): unknown =>
  ['communities', 'members', 'schedules', 'posts'].map((t) => w.app.store.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());

const slackAdmin: Caller = { community: { platform: 'slack', externalId: 'T1' }, userId: 'U1', displayName: 'Sam', isAdmin: true };
const discordAdmin: Caller = { community: { platform: 'discord', externalId: '42' }, userId: '7', displayName: 'Dee', isAdmin: true };

describe('/daily is for admins', () => {
  it.each(['/daily set #study 09:00', '/daily pause', '/daily resume', '/daily remove', '/daily status', '/daily config reveal:count'])('%s is refused for a member and writes nothing', async (text) => {
    const before = snapshot();
    const reply = await w.as('Member', text);
    expect(reply.text).toMatch(/Only server or workspace admins can use \/daily/);
    expect(snapshot()).toEqual(before);
  });

  it('help shows /daily to admins only', async () => {
    expect((await w.as('Member', '/help')).text).not.toMatch(/\/daily/);
    expect((await w.admin('/help')).text).toMatch(/\/daily set #channel HH:MM/);
  });
});

describe('bad /daily input gets a clear reply and writes nothing', () => {
  const cases: [string, RegExp][] = [
    ['/daily', /needs an action: set, pause, resume, remove, status, config/],
    ['/daily frobnicate', /no "frobnicate" action/],
    ['/daily set', /Missing channel/],
    ['/daily set #study', /Missing time/],
    ['/daily set #study 25:00', /"25:00" is not a time I can use.*HH:MM/],
    ['/daily set #study 9am', /"9am" is not a time/],
    ['/daily set "#no spaces" 09:00', /is not a channel name.*#study/],
    ['/daily set #study 09:00 Mars/Olympus', /"Mars\/Olympus" is not a time zone I know.*Europe\/London/],
    ['/daily set #study 09:00 UTC funday', /did not recognise "funday" as a day.*mon-fri/],
    ['/daily set #study 09:00 days:mon-funday', /did not recognise the days "mon-funday"/],
    ['/daily set #study 09:00 UTC daily 3m', /close must be between 10 minutes and 7 days/],
    ['/daily set #study 09:00 close:soon', /"soon" is not a duration.*2h/],
    ['/daily set #study 09:00 UTC Europe/London', /time zone twice/],
    ['/daily config timezone:Nowhere/Town', /not a time zone I know/],
    ['/daily config reveal:everyone', /reveal must be one of: names, count/],
    ['/daily pause #study', /No daily quiz is scheduled here yet/],
  ];

  it.each(cases)('%s', async (text, expected) => {
    const before = snapshot();
    const reply = await w.admin(text);
    expect(reply.text).toMatch(expected);
    expect(reply.visibility).toBe('ephemeral');
    expect(snapshot()).toEqual(before);
  });

  it('a bad change to an existing schedule leaves it as it was', async () => {
    await w.admin('/daily set #study 09:00 Europe/London weekdays');
    const before = snapshot();
    for (const text of ['/daily set #study 09:99', '/daily set #study 10:00 Atlantis/Lost', '/daily pause #elsewhere', '/daily set #study 10:00 close:0m']) {
      await w.admin(text);
    }
    expect(snapshot()).toEqual(before);
    expect((await w.admin('/daily remove #elsewhere')).text).toMatch(/There is no daily quiz in #elsewhere. \/daily status lists/);
  });

  it('platform channel forms: Slack needs a channel link, Discord a channel id', async () => {
    const before = snapshot();
    expect((await w.app.bot.handle(slackAdmin, { type: 'text', text: '/daily set #study 09:00' })).text).toMatch(/Type # and pick the channel/);
    expect((await w.app.bot.handle(discordAdmin, { type: 'command', name: 'daily', sub: 'set', args: { channel: 'general', time: '09:00' } })).text).toMatch(/Pick the channel from Discord/);
    expect(snapshot()).toEqual(before);
  });
});

describe('good /daily input', () => {
  it('set takes options in any order or by name; setting a channel again updates the same schedule', async () => {
    const first = await w.admin('/daily set #Study 9:00 weekdays Asia/Kolkata 2h');
    expect(first.text).toMatch(/Daily quiz set for #study: 09:00 weekdays \(Asia\/Kolkata\), closes 2 h after posting\. First post: Tue 3 Mar 09:00 \(Asia\/Kolkata\), in 19 h 30 min\./);
    await w.admin('/daily set #study time:18:30 days:mon,wed,fri timezone:australia/lord_howe close:default');
    const schedules = w.app.store.schedules.list(1);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ channelId: 'study', localTime: '18:30', timeZone: 'Australia/Lord_Howe', days: [1, 3, 5], closeAfterMinutes: null });
  });

  it('close takes days, up to 7d; a close longer than the gap to the next post says the next post closes it', async () => {
    const twoDays = await w.admin('/daily set #study 09:00 UTC close:2d');
    expect(twoDays.text).toMatch(/closes 2 d after posting\./);
    expect(twoDays.text).toMatch(/Note: 2 d is longer than the 24 h between some posts, so a question still open when the next one is posted closes and is revealed then\./);
    expect(w.app.store.schedules.list(1)[0]).toMatchObject({ closeAfterMinutes: 2 * 24 * 60 });
    // Weekly: seven days between posts, so a 7-day close fits and no note is needed.
    const weekly = await w.admin('/daily set #study 09:00 UTC mon 7d');
    expect(weekly.text).toMatch(/09:00 Mon \(UTC\), closes 7 d after posting\./);
    expect(weekly.text).not.toMatch(/Note:/);
    expect((await w.admin('/daily set #study 09:00 UTC weekends close:1d12h')).text).toMatch(/closes 36 h after posting\. .*Note: 36 h is longer than the 24 h between some posts/);
    expect((await w.admin('/daily set #study 09:00 UTC close:8d')).text).toMatch(/close must be between 10 minutes and 7 days/);
    expect((await w.admin('/daily set #study 09:00 UTC close:2h')).text).not.toMatch(/Note:/);
  });

  it('what the note says happens: the next post closes and reveals a question still open', async () => {
    await w.admin('/daily set #study 09:00 UTC close:2d');
    await w.jump(26 * 60 * 60_000); // past Tuesday's 09:00 post
    const [monday, tuesday] = w.dailyPosts();
    expect(monday).toMatchObject({ localDay: '2026-03-02', status: 'closed' });
    expect(monday?.revealedAt).not.toBeNull();
    expect(tuesday).toMatchObject({ localDay: '2026-03-03', status: 'open' });
  });

  it("the zone defaults to the community's; Slack and Discord channels are stored by id", async () => {
    await w.admin('/daily config timezone:Europe/London');
    await w.admin('/daily set #study 09:00');
    expect(w.app.store.schedules.list(1)[0]).toMatchObject({ timeZone: 'Europe/London', days: [1, 2, 3, 4, 5, 6, 7] });
    const slack = await w.app.bot.handle(slackAdmin, { type: 'text', text: '/daily set <#C0123ABCD|study> 07:45 America/New_York' });
    expect(slack.text).toMatch(/Daily quiz set for <#C0123ABCD>/);
    const discord = await w.app.bot.handle(discordAdmin, { type: 'command', name: 'daily', sub: 'set', args: { channel: '123456789012345678', time: '12:00', days: 'weekends' } });
    expect(discord.text).toMatch(/Daily quiz set for <#123456789012345678>: 12:00 weekends \(UTC\)/);
    const rows = w.app.store.db.prepare('SELECT channel_id, channel_name FROM schedules ORDER BY id').all();
    expect(rows).toEqual([
      { channel_id: 'study', channel_name: 'study' },
      { channel_id: 'C0123ABCD', channel_name: 'study' },
      { channel_id: '123456789012345678', channel_name: '' },
    ]);
  });

  it('status lists each schedule with its next post in local and relative terms, and paused ones', async () => {
    expect((await w.admin('/daily status')).text).toMatch(/No daily quiz is scheduled yet/);
    await w.admin('/daily set #study 09:00 Europe/London');
    await w.admin('/daily set #late 21:00 Asia/Kolkata weekdays 90m');
    await w.admin('/daily pause #late');
    const status = await w.admin('/daily status');
    expect(status.text).toContain('#study: 09:00 every day (Europe/London), closes an hour before the next post · next: Mon 2 Mar 09:00 (Europe/London), in 1 h');
    expect(status.text).toContain('#late: 21:00 weekdays (Asia/Kolkata), closes 1 h 30 min after posting · paused');
    expect(status.text).toMatch(/Community time zone: UTC.*Reveal: names/);
    await w.admin('/daily resume #late');
    expect((await w.admin('/daily status')).text).toContain('#late: 21:00 weekdays (Asia/Kolkata), closes 1 h 30 min after posting · next: Mon 2 Mar 21:00 (Asia/Kolkata), in 7 h 30 min');
  });

  it('config changes the zone and the reveal; without options it shows them', async () => {
    expect((await w.admin('/daily config count')).text).toMatch(/only how many/);
    expect((await w.admin('/daily config timezone:asia/kolkata reveal:names')).text).toMatch(/time zone Asia\/Kolkata.*lists who got it right/);
    expect(w.app.store.communities.get(1)).toMatchObject({ timeZone: 'Asia/Kolkata', revealNames: true });
    expect((await w.admin('/daily config')).text).toMatch(/Community time zone: Asia\/Kolkata/);
  });
});

describe('/daily config digest: the weekly digest per channel', () => {
  const digestSnapshot = (): unknown => [snapshot(), w.app.store.db.prepare('SELECT * FROM digests').all()];

  it.each([
    ['/daily config digest:on', /No daily quiz is scheduled here yet, so there is no channel for a digest/],
    ['/daily config digest:maybe', /digest must be one of: on, off \(not "maybe"\)/],
  ])('%s with no schedule is refused and writes nothing', async (text, error) => {
    const before = digestSnapshot();
    expect((await w.admin(text)).text).toMatch(error);
    expect(digestSnapshot()).toEqual(before);
  });

  it.each([
    ['/daily config digest:on #nowhere', /There is no daily quiz in #nowhere\. The weekly digest goes with a channel's daily quiz/],
    ['/daily config on Mars/Olympus', /"Mars\/Olympus" is not a time zone I know/],
    ['/daily config on off', /You gave digest twice \("off"\)/],
    ['/daily config #study', /A channel goes with the weekly digest setting/],
    ['/daily config digest:on', /Several channels have a daily quiz; name the one for the digest, e\.g\. \/daily config digest:on #quiz/],
  ])('%s with schedules in place is refused and writes nothing', async (text, error) => {
    await w.admin('/daily set #study 09:00');
    await w.admin('/daily set #quiz 18:00');
    const before = digestSnapshot();
    expect((await w.admin(text)).text).toMatch(error);
    expect(digestSnapshot()).toEqual(before);
  });

  it('on and off by name or by shape, for the only channel or a named one; /daily status shows it', async () => {
    await w.admin('/daily set #study 09:00');
    expect((await w.admin('/daily config on')).text).toMatch(/Saved: the weekly digest is on in #study: each Monday at 09:00 \(community time zone\)/);
    expect((await w.admin('/daily status')).text).toMatch(/#study: 09:00 every day \(UTC\).* · weekly digest: Mondays at 09:00 \(UTC\)/);
    await w.admin('/daily set #quiz 18:00');
    expect((await w.admin('/daily config #quiz digest:on count')).text).toMatch(/the reveal shows only how many got it right; the weekly digest is on in #quiz/);
    expect(w.app.store.schedules.list(1).map((s) => [s.channelId, s.digest])).toEqual([['quiz', true], ['study', true]]);
    expect((await w.admin('/daily config off #study')).text).toMatch(/the weekly digest is off in #study/);
    const status = (await w.admin('/daily status')).text;
    expect(status).toMatch(/#quiz: .* · weekly digest: Mondays at 18:00/);
    expect(status).not.toMatch(/#study: .*weekly digest/);
  });

  it('Slack typed options are recognised by shape: a channel link and on', async () => {
    await w.app.bot.handle(slackAdmin, { type: 'text', text: '/daily set <#C0123ABCD|study> 07:45' });
    const reply = await w.app.bot.handle(slackAdmin, { type: 'text', text: '/daily config <#C0123ABCD|study> on' });
    expect(reply.text).toMatch(/the weekly digest is on in <#C0123ABCD>/);
  });
});
