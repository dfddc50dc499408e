import { afterEach, describe, expect, it } from 'vitest';
import { shownText, startSlack, type SlackHarness } from '../fakes/slack-harness.js';

/**
 * What SIGTERM asks of the Slack adapter (main.ts drains every adapter before it closes the
 * database): take no new work, finish what is in flight. The Discord side runs as a real
 * process in crash-safety.test.ts.
 */
describe.each(['socket', 'http'] as const)('Slack: stopping drains (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('refuses new commands and presses with a "come back" while the command in flight still gets its reply', async () => {
    h = await startSlack(mode);
    // Bob's /stats waits on users.info: it is in flight when the drain starts.
    const release = h.fake.hold('users.info');
    const inFlight = h.command('bob', 'stats');
    await h.fake.whenHeld('users.info');
    let drained = false;
    const drain = h.adapter.drain().then(() => (drained = true));

    const refused = await h.command('alice', 'quiz', 'lambda');
    expect(refused.delivery.body?.response_type).toBe('ephemeral');
    expect(String(refused.delivery.body?.text)).toContain('restarting');
    const press = await h.press('alice', { actionId: 'qz:lambda' });
    expect(String(press.reply.text)).toContain('restarting');
    expect(drained).toBe(false);

    release();
    const answered = await inFlight;
    expect(shownText(answered.delivery.body)).toMatch(/No answers yet/);
    await drain;
    // Nothing new was started: Alice has no question and no member row.
    expect(h.app.store.db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);
  });
});
