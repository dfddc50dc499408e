import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData, type ModalSubmitInteraction } from 'discord.js';
import type { TextRequest } from '../../core/reply.js';
import { clip } from './render.js';

/** The one text input of our modals; the modal's custom id is the core's action id. */
export const textInputId = 'text';

/** Discord's modal limits: title and label 45, placeholder 100, custom ids 100, a text input 4000. */
const modalLimits = { title: 45, label: 45, placeholder: 100, customId: 100, value: 4000 } as const;

/** A Reply's `ask` as a Discord modal (interaction response type 9) with one paragraph input. */
export function renderModal(ask: TextRequest): APIModalInteractionResponseCallbackData | undefined {
  if (ask.action.length > modalLimits.customId) return undefined;
  return {
    custom_id: ask.action,
    title: clip(ask.title, modalLimits.title),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: textInputId,
            label: clip(ask.label, modalLimits.label),
            style: TextInputStyle.Paragraph,
            placeholder: clip(ask.placeholder, modalLimits.placeholder),
            min_length: 1,
            max_length: Math.min(ask.maxLength, modalLimits.value),
            required: true,
          },
        ],
      },
    ],
  };
}

/** The text typed in a submitted modal, or undefined when the submit carries no text input of ours (a crafted one). */
export function submittedText(interaction: ModalSubmitInteraction): string | undefined {
  try {
    return interaction.fields.getTextInputValue(textInputId);
  } catch {
    return undefined;
  }
}
