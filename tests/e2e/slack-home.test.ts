import { afterEach, describe, expect, it } from 'vitest';
import { appHomeOpened } from '../fakes/slack-payloads.js';
import { answerPress, questionIn, shownText, startSlack, type SlackHarness } from '../fakes/slack-harness.js';

describe.each(['socket', 'http'] as const)('slack App Home (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it("publishes the member's stats and the group's leaderboard when the Home tab opens", async () => {
    h = await startSlack(mode);
    // A daily answer first, so there is something on the leaderboard.
    await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
    h.clock.set(Date.UTC(2026, 10, 16, 13, 0));
    await h.app.daily.tick();
    const message = [...h.fake.messages.values()][0]!;
    const q = questionIn(h, { blocks: message.blocks });
    await h.press('alice', answerPress(q, q.right, { messageTs: message.ts }), 'CSTUDY');
    // The question closes (an hour before the next one): its answers reach the leaderboard.
    h.clock.set(Date.UTC(2026, 10, 17, 12, 30));
    await h.app.daily.tick();

    const delivery = await h.driver.event(appHomeOpened(h.who('alice')));
    expect(delivery.status).toBe(200);
    const publish = await h.fake.waitForCall('views.publish');
    expect(publish.args.user_id).toBe('UALICE');
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = shownText({ blocks: view.blocks });
    expect(text).toMatch(/Stats for Alice/);
    expect(text).toMatch(/Leaderboard · this week/);
    expect(text).toMatch(/→ 1 +Alice/);
  });

  it('a member with no answers yet gets a friendly empty Home, and the Messages tab is left alone', async () => {
    h = await startSlack(mode);
    const calls = h.fake.calls.length;
    const messagesTab = appHomeOpened(h.who('bob'));
    (messagesTab.event as { tab: string }).tab = 'messages';
    await h.driver.event(messagesTab);
    await h.driver.event(appHomeOpened(h.who('bob')));
    const publish = await h.fake.waitForCall('views.publish', () => true, calls);
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
    expect(shownText({ blocks: (publish.args.view as { blocks: unknown[] }).blocks })).toMatch(/No answers yet[\s\S]*No daily quiz answers yet/);
  });
});
