import { afterEach, describe, expect, it } from 'vitest';
import { blockActions } from '../fakes/slack-payloads.js';
import { actionIds, startSlack, type Person, type SlackHarness } from '../fakes/slack-harness.js';
import { modalProblems, viewSubmission } from '../fakes/slack-views.js';

type Json = Record<string, unknown>;

/** Members report a question through Bolt: button → views.open with the press's trigger_id → view_submission → stored. */
describe.each(['socket', 'http'] as const)('reporting a question on Slack (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  const reports = (s: SlackHarness) => s.app.store.db.prepare('SELECT item_id AS itemId, text, dismissed_at AS dismissedAt FROM reports ORDER BY id').all() as { itemId: string; text: string; dismissedAt: number | null }[];

  /** A practice question for `person`, and the modal its report button opens. */
  async function openReport(s: SlackHarness, person: Person, trigger?: string): Promise<{ reportId: string; view: Json | undefined; responseUrl: string }> {
    const { delivery } = await s.command(person, 'quiz', 'ecr');
    const reportId = actionIds(delivery.body).find((id) => id.startsWith('rep:'))!;
    expect(reportId).toBeDefined();
    const before = s.fake.views.opened.length;
    const calls = s.fake.callsTo('views.open').length;
    const responseUrl = s.fake.responseUrl();
    const press = blockActions(s.who(person), { actionId: reportId, isEphemeral: true }, responseUrl);
    if (trigger) press.trigger_id = trigger;
    await s.driver.interactive(press);
    if (!trigger) await s.fake.waitForCall('views.open', () => s.fake.callsTo('views.open').length > calls);
    const view = s.fake.views.opened[before];
    return { reportId, view, responseUrl };
  }

  const submit = (s: SlackHarness, person: Person, view: Json, text: string | undefined, metadata?: string) =>
    s.driver.interactive(viewSubmission(s.who(person), { ...view, ...(metadata ? { private_metadata: metadata } : {}) }, text === undefined ? {} : { text: { text } }));

  it('the button opens a modal within Slack\'s limits; its submit is stored and the modal shows the thanks', async () => {
    h = await startSlack(mode);
    const { reportId, view } = await openReport(h, 'alice');
    expect(view).toMatchObject({ type: 'modal', private_metadata: reportId });
    expect(modalProblems(view)).toEqual([]);
    const ack = await submit(h, 'alice', view!, 'B is also right since 2024');
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect(modalProblems((ack.body as Json).view)).toEqual([]);
    expect(JSON.stringify(ack.body)).toMatch(/Thanks: your report on ecr-\d+ is recorded/);
    expect(reports(h)).toEqual([expect.objectContaining({ text: 'B is also right since 2024', dismissedAt: null })]);
  });

  it('an expired trigger_id gets a private "press again", and nothing is written', async () => {
    h = await startSlack(mode);
    h.fake.views.expire('trigger-expired');
    const { responseUrl } = await openReport(h, 'alice', 'trigger-expired');
    const response = await h.fake.waitForResponse((r) => responseUrl.endsWith(r.id));
    expect(String(response.body.text)).toMatch(/Press the button again/);
    expect(reports(h)).toHaveLength(0);
  });

  it('hostile and forged submissions are refused in the modal and write nothing', async () => {
    h = await startSlack(mode);
    const { view } = await openReport(h, 'bob');
    const cases: Array<[string, Person, string | undefined, string | undefined, RegExp]> = [
      ['an empty text', 'bob', '  ', undefined, /empty/],
      ['over 500 characters', 'bob', 'x'.repeat(700), undefined, /too long/],
      ['control characters', 'bob', 'a\u001bb', undefined, /control characters/],
      ['another workspace', 'stranger', 'forged', undefined, /not available here/],
      ['a question that does not exist', 'bob', 'forged', 'rep:987654', /not available here/],
      ['a non-report action', 'bob', 'forged', 'qz:ecr', /not one I recognise/],
      ['no text input', 'bob', undefined, undefined, /without its text/],
    ];
    for (const [what, person, text, metadata, expected] of cases) {
      const ack = await submit(h, person, view!, text, metadata);
      expect(JSON.stringify(ack.body), what).toMatch(expected);
    }
    expect(reports(h)).toHaveLength(0);
  });

  it('a form submitted while the bot stops is answered "restarting" in the form, and nothing is written', async () => {
    h = await startSlack(mode);
    const { view } = await openReport(h, 'alice');
    await h.adapter.drain();
    const ack = await submit(h, 'alice', view!, 'B is also right');
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(ack.body)).toMatch(/restarting[^"]*Your text was not sent/);
    expect(reports(h)).toHaveLength(0);
  });

  it('a view_submission of a shape Slack never sends is refused and writes nothing', async () => {
    h = await startSlack(mode);
    const { view } = await openReport(h, 'alice');
    const forged = viewSubmission(h.who('alice'), { ...view!, private_metadata: 42 }, { text: { text: 'forged' } });
    const delivery = await h.driver.interactive(forged);
    if (mode === 'http') expect(delivery.status).toBe(400);
    else expect(JSON.stringify(delivery.body ?? {})).not.toMatch(/Thanks/);
    expect(reports(h)).toHaveLength(0);
  });

  it('/reports lists them for a workspace admin with a dismiss button; a member is refused both', async () => {
    h = await startSlack(mode);
    const { view } = await openReport(h, 'alice');
    await submit(h, 'alice', view!, 'B is also right');
    const refused = await h.command('bob', 'reports');
    expect(JSON.stringify(refused.delivery.body)).toMatch(/Only server or workspace admins/);
    const list = await h.command('admin', 'reports');
    expect(JSON.stringify(list.delivery.body)).toMatch(/ecr-\d+\* · Amazon ECR[^"]* · 1 report/);
    const dismiss = actionIds(list.delivery.body).find((id) => id.startsWith('rpd:'))!;
    expect(String((await h.press('bob', { actionId: dismiss })).reply.text)).toMatch(/Only server or workspace admins/);
    expect(reports(h)[0]!.dismissedAt).toBeNull();
    expect(String((await h.press('admin', { actionId: dismiss })).reply.text)).toMatch(/Dismissed 1 report/);
    expect(reports(h)[0]!.dismissedAt).not.toBeNull();
  });
});
