import type { Db } from './db.js';
import { requireTransaction } from './store-errors.js';
import type { Platform } from './communities.js';

/** A channel's daily quiz: a local time, an IANA zone and ISO weekdays (1 = Monday … 7 = Sunday). */
export interface Schedule {
  id: number;
  communityId: number;
  channelId: string;
  channelName: string;
  /** HH:MM, 24-hour, in `timeZone`. */
  localTime: string;
  timeZone: string;
  days: number[];
  /** Minutes from posting to closing; null means "an hour before the next scheduled post". */
  closeAfterMinutes: number | null;
  paused: boolean;
  /** Scheduled moments before this are not owed a post. */
  activeFrom: number;
  /** The weekly digest is on for this channel (/daily config digest:on). */
  digest: boolean;
}

/** A schedule with the platform of its community, as the scheduler needs it. */
export interface ActiveSchedule extends Schedule {
  platform: Platform;
}

/** What /daily set decides; the store adds the id, the paused flag and activeFrom. */
export type ScheduleInput = Pick<Schedule, 'communityId' | 'channelId' | 'channelName' | 'localTime' | 'timeZone' | 'days' | 'closeAfterMinutes'>;

interface ScheduleRow {
  id: number;
  community_id: number;
  channel_id: string;
  channel_name: string;
  local_time: string;
  time_zone: string;
  days: string;
  close_after_minutes: number | null;
  paused: number;
  active_from: number;
  digest_from: number | null;
}

const toSchedule = (r: ScheduleRow): Schedule => ({
  id: r.id,
  communityId: r.community_id,
  channelId: r.channel_id,
  channelName: r.channel_name,
  localTime: r.local_time,
  timeZone: r.time_zone,
  days: r.days.split(',').filter(Boolean).map(Number),
  closeAfterMinutes: r.close_after_minutes,
  paused: r.paused === 1,
  activeFrom: r.active_from,
  digest: r.digest_from !== null,
});

/** Daily quiz schedules. A removed schedule keeps its row so its channel keeps its id. */
export class ScheduleStore {
  private readonly upsertStmt;
  private readonly listStmt;
  private readonly activeStmt;
  private readonly pauseStmt;
  private readonly getStmt;
  private readonly removeStmt;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare<[number, string, string, string, string, string, number | null, number, number, number], ScheduleRow>(
      `INSERT INTO schedules (community_id, channel_id, channel_name, local_time, time_zone, days, close_after_minutes, paused, removed, active_from, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)
       ON CONFLICT (community_id, channel_id) DO UPDATE SET
         channel_name = CASE WHEN excluded.channel_name <> '' THEN excluded.channel_name ELSE channel_name END,
         local_time = excluded.local_time, time_zone = excluded.time_zone, days = excluded.days,
         close_after_minutes = excluded.close_after_minutes, paused = 0, removed = 0,
         active_from = excluded.active_from, updated_at = excluded.updated_at
       RETURNING *`,
    );
    this.listStmt = db.prepare<[number], ScheduleRow>('SELECT * FROM schedules WHERE community_id = ? AND removed = 0 ORDER BY channel_name, channel_id');
    this.activeStmt = db.prepare<[], ScheduleRow & { platform: Platform }>(
      `SELECT s.*, c.platform FROM schedules s JOIN communities c ON c.id = s.community_id
       WHERE s.removed = 0 AND s.paused = 0 ORDER BY s.id`,
    );
    this.pauseStmt = db.prepare(
      `UPDATE schedules SET paused = @paused, active_from = CASE WHEN @paused = 0 THEN @now ELSE active_from END, updated_at = @now
       WHERE community_id = @community AND id = @id AND removed = 0`,
    );
    this.getStmt = db.prepare<[number, number], ScheduleRow>('SELECT * FROM schedules WHERE community_id = ? AND id = ?');
    this.removeStmt = db.prepare('UPDATE schedules SET removed = 1, paused = 0, updated_at = ? WHERE community_id = ? AND id = ?');
  }

  /** Creates or replaces the channel's schedule; it applies from `now` and is unpaused. Run it inside Store.write. */
  set(input: ScheduleInput, now: number): Schedule {
    requireTransaction(this.db, 'schedules.set');
    const row = this.upsertStmt.get(
      input.communityId,
      input.channelId,
      input.channelName,
      input.localTime,
      input.timeZone,
      input.days.join(','),
      input.closeAfterMinutes,
      now,
      now,
      now,
    );
    if (!row) throw new Error('schedule upsert returned nothing');
    return toSchedule(row);
  }

  /** The community's schedules, paused ones included, removed ones not. */
  list(communityId: number): Schedule[] {
    return this.listStmt.all(communityId).map(toSchedule);
  }

  /** A schedule of this community by id, removed ones too (their open posts still close). */
  get(communityId: number, id: number): Schedule | undefined {
    const row = this.getStmt.get(communityId, id);
    return row && toSchedule(row);
  }

  /** Every unpaused schedule of every community, with its platform: what the scheduler serves. */
  active(): ActiveSchedule[] {
    return this.activeStmt.all().map((r) => ({ ...toSchedule(r), platform: r.platform }));
  }

  /** Pausing skips scheduled days; resuming starts again from the next scheduled moment. */
  setPaused(communityId: number, id: number, paused: boolean, now: number): void {
    this.pauseStmt.run({ paused: paused ? 1 : 0, now, community: communityId, id });
  }

  /** Stops the schedule for good; its row stays so the channel keeps its schedule id. */
  remove(communityId: number, id: number, now: number): void {
    this.removeStmt.run(now, communityId, id);
  }
}
