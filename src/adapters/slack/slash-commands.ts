import type { App, RespondArguments } from '@slack/bolt';
import { notice, type Reply } from '../../core/reply.js';
import { parseCommandText } from '../../core/commands/parse.js';
import { channelProblem } from './channel-check.js';
import { slackCommandName } from './command-names.js';
import { decodeCommandText } from './mrkdwn.js';
import { firstIssue, slashCommandPayload } from './payloads.js';
import type { SlackContext } from './slack-context.js';

/**
 * Registers each command of the table as a Slack slash command. Slack wants an ack within
 * 3 s: a reply ready within the budget goes back in the ack itself (one round trip, and no
 * channel membership needed); a slower one is acked empty and sent through response_url
 * (which works for 30 minutes) when it is ready.
 */
export function registerSlashCommands(app: App, ctx: SlackContext): void {
  for (const spec of ctx.bot.specs) {
    app.command(`/${slackCommandName(spec.name, ctx.commandPrefix)}`, async ({ command: raw, ack, respond }) => {
      const checked = slashCommandPayload.safeParse(raw);
      if (!checked.success) {
        ctx.log.warn({ command: spec.name, problem: firstIssue(checked.error) }, 'slack slash command payload Slack would never send; refused');
        await ack({ response_type: 'ephemeral', text: 'That command reached me incomplete, so I did nothing. Please type it again.' });
        return;
      }
      const command = checked.data;
      const work = (async (): Promise<Reply> => {
        const caller = await ctx.callers.resolve({
          teamId: command.team_id,
          teamName: command.team_domain,
          userId: command.user_id,
          userName: command.user_name,
          channelId: command.channel_id,
        });
        const text = `/${spec.name} ${decodeCommandText(command.text ?? '')}`.trim();
        const parsed = parseCommandText(text, ctx.bot.specs);
        // A typing mistake: the core explains it, with the usage.
        if (!parsed.ok) return ctx.bot.handle(caller, { type: 'text', text });
        if (!spec.admin || caller.isAdmin) {
          const problem = await channelProblem(ctx.client, ctx.bot.specs, parsed, command.team_id, ctx.log);
          if (problem) return problem;
        }
        // The core runs exactly the command whose channels were checked.
        return ctx.bot.handle(caller, { type: 'command', name: parsed.name, ...(parsed.sub ? { sub: parsed.sub } : {}), args: parsed.args });
      })().catch((error: unknown) => {
        ctx.log.error({ err: error, command: command.command, team: command.team_id }, 'slack command failed');
        return notice('Sorry, something went wrong on my side. Please try again in a moment.');
      });

      const quick = await within(work, ctx.ackBudgetMs);
      if (quick) {
        await ack(toResponse(quick, ctx));
        return;
      }
      await ack();
      const reply = await work;
      try {
        await respond(toResponse(reply, ctx));
      } catch (error) {
        ctx.log.error({ err: error, command: command.command, team: command.team_id }, 'slack response_url post failed');
      }
    });
  }
}

/** A reply as a slash command response: public replies in the channel, the rest only to the member. */
export function toResponse(reply: Reply, ctx: Pick<SlackContext, 'render'>): RespondArguments {
  return { response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', ...ctx.render(reply) };
}

/** The value of `work` if it settles within `ms`, else undefined (the work carries on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
