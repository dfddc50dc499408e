import { explainCommand } from './explain.js';
import { helpCommand } from './help.js';
import { leaderboardCommand } from './leaderboard.js';
import { quizCommand } from './quiz.js';
import { readinessCommand } from './readiness.js';
import { reportsCommand } from './reports.js';
import { reviewCommand } from './review.js';
import type { Command } from './spec.js';
import { statsCommand } from './stats.js';
import { topicsCommand } from './topics.js';

/**
 * The command table every adapter registers from: Discord's command JSON, Slack's
 * manifest and the terminal's help all derive from these declarations.
 */
export function commandTable(extra: readonly Command[] = []): Command[] {
  const table: Command[] = [explainCommand, topicsCommand, quizCommand, leaderboardCommand, statsCommand, reviewCommand, readinessCommand, ...extra, reportsCommand];
  table.push(helpCommand(() => table.map((c) => c.spec)));
  return table;
}
