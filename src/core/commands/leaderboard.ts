import { accuracy } from '../scoring.js';
import { dayKey, periodKey, type Period } from '../time.js';
import { reply, type Reply } from '../reply.js';
import type { MemberStanding } from '../../store/scores.js';
import type { Command, CommandContext } from './spec.js';

const periodNames: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };
const topSize = 10;

export const leaderboardCommand: Command = {
  spec: {
    name: 'leaderboard',
    description: "The group's daily quiz standings",
    usage: '/leaderboard [week|month|all]',
    visibility: 'public',
    options: [{ name: 'period', description: 'week, month or all (default week)', type: 'text', choices: ['week', 'month', 'all'] }],
  },
  run: (ctx, args) => leaderboard(ctx, (args.period as Period | undefined) ?? 'week'),
};

/** The top 10 for a period in the community's time zone, plus the caller's row when outside it. */
export function leaderboard({ deps, caller, community }: CommandContext, period: Period): Reply {
  const title = `Leaderboard · ${periodNames[period]}`;
  if (!community) return emptyBoard(title);
  const now = deps.clock.now();
  const key = periodKey(period, now, community.timeZone);
  const top = deps.store.scores.top(community.id, key, topSize);
  if (top.length === 0) return emptyBoard(title);
  const member = deps.store.communities.findMember(community.id, caller.userId);
  const rows = [...top];
  let highlight = member ? rows.findIndex((r) => r.memberId === member.id) : -1;
  if (member && highlight === -1) {
    const mine = deps.store.scores.standing(community.id, member.id, key);
    if (mine) {
      rows.push(mine);
      highlight = rows.length - 1;
    }
  }
  const today = dayKey(now, community.timeZone);
  const streakOf = (row: MemberStanding): number => {
    const m = deps.store.communities.getMember(community.id, row.memberId);
    return m ? deps.streaks.current(m, today) : 0;
  };
  const table = rows.map((r) => [String(r.rank), r.displayName, String(r.points), accuracy(r.correct, r.answered), String(streakOf(r))]);
  const tie = tiedBeyondCut(deps, community.id, key, rows, top.length);
  return reply('public', [
    { type: 'heading', text: title },
    { type: 'table', columns: ['#', 'Member', 'Points', 'Accuracy', 'Streak'], rows: table, ...(highlight >= 0 ? { highlightRow: highlight } : {}) },
    ...(tie ? [{ type: 'markdown' as const, text: tie }] : []),
    { type: 'context', text: `Daily quiz answers only; periods follow ${community.timeZone}.` },
  ]);
}

/**
 * The top 10 may cut through a tie: 14 members on the same points share rank 1 but only 10
 * fit. Naming the hidden ones could mean thousands of names, so the board says how many.
 */
function tiedBeyondCut(deps: CommandContext['deps'], communityId: number, key: string, rows: readonly MemberStanding[], topCount: number): string | undefined {
  const cut = rows[topCount - 1];
  if (topCount < topSize || !cut) return undefined;
  const shown = rows.filter((r) => r.points === cut.points).length;
  const more = deps.store.scores.sharing(communityId, key, cut.points) - shown;
  if (more <= 0) return undefined;
  return `…and ${more} more ${more === 1 ? 'member' : 'members'} tied at #${cut.rank} with ${cut.points} pts.`;
}

function emptyBoard(title: string): Reply {
  return reply('public', [
    { type: 'heading', text: title },
    { type: 'markdown', text: 'No daily quiz answers yet. Scores come from the daily quiz; practise any time with /quiz.' },
  ]);
}
