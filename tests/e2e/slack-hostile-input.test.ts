import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourActionIds, parseSlackActionId } from '../../src/adapters/slack/action-ids.js';
import { slackCommandName } from '../../src/adapters/slack/command-names.js';
import { blockKitProblems } from '../fakes/slack-limits.js';
import { blockActions, slashCommand, type Press, type Who } from '../fakes/slack-payloads.js';
import { shownText, startSlack, team, type SlackHarness } from '../fakes/slack-harness.js';
import { captureLogs } from '../support/log-capture.js';

/** Enough to meet each kind of bad input several times while keeping the suite quick. */
const runs = 60;

/** Command text no sane member would type, Slack-flavoured (its escapes, mentions, links), plus a few valid pieces so the paths that write are met too. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ minLength: 2000, maxLength: 4000 }),
  fc.array(
    fc.constantFrom('set', 'pause', 'resume', 'remove', 'status', 'config', '<#CSTUDY|study>', '<#CNOWHERE>', '<#CPRIVATE|secret>', '<!channel>', '<!here>', '<@UADMIN>', '&lt;&gt;&amp;', '09:00', '25:99', 'UTC', 'Mars/Base', 'weekdays', '90m', 'names', 'lambda', "'; DROP TABLE answers; --", '*bold* `code`', '\u202E', '\n'),
    { maxLength: 6 },
  ).map((words) => words.join(' ')),
);

/** What a reply that legitimately wrote looks like: a question (or a practice exam's), or a confirmed /daily change. */
const wroteOnPurpose = (reply: Record<string, unknown>): boolean =>
  /"action_id":"(submit\|)?(ans|xa):\d+/.test(JSON.stringify(reply.blocks ?? [])) || /Daily quiz set for|^Saved:|^(Paused|Resumed|Removed) the daily quiz/m.test(`${String(reply.text)}\n${shownText(reply)}`);

describe('Slack: hostile command text and block_actions payloads through Bolt never crash and never write', () => {
  const logs = captureLogs();
  let h: SlackHarness;
  const postIds: number[] = [];
  const examIds: number[] = [];
  let n = 0;
  /** A member Slack knows nothing about (users.info fails: no admin), or the workspace admin. */
  const who = (admin: boolean): Who => {
    n += 1;
    return admin ? { teamId: team.id, userId: 'UADMIN', userName: 'ada' } : { teamId: team.id, userId: `UPROP${n}`, userName: `prop${n}` };
  };
  /** Rows changed on the bot's connection since it opened: "nothing was written" is this number standing still. */
  const changes = (): number => h.app.store.db.prepare('SELECT total_changes()').pluck().get() as number;

  beforeAll(async () => {
    h = await startSlack('socket', { random: () => 0, log: logs.log });
    // A real post for forged ids to point at: someone's practice question.
    await h.command('alice', 'quiz', 'lambda');
    postIds.push(...(h.app.store.db.prepare('SELECT id FROM posts').pluck().all() as number[]));
    // And her practice exam, for forged exam ids.
    await h.command('alice', 'exam');
    examIds.push(...(h.app.store.db.prepare('SELECT id FROM exams').pluck().all() as number[]));
  });
  afterAll(async () => {
    // dispose() also fails the test if anything the bot sent broke Block Kit's limits.
    await h?.dispose();
  });

  it('slash commands with any text: a reply Slack accepts arrives; a refusal writes nothing', async () => {
    const names = h.app.bot.specs.map((s) => s.name);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), hostileText, fc.boolean(), async (name, text, admin) => {
        const before = changes();
        const url = h.fake.responseUrl();
        const delivery = await h.driver.command(slashCommand(who(admin), `/${slackCommandName(name)}`, text, url));
        // Answered in the ack when quick (always, here); through response_url otherwise.
        const reply = delivery.body ?? (await h.fake.waitForResponse((r) => r.id === url.split('/').pop())).body;
        expect(String(reply.text).length).toBeGreaterThan(0);
        expect(blockKitProblems(reply.blocks, 'message', reply.text)).toEqual([]);
        if (changes() !== before) expect(wroteOnPurpose(reply), `/${name} ${text.slice(0, 200)} wrote: ${String(reply.text).slice(0, 200)}`).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('block_actions with any action id, block id and ticked values: ours get a private reply, others a silent ack; a forged id writes nothing', async () => {
    const actionId = fc.oneof(
      fc.string({ maxLength: 255 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc
        .tuple(fc.constantFrom('ans', 'exp', 'qz', 'rva', 'rvn', 'pick|ans', 'submit|ans', 'submit|qz', 'xa', 'xg', 'xf', 'xr', 'xs', 'xc', 'submit|xa', 'pick|xa'), fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 2 ** 53 }).map(String)), { maxLength: 4 }))
        .map(([kind, parts]) => [kind, ...parts].join(':')),
      fc.tuple(fc.constantFrom(...postIds), fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 6 })).map(([post, choices]) => `ans:${post}:${choices.join('+')}`),
      fc.constantFrom(...postIds).map((post) => `submit|ans:${post}`),
      fc
        .tuple(fc.constantFrom('xa', 'xg', 'xf', 'xr', 'xs', 'xc', 'submit|xa'), fc.constantFrom(...examIds), fc.array(fc.integer({ min: -1, max: 100 }), { maxLength: 2 }))
        .map(([kind, exam, rest]) => [kind, exam, ...rest].join(':')),
    );
    const ticked = fc.option(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 20 }).map(String)), { maxLength: 6 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(actionId, fc.string({ maxLength: 60 }), ticked, fc.boolean(), async (id, blockId, values, admin) => {
        const before = changes();
        const answerAction = id.startsWith('submit|') ? id.slice('submit|'.length) : '';
        const press: Press = {
          actionId: id,
          blockId,
          ...(values ? { ticked: { blockId: `choices|${answerAction}`, actionId: `pick|${answerAction}`, values } } : {}),
        };
        const url = h.fake.responseUrl();
        const delivery = await h.driver.interactive(blockActions(who(admin), press, url));
        expect(delivery.status).toBe(200);
        if (ourActionIds.test(id) && parseSlackActionId(id).kind !== 'pick') {
          const reply = (await h.fake.waitForResponse((r) => r.id === url.split('/').pop())).body;
          expect(reply.response_type).toBe('ephemeral');
          expect(String(reply.text).length).toBeGreaterThan(0);
        }
        // Only "quiz me on <a real topic>" starts something for a stranger: their own practice question.
        const topic = /^qz:([a-z0-9-]{1,60})$/.exec(id)?.[1];
        if (!(topic && h.app.library.topic(topic))) expect(changes(), `${id} ${JSON.stringify(values)}`).toBe(before);
      }),
      { numRuns: runs },
    );
  });

  it('nothing crashed: no error was logged, and a plain command still works', async () => {
    expect(logs.at('error')).toEqual([]);
    const help = await h.command('alice', 'help');
    expect(help.delivery.body?.response_type).toBe('ephemeral');
  });
});
