import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { clientFiles, prepareFiles, type DiscordFile, type Prepared } from './attachments.js';
import { isInvalidBody, loggableError } from './discord-errors.js';
import { renderModal } from './modal.js';
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
 * replaces it with a private follow-up instead of showing it to everyone. A reply's picture
 * is drawn as part of the work raced against the budget: a slow core defers first and the
 * picture follows; a fast one adds only the drawing's milliseconds to a reply sent with
 * half of the window to spare. A slow press whose reply would replace its message gets a
 * new private message instead.
 */
export async function answerInTime(interaction: RepliableInteraction, core: Promise<Reply>, plan: AnswerPlan, log: Logger): Promise<Acknowledgement> {
  const work = core.then((reply) => prepareFiles(reply, log));
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), plan.deferAfterMs);
  });
  const first = await Promise.race([work, slow]);
  clearTimeout(timer);
  if (first) {
    const modal = first.reply.ask && 'showModal' in interaction ? renderModal(first.reply.ask) : undefined;
    if (modal && 'showModal' in interaction) {
      await interaction.showModal(modal);
      return 'replied';
    }
    // A press whose reply replaces its message (a practice exam) updates it in place
    // (UPDATE_MESSAGE); the message keeps its flags, so a private one stays private. An update
    // keeps the message's attachments unless told otherwise: a reply without a picture clears them.
    if (first.reply.replace && interaction.isMessageComponent()) {
      await withPlainFallback(first, log, (message, files) => interaction.update({ ...message, ...(files.length > 0 ? { files: clientFiles(files) } : { attachments: [] }) }));
      return 'replied';
    }
    const flags = isEphemeral(first.reply, plan) ? MessageFlags.Ephemeral : undefined;
    await withPlainFallback(first, log, (message, files) => interaction.reply({ ...message, files: clientFiles(files), flags }));
    return 'replied';
  }

  try {
    await interaction.deferReply(plan.deferEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // The core still finishes (an answer is recorded once either way); only the message is lost.
    await work;
    throw error;
  }
  // A modal must be the first response: once deferred, the member presses again instead.
  const done = await work;
  const prepared: Prepared = done.reply.ask ? { reply: notice('That took me too long to open the form. Press the button again, please.'), files: [] } : done;
  if (isEphemeral(prepared.reply, plan) && !plan.deferEphemeral) {
    await interaction.deleteReply();
    await withPlainFallback(prepared, log, (message, files) => interaction.followUp({ ...message, files: clientFiles(files), flags: MessageFlags.Ephemeral }));
  } else {
    await withPlainFallback(prepared, log, (message, files) => interaction.editReply({ ...message, files: clientFiles(files) }));
  }
  return 'deferred';
}

/**
 * Sends the rich form with its picture; if Discord refuses its body, sends the plain-text form
 * (whose text carries the picture's numbers) instead and says why in the log.
 */
async function withPlainFallback({ reply, files }: Prepared, log: Logger, send: (message: DiscordMessage, files: readonly DiscordFile[]) => Promise<unknown>): Promise<void> {
  try {
    await send(renderMessage(reply), files);
  } catch (error) {
    if (!isInvalidBody(error)) throw error;
    log.warn({ err: loggableError(error) }, 'discord refused the rich reply; sent it as plain text');
    await send(renderPlain(reply), []);
  }
}

function isEphemeral(reply: Reply, plan: AnswerPlan): boolean {
  return plan.forceEphemeral || reply.visibility === 'ephemeral';
}
