import { accuracy } from '../scoring.js';
import { dayKey, periodKey, type Period } from '../time.js';
import type { Reply } from '../reply.js';
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
  const lines = table.map((cells, i) => `${i === highlight ? '→ ' : ''}#${cells[0]} ${cells[1]}: ${cells[2]} pts, ${cells[3]} right, streak ${cells[4]}`);
  return {
    visibility: 'public',
    text: [title, ...lines].join('\n'),
    blocks: [
      { type: 'heading', text: title },
      { type: 'table', columns: ['#', 'Member', 'Points', 'Accuracy', 'Streak'], rows: table, ...(highlight >= 0 ? { highlightRow: highlight } : {}) },
      { type: 'context', text: `Daily quiz answers only; periods follow ${community.timeZone}.` },
    ],
  };
}

function emptyBoard(title: string): Reply {
  const text = `${title}\nNo daily quiz answers yet. Scores come from the daily quiz; practise any time with /quiz.`;
  return { visibility: 'public', text, blocks: [{ type: 'heading', text: title }, { type: 'markdown', text: text.split('\n')[1] ?? '' }] };
}
