import { channelLabel, parseChannel } from '../daily/channel-ref.js';
import { parseTimeZone } from '../daily/schedule-options.js';
import { notice, type Reply } from '../reply.js';
import type { Platform } from '../../store/communities.js';
import type { Schedule } from '../../store/schedules.js';
import type { Args, CommandContext } from './spec.js';

export const revealChoices = ['names', 'count'] as const;
export const digestChoices = ['on', 'off'] as const;

/** /daily config: the community's zone and reveal style, and a channel's weekly digest; nothing is written unless all of it is valid. */
export function dailyConfig(ctx: CommandContext, args: Args, status: () => Reply): Reply {
  const { deps, caller, community: existing } = ctx;
  const read = readConfig(caller.community.platform, args);
  if (!read.ok) return notice(read.error);
  const { zone, reveal, digest } = read.value;
  if (zone === undefined && reveal === undefined && digest === undefined) return status();
  let target: Schedule | undefined;
  if (digest !== undefined) {
    const found = digestTarget(ctx, read.value.channel);
    if (!found.ok) return notice(found.error);
    target = found.value;
  }
  const now = deps.clock.now();
  deps.store.write(() => {
    const community = existing ?? deps.store.communities.ensure(caller.community, now);
    if (zone !== undefined || reveal !== undefined) {
      deps.store.communities.updateSettings(community.id, { ...(zone !== undefined ? { timeZone: zone } : {}), ...(reveal !== undefined ? { revealNames: reveal === 'names' } : {}) });
    }
    if (target) deps.store.digests.setDigest(community.id, target.id, digest === 'on', now);
  });
  const where = target ? channelLabel(caller.community.platform, target.channelId) : '';
  const changes = [
    ...(zone !== undefined ? [`time zone ${zone}: leaderboard weeks and months follow it, and new schedules default to it`] : []),
    ...(reveal !== undefined ? [reveal === 'names' ? 'the reveal lists who got it right' : 'the reveal shows only how many got it right'] : []),
    ...(target ? [digest === 'on' ? `the weekly digest is on in ${where}: each Monday at ${target.localTime} (community time zone) it sums up the week before` : `the weekly digest is off in ${where}`] : []),
  ];
  return notice(`Saved: ${changes.join('; ')}.`);
}

interface ConfigValues {
  zone?: string;
  reveal?: string;
  digest?: string;
  channel?: string;
}

/**
 * Typed on Slack or the terminal, config's values arrive in any order, so each is
 * recognised by its shape: on/off, names/count, a channel (# or a link), a time zone. That is
 * why reveal and digest declare a Discord menu, not choices: the parser would refuse "on" landing in reveal.
 */
function readConfig(platform: Platform, args: Args): { ok: true; value: ConfigValues } | { ok: false; error: string } {
  const values: ConfigValues = {};
  for (const option of ['timezone', 'reveal', 'digest', 'channel'] as const) {
    const raw = args[option];
    if (raw === undefined) continue;
    const lower = raw.trim().toLowerCase();
    const kind = (digestChoices as readonly string[]).includes(lower) ? 'digest'
      : (revealChoices as readonly string[]).includes(lower) ? 'reveal'
      : option === 'channel' || /^<?#/.test(lower) ? 'channel'
      : 'zone';
    // A value of no known shape is told off as the option it was given for, unless it looks like a zone.
    if (kind === 'zone' && (option === 'reveal' || option === 'digest') && !raw.includes('/') && !parseTimeZone(raw).ok) {
      return { ok: false, error: `${option} must be one of: ${(option === 'reveal' ? revealChoices : digestChoices).join(', ')} (not "${raw}").` };
    }
    if (values[kind] !== undefined) return { ok: false, error: `You gave ${kind === 'zone' ? 'a time zone' : kind} twice ("${raw}"). Give each of timezone, reveal, digest and channel at most once.` };
    if (kind === 'zone') {
      const zone = parseTimeZone(raw);
      if (!zone.ok) return zone;
      values.zone = zone.value;
    } else if (kind === 'channel') {
      const channel = parseChannel(platform, raw);
      if (!channel.ok) return channel;
      values.channel = channel.value.id;
    } else values[kind] = lower;
  }
  if (values.channel !== undefined && values.digest === undefined) return { ok: false, error: 'A channel goes with the weekly digest setting: /daily config digest:on #channel (or digest:off).' };
  return { ok: true, value: values };
}

/** The schedule a digest setting is for: the named channel, else this channel, else the only one. */
function digestTarget({ deps, caller, community }: CommandContext, channelId: string | undefined): { ok: true; value: Schedule } | { ok: false; error: string } {
  const platform = caller.community.platform;
  const schedules = community ? deps.store.schedules.list(community.id) : [];
  const how = 'The weekly digest goes with a channel\'s daily quiz: set one with /daily set #channel 09:00 first.';
  if (schedules.length === 0) return { ok: false, error: `No daily quiz is scheduled here yet, so there is no channel for a digest. ${how}` };
  const wanted = channelId ?? (schedules.some((s) => s.channelId === caller.channelId) ? caller.channelId : undefined);
  if (wanted !== undefined) {
    const found = schedules.find((s) => s.channelId === wanted);
    return found ? { ok: true, value: found } : { ok: false, error: `There is no daily quiz in ${channelLabel(platform, wanted)}. ${how} /daily status lists the scheduled channels.` };
  }
  if (schedules.length === 1) return { ok: true, value: schedules[0]! };
  return { ok: false, error: `Several channels have a daily quiz; name the one for the digest, e.g. /daily config digest:on ${channelLabel(platform, schedules[0]!.channelId)}.` };
}
