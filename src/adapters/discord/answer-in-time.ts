import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Reply } from '../../core/reply.js';
import { renderMessage } from './render.js';

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
export async function answerInTime(interaction: RepliableInteraction, work: Promise<Reply>, plan: AnswerPlan): Promise<Acknowledgement> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), plan.deferAfterMs);
  });
  const first = await Promise.race([work, slow]);
  clearTimeout(timer);
  if (first) {
    await interaction.reply({ ...renderMessage(first), flags: flagsFor(isEphemeral(first, plan)) });
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
  const ephemeral = isEphemeral(reply, plan);
  if (ephemeral && !plan.deferEphemeral) {
    await interaction.deleteReply();
    await interaction.followUp({ ...renderMessage(reply), flags: MessageFlags.Ephemeral });
  } else {
    await interaction.editReply(renderMessage(reply));
  }
  return 'deferred';
}

function isEphemeral(reply: Reply, plan: AnswerPlan): boolean {
  return plan.forceEphemeral || reply.visibility === 'ephemeral';
}

function flagsFor(ephemeral: boolean): MessageFlags.Ephemeral | undefined {
  return ephemeral ? MessageFlags.Ephemeral : undefined;
}
