import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { slackCommandName } from '../../src/adapters/slack/command-names.js';
import { choicesBlockId, parseSlackActionId, pickActionId, submitActionId } from '../../src/adapters/slack/action-ids.js';
import { answerAction as answerBlockAction, choiceActionId, parseAction } from '../../src/core/actions.js';
import { createLogger, type Logger } from '../../src/log.js';
import { ManualClock } from '../support/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { FakeSlack, type FakeUser } from './fake-slack.js';
import { blockKitProblems } from './slack-limits.js';
import { blockActions, slashCommand, type Press, type Who } from './slack-payloads.js';
import { httpDriver, socketDriver, type Delivery, type SlackDriver } from './slack-driver.js';

export const team = { id: 'T0ACME', domain: 'acme' };
export const otherTeam = { id: 'T0OTHER', domain: 'other' };
export const tokens = { bot: 'xoxb-test-bot-token', app: 'xapp-test-app-token', secret: 'a3f1c9e07b5d4e2f8a6c0b1d9e7f5a3c' };

/** The fake workspace's people: an admin, an owner, two members and one listed in SLACK_ADMIN_USERS. */
export const people = {
  admin: { id: 'UADMIN', teamId: team.id, name: 'ada', displayName: 'Ada Admin', isAdmin: true },
  owner: { id: 'UOWNER', teamId: team.id, name: 'olu', displayName: 'Olu Owner', isOwner: true },
  alice: { id: 'UALICE', teamId: team.id, name: 'alice', displayName: 'Alice' },
  bob: { id: 'UBOB', teamId: team.id, name: 'bob', displayName: 'Bob' },
  listed: { id: 'ULISTED', teamId: team.id, name: 'lee', displayName: 'Lee Listed' },
  stranger: { id: 'USTRANGER', teamId: otherTeam.id, name: 'sam', displayName: 'Sam Stranger' },
} satisfies Record<string, FakeUser>;

export type Person = keyof typeof people;

export interface HarnessOptions {
  prefix?: string;
  ackBudgetMs?: number;
  clock?: ManualClock;
  random?: () => number;
  /** Where the adapter logs; silent unless TEST_LOG_LEVEL says otherwise. */
  log?: Logger;
}

export interface SlackHarness {
  fake: FakeSlack;
  app: TestApp;
  adapter: SlackAdapter;
  driver: SlackDriver;
  clock: ManualClock;
  /** HTTP mode: Bolt's request URL. */
  eventsUrl: string | undefined;
  who(person: Person, channelId?: string): Who;
  /** Runs a slash command (core name, e.g. "explain") as a person; the prefix is added as configured. */
  /** `ts`: the ephemeral message the acknowledgement's reply became, when it carried one. */
  command(person: Person, name: string, text?: string, channelId?: string): Promise<{ delivery: Delivery; responseUrl: string; ts?: string }>;
  /** Presses a button as a person and waits for the private reply through response_url. */
  press(person: Person, press: Press, channelId?: string): Promise<{ delivery: Delivery; reply: Record<string, unknown>; responseUrl: string }>;
  dispose(): Promise<void>;
}

/** The real Bolt app, in Socket Mode or HTTP mode, against a fresh fake Slack and a real SQLite file. */
export async function startSlack(mode: 'socket' | 'http', options: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await FakeSlack.start({
    botToken: tokens.bot,
    appToken: tokens.app,
    teamId: team.id,
    teamName: 'Acme',
    users: Object.values(people),
    channels: [
      { id: 'CSTUDY', name: 'study', isMember: true },
      { id: 'CPRIVATE', name: 'secret', isPrivate: true, isMember: false },
    ],
  });
  const clock = options.clock ?? new ManualClock();
  const app = createTestApp({ clock, ...(options.random ? { random: options.random } : {}) });
  const adapter = new SlackAdapter({
    bot: app.bot,
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    botToken: tokens.bot,
    ...(mode === 'socket' ? { appToken: tokens.app } : { signingSecret: tokens.secret, port: 0, host: '127.0.0.1' }),
    apiUrl: fake.apiUrl,
    adminUsers: new Set([people.listed.id]),
    ...(options.prefix ? { commandPrefix: options.prefix } : {}),
    ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
  });
  await adapter.start();
  if (mode === 'socket') await fake.socketConnected();
  // As start-adapters does; the tests tick the daily quiz by hand instead of starting its timer.
  app.daily.attach('slack', adapter);
  const eventsUrl = mode === 'http' ? `http://127.0.0.1:${adapter.port}/slack/events` : undefined;
  const driver = eventsUrl ? httpDriver(eventsUrl, tokens.secret) : socketDriver(fake);

  const who = (person: Person, channelId?: string): Who => {
    const p = people[person];
    const t = p.teamId === team.id ? team : otherTeam;
    return { teamId: t.id, teamDomain: t.domain, userId: p.id, userName: p.name, ...(channelId ? { channelId } : {}) };
  };

  return {
    fake,
    app,
    adapter,
    driver,
    clock,
    eventsUrl,
    who,
    async command(person, name, text = '', channelId) {
      const responseUrl = fake.responseUrl();
      const delivery = await driver.command(slashCommand(who(person, channelId), `/${slackCommandName(name, options.prefix)}`, text, responseUrl));
      // Slack refuses an ack body that breaks Block Kit's limits, as it refuses a message.
      const problems = delivery.body ? blockKitProblems(delivery.body.blocks, 'message', delivery.body.text) : [];
      if (problems.length > 0) throw new Error(`/${name} ${text}: Slack would refuse this reply: ${problems.join('; ')}`);
      // A reply in the acknowledgement is shown to the member alone unless it says in_channel.
      const body = delivery.body;
      const ts = body && body.response_type !== 'in_channel' ? fake.ephemeral.show(people[person].id, channelId ?? 'CSTUDY', body) : undefined;
      return { delivery, responseUrl, ...(ts ? { ts } : {}) };
    },
    async press(person, press, channelId) {
      const source = press.messageTs ? { user: people[person].id, channel: channelId ?? 'CSTUDY', ts: press.messageTs } : undefined;
      const responseUrl = fake.responseUrl(source ? { source } : {});
      const delivery = await driver.interactive(blockActions(who(person, channelId), press, responseUrl));
      const id = responseUrl.split('/').pop();
      const response = await fake.waitForResponse((r) => r.id === id);
      return { delivery, reply: response.body, responseUrl };
    },
    async dispose() {
      // Every message, view and response the bot sent must have been one Slack accepts.
      const refusals = [...fake.refusals];
      await adapter.stop();
      await fake.close();
      app.dispose();
      if (refusals.length > 0) throw new Error(`Slack would have refused: ${JSON.stringify(refusals)}`);
    },
  };
}

/** All the text a Block Kit message shows, flattened: for asserting on what a member reads. */
export function shownText(message: Record<string, unknown> | undefined): string {
  if (!message) return '';
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') return;
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if (typeof obj.text === 'string') parts.push(obj.text);
      for (const [key, v] of Object.entries(obj)) if (key !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(message.blocks);
  return parts.join('\n');
}

/** Every action_id on a Block Kit message. */
export function actionIds(message: Record<string, unknown> | undefined): string[] {
  const ids: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if (typeof obj.action_id === 'string') ids.push(obj.action_id);
      Object.values(obj).forEach(walk);
    }
  };
  walk(message?.blocks);
  return ids;
}

/** The question a message carries: its answer action, the quiz item, and which choices are right. */
export interface ShownQuestion {
  answerAction: string;
  postId: number;
  pick: number;
  right: number[];
  wrong: number[];
  /** The choose-two checkbox group, when the question has one. */
  checkboxes?: { blockId: string; actionId: string };
}

export function questionIn(h: SlackHarness, message: Record<string, unknown> | undefined, teamId = team.id): ShownQuestion {
  const ids = actionIds(message);
  const postId = ids.map(answerPostOf).find((id) => id !== undefined);
  if (postId === undefined) throw new Error(`no question in ${JSON.stringify(message).slice(0, 300)}`);
  const answerAction = answerBlockAction(postId);
  const community = h.app.store.communities.find({ platform: 'slack', externalId: teamId });
  const post = community && h.app.store.posts.get(community.id, postId);
  const item = post && h.app.library.item(post.itemId);
  if (!item) throw new Error(`post ${postId} has no item`);
  const all = item.choices.map((_, i) => i);
  const checkbox = ids.find((id) => id === pickActionId(answerAction));
  return {
    answerAction,
    postId,
    pick: item.answer.length,
    right: [...item.answer],
    wrong: all.filter((i) => !item.answer.includes(i)),
    ...(checkbox ? { checkboxes: { blockId: choicesBlockId(answerAction), actionId: checkbox } } : {}),
  };
}

/** The post whose answer a Slack action id presses (a letter button, or a choose-two group's checkboxes or Submit), as the adapter and core read it. */
function answerPostOf(id: string): number | undefined {
  const slack = parseSlackActionId(id);
  const action = parseAction(slack.kind === 'core' ? slack.id : choiceActionId(slack.answerAction, [0]));
  return action?.type === 'answer' ? action.postId : undefined;
}

/** The press that answers a question with the given choices: a letter button, or ticks plus Submit. */
export function answerPress(q: ShownQuestion, choices: number[], extra: Partial<Press> = {}): Press {
  if (q.checkboxes) {
    return { actionId: submitActionId(q.answerAction), blockId: q.checkboxes.blockId, ticked: { ...q.checkboxes, values: choices.map(String) }, ...extra };
  }
  return { actionId: choiceActionId(q.answerAction, choices.slice(0, 1)), blockId: choicesBlockId(q.answerAction), ...extra };
}
