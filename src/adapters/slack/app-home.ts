import type { App, types } from '@slack/bolt';
import { reply, type Reply } from '../../core/reply.js';
import { appHomeOpenedPayload, firstIssue } from './payloads.js';
import type { SlackContext } from './slack-context.js';

/**
 * The App Home tab: the member's own stats and the group's leaderboard, published each
 * time the member opens it, so it is never staler than the last visit.
 */
export function registerAppHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ body, client }) => {
    const checked = appHomeOpenedPayload.safeParse(body);
    if (!checked.success) {
      ctx.log.warn({ problem: firstIssue(checked.error) }, 'slack app_home_opened payload Slack would never send; ignored');
      return;
    }
    const { team_id: teamId, event } = checked.data;
    if (event.tab !== 'home') return;
    try {
      const caller = await ctx.callers.resolve({ teamId, userId: event.user });
      const stats = await ctx.bot.handle(caller, { type: 'command', name: 'stats', args: {} });
      const board = await ctx.bot.handle(caller, { type: 'command', name: 'leaderboard', args: { period: 'week' } });
      await client.views.publish({ user_id: event.user, view: homeView(stats, board, ctx) });
    } catch (error) {
      ctx.log.error({ err: error, user: event.user, team: teamId }, 'slack App Home publish failed');
    }
  });
}

/** The Home tab view: stats, a divider, the leaderboard, then a hint at the commands. */
export function homeView(stats: Reply, board: Reply, ctx: Pick<SlackContext, 'render'>): types.HomeView {
  // Slack allows 100 blocks in a Home tab; keep room for the divider and the hint.
  const statsBlocks = ctx.render(stats, 60).blocks;
  const boardBlocks = ctx.render(board, 36).blocks;
  const hint = ctx.render(reply('ephemeral', [{ type: 'context', text: 'Practise with /quiz, look a topic up with /explain, see everything with /help.' }])).blocks;
  return { type: 'home', blocks: [...statsBlocks, { type: 'divider' }, ...boardBlocks, { type: 'divider' }, ...hint] };
}
