import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { isInvalidBody, loggableError } from './discord-errors.js';
import { renderMessage, renderPlain, type DiscordMessage } from './render.js';

export interface AnswerPlan {
  /** How to defer if the core is slow: a command's declared visibility, known before it runs. */
  deferEphemeral: boolean;
  /** Keep every reply private whatever the core says: button presses never answer in public. */
  forceEphemeral: boolean;
  /** How long to wait for the core before deferring. */
  deferAfterMs: number;
}

export type Acknowledgement = 'replied' | 'deferred';

/**
 * Answers an interaction within Discord's 3-second window. The core is usually done in
 * milliseconds (one SQLite transaction), so the reply goes out directly, with the
 * visibility the reply asks for. If the core is not done by `deferAfterMs`, the
 * interaction is deferred ("thinking…") and the reply edited in when ready. A deferral is
 * public or private before the reply exists, so a private reply to a public deferral
 * replaces it with a private follow-up instead of showing it to everyone.
 */
export async function answerInTime(interaction: RepliableInteraction, work: Promise<Reply>, plan: AnswerPlan, log: Logger): Promise<Acknowledgement> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), plan.deferAfterMs);
  });
  const first = await Promise.race([work, slow]);
  clearTimeout(timer);
  if (first) {
    const flags = isEphemeral(first, plan) ? MessageFlags.Ephemeral : undefined;
    await withPlainFallback(first, log, (message) => interaction.reply({ ...message, flags }));
    return 'replied';
  }

  try {
    await interaction.deferReply(plan.deferEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // The core still finishes (an answer is recorded once either way); only the message is lost.
    await work;
    throw error;
  }
  const reply = await work;
  if (isEphemeral(reply, plan) && !plan.deferEphemeral) {
    await interaction.deleteReply();
    await withPlainFallback(reply, log, (message) => interaction.followUp({ ...message, flags: MessageFlags.Ephemeral }));
  } else {
    await withPlainFallback(reply, log, (message) => interaction.editReply(message));
  }
  return 'deferred';
}

/** Sends the rich form; if Discord refuses its body, sends the plain-text form instead and says why in the log. */
async function withPlainFallback(reply: Reply, log: Logger, send: (message: DiscordMessage) => Promise<unknown>): Promise<void> {
  try {
    await send(renderMessage(reply));
  } catch (error) {
    if (!isInvalidBody(error)) throw error;
    log.warn({ err: loggableError(error) }, 'discord refused the rich reply; sent it as plain text');
    await send(renderPlain(reply));
  }
}

function isEphemeral(reply: Reply, plan: AnswerPlan): boolean {
  return plan.forceEphemeral || reply.visibility === 'ephemeral';
}
