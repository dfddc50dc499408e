import { channelLabel, parseChannel } from '../daily/channel-ref.js';
import type { ScheduleListener } from '../daily/daily-service.js';
import { formatLocal, formatRelative } from '../daily/local-format.js';
import { formatDays, parseCloseAfter, parseDays, parseLocalTime, parseTimeZone } from '../daily/schedule-options.js';
import { nextWindow, shortestGap } from '../daily/schedule-times.js';
import { notice, reply, type Reply } from '../reply.js';
import { formatDuration } from '../time.js';
import type { Platform } from '../../store/communities.js';
import type { Schedule } from '../../store/schedules.js';
import { dailyConfig, digestChoices, revealChoices } from './daily-config.js';
import type { Args, Command, CommandContext, OptionSpec } from './spec.js';

const channelOption = (required: boolean, description: string, posts = false): OptionSpec => ({ name: 'channel', description, type: 'channel', required, ...(posts ? { posts } : {}) });



/** /daily: admins schedule the daily quiz per channel and set the community's zone and reveal style. */
export function dailyCommand(listener: ScheduleListener): Command {
  return {
    spec: {
      name: 'daily',
      description: 'Schedule the daily quiz in a channel, pause, resume or remove it, see its status',
      usage: '/daily set #channel HH:MM [timezone] [days] [close] | pause|resume|remove [#channel] | status | config [timezone] [names|count] [digest:on|off] [#channel]',
      admin: true,
      visibility: 'ephemeral',
      options: [],
      subcommands: [
        {
          name: 'set',
          description: 'Post the daily quiz in a channel at a local time',
          options: [
            channelOption(true, 'the channel to post the daily quiz in', true),
            { name: 'time', description: 'the local time to post, 24-hour HH:MM such as 09:00', type: 'text', required: true, maxLength: 20 },
            { name: 'timezone', description: "an IANA time zone such as Europe/London (default: the community's zone)", type: 'text', maxLength: 64, autocomplete: 'timezone' },
            { name: 'days', description: 'daily, weekdays, weekends, mon-fri or mon,wed,fri (default: every day)', type: 'text', maxLength: 60 },
            { name: 'close', description: 'how long it stays open, such as 2h or 90m (default: until an hour before the next post)', type: 'text', maxLength: 20 },
          ],
        },
        { name: 'pause', description: 'Pause the daily quiz (all channels, or one)', options: [channelOption(false, 'only this channel')] },
        { name: 'resume', description: 'Resume a paused daily quiz (all channels, or one)', options: [channelOption(false, 'only this channel')] },
        { name: 'remove', description: 'Stop the daily quiz for good (all channels, or one)', options: [channelOption(false, 'only this channel')] },
        { name: 'status', description: 'The schedules, when each posts next, and the settings', options: [] },
        {
          name: 'config',
          description: "The community's time zone, how the answer is revealed, a channel's weekly digest",
          options: [
            { name: 'timezone', description: 'an IANA time zone such as Europe/London', type: 'text', maxLength: 64, autocomplete: 'timezone' },
            { name: 'reveal', description: 'names: list who got it right; count: only how many', type: 'text', maxLength: 64, menu: revealChoices },
            { name: 'digest', description: "on: post the group's weekly digest in the channel each Monday; off: stop it", type: 'text', maxLength: 64, menu: digestChoices },
            channelOption(false, 'the daily quiz channel the digest setting is for (default: this one)'),
          ],
        },
      ],
    },
    run(ctx, args, sub) {
      switch (sub) {
        case 'set':
          return setSchedule(ctx, args, listener);
        case 'pause':
        case 'resume':
        case 'remove':
          return changeSchedules(ctx, args, sub, listener);
        case 'status':
          return status(ctx);
        case 'config':
          return dailyConfig(ctx, args, () => status(ctx));
        default:
          return notice('/daily needs an action: set, pause, resume, remove, status or config. Try /daily status.');
      }
    },
  };
}

interface ScheduleExtras {
  timeZone?: string;
  days?: number[];
  closeAfterMinutes?: number | null;
}

/**
 * Typed on Slack or the terminal, the optional values arrive in whatever order the admin
 * wrote them, so each is recognised by its shape: a zone, a set of days or a duration.
 */
function readExtras(args: Args): { ok: true; value: ScheduleExtras } | { ok: false; error: string } {
  const extras: ScheduleExtras = {};
  const given: [string, string][] = (['timezone', 'days', 'close'] as const).flatMap((name) => (args[name] === undefined ? [] : [[name, args[name] ?? ''] as [string, string]]));
  for (const [option, value] of given) {
    const days = parseDays(value);
    const close = parseCloseAfter(value);
    const zone = parseTimeZone(value);
    const kind = option === 'timezone' && zone.ok ? 'timezone' : option === 'days' && days.ok ? 'days' : option === 'close' && close.ok ? 'close' : zone.ok ? 'timezone' : days.ok ? 'days' : close.ok ? 'close' : undefined;
    if (kind === undefined) {
      const error = option === 'timezone' ? zone : option === 'days' ? days : close;
      return { ok: false, error: error.ok ? `I did not understand "${value}".` : error.error };
    }
    const twice = (name: string): { ok: false; error: string } => ({ ok: false, error: `You gave ${name} twice ("${value}"). Give each of timezone, days and close at most once.` });
    if (kind === 'timezone') {
      if (extras.timeZone !== undefined || !zone.ok) return twice('a time zone');
      extras.timeZone = zone.value;
    } else if (kind === 'days') {
      if (extras.days !== undefined || !days.ok) return twice('the days');
      extras.days = days.value;
    } else {
      if (extras.closeAfterMinutes !== undefined || !close.ok) return twice('a close');
      extras.closeAfterMinutes = close.value;
    }
  }
  return { ok: true, value: extras };
}

function setSchedule({ deps, caller, community: existing }: CommandContext, args: Args, listener: ScheduleListener): Reply {
  const platform = caller.community.platform;
  const channel = parseChannel(platform, args.channel ?? '');
  if (!channel.ok) return notice(channel.error);
  const time = parseLocalTime(args.time ?? '');
  if (!time.ok) return notice(time.error);
  const extras = readExtras(args);
  if (!extras.ok) return notice(extras.error);

  // Everything is valid: only now is anything written.
  const now = deps.clock.now();
  const schedule = deps.store.write(() => {
    const community = existing ?? deps.store.communities.ensure(caller.community, now);
    return deps.store.schedules.set(
      {
        communityId: community.id,
        channelId: channel.value.id,
        channelName: channel.value.name,
        localTime: time.value,
        timeZone: extras.value.timeZone ?? community.timeZone,
        days: extras.value.days ?? [1, 2, 3, 4, 5, 6, 7],
        closeAfterMinutes: extras.value.closeAfterMinutes ?? null,
      },
      now,
    );
  });
  listener.schedulesChanged();
  const next = nextWindow(schedule, now);
  const nextLine = next ? `First post: ${formatLocal(next.at, schedule.timeZone)}, ${formatRelative(next.at, now)}.` : '';
  return notice(`Daily quiz set for ${channelLabel(platform, schedule.channelId)}: ${describe(schedule)}. ${nextLine} ${overlapLine(schedule, next)}`.trim());
}

/** A channel has one open question at a time, so a close past the next post is cut short there: say so now. */
function overlapLine(schedule: Schedule, first: { day: string; at: number } | undefined): string {
  const gap = first && schedule.closeAfterMinutes !== null ? shortestGap(schedule, first) : undefined;
  if (gap === undefined || schedule.closeAfterMinutes === null || schedule.closeAfterMinutes * 60_000 <= gap) return '';
  return `Note: ${formatDuration(schedule.closeAfterMinutes * 60_000)} is longer than the ${formatDuration(gap)} between some posts, so a question still open when the next one is posted closes and is revealed then.`;
}

function changeSchedules({ deps, caller, community }: CommandContext, args: Args, action: 'pause' | 'resume' | 'remove', listener: ScheduleListener): Reply {
  const platform = caller.community.platform;
  let channelId: string | undefined;
  if (args.channel !== undefined) {
    const channel = parseChannel(platform, args.channel);
    if (!channel.ok) return notice(channel.error);
    channelId = channel.value.id;
  }
  const schedules = community ? deps.store.schedules.list(community.id) : [];
  if (!community || schedules.length === 0) return notice('No daily quiz is scheduled here yet. Set one with /daily set #channel 09:00.');
  const targets = channelId === undefined ? schedules : schedules.filter((s) => s.channelId === channelId);
  if (channelId !== undefined && targets.length === 0) {
    return notice(`There is no daily quiz in ${channelLabel(platform, channelId)}. /daily status lists the scheduled channels.`);
  }
  const now = deps.clock.now();
  deps.store.write(() => {
    for (const s of targets) {
      if (action === 'remove') deps.store.schedules.remove(community.id, s.id, now);
      else deps.store.schedules.setPaused(community.id, s.id, action === 'pause', now);
    }
  });
  listener.schedulesChanged();
  const where = targets.map((s) => channelLabel(platform, s.channelId)).join(', ');
  const done = { pause: 'Paused', resume: 'Resumed', remove: 'Removed' }[action];
  const after = {
    pause: 'Scheduled days are skipped until you /daily resume. An open question still closes and reveals as planned.',
    resume: 'It posts again from its next scheduled time.',
    remove: 'An open question still closes and reveals as planned. /daily set starts it again.',
  }[action];
  return notice(`${done} the daily quiz in ${where}. ${after}`);
}

function describe(s: Schedule): string {
  const close = s.closeAfterMinutes === null ? 'closes an hour before the next post' : `closes ${formatDuration(s.closeAfterMinutes * 60_000)} after posting`;
  return `${s.localTime} ${formatDays(s.days)} (${s.timeZone}), ${close}`;
}

function status({ deps, caller, community }: CommandContext): Reply {
  const platform: Platform = caller.community.platform;
  const settings = community
    ? `Community time zone: ${community.timeZone} (leaderboard weeks and months). Reveal: ${community.revealNames ? 'names of those right' : 'only the count'}.`
    : 'Community time zone: UTC (leaderboard weeks and months). Reveal: names of those right.';
  const schedules = community ? deps.store.schedules.list(community.id) : [];
  if (schedules.length === 0) return notice(`No daily quiz is scheduled yet. Set one with /daily set #channel 09:00 [timezone] [days].\n${settings}`);
  const now = deps.clock.now();
  const lines = schedules.map((s) => {
    const next = s.paused ? undefined : nextWindow(s, now);
    const when = s.paused ? 'paused' : next ? `next: ${formatLocal(next.at, s.timeZone)}, ${formatRelative(next.at, now)}` : 'no upcoming post';
    const digest = s.digest ? ` · weekly digest: Mondays at ${s.localTime} (${community?.timeZone ?? 'UTC'})` : '';
    return `${channelLabel(platform, s.channelId)}: ${describe(s)} · ${when}${digest}`;
  });
  return reply('ephemeral', [
    { type: 'heading', text: 'Daily quiz schedules' },
    { type: 'markdown', text: lines.map((l) => `- ${l}`).join('\n') },
    { type: 'context', text: settings },
  ]);
}
