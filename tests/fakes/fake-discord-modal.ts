import type { Json } from './fake-discord-payloads.js';

/**
 * Modals, as Discord documents them: an interaction response of type 9 (MODAL) with a
 * custom_id (≤ 100), a title (≤ 45) and 1 to 5 action rows, each holding one text input
 * (type 4: custom_id ≤ 100, label ≤ 45, style 1 short or 2 paragraph, min_length 0–4000,
 * max_length 1–4000, placeholder ≤ 100). A modal can answer a command or a component
 * interaction, never an autocomplete or another modal's submit.
 */
export function modalProblem(data: Json, interactionType: number): string | undefined {
  if (interactionType === 4 || interactionType === 5) return 'a modal cannot answer this interaction type';
  const title = typeof data.title === 'string' ? data.title : '';
  const customId = typeof data.custom_id === 'string' ? data.custom_id : '';
  if (title.length === 0 || title.length > 45) return 'data.title: must be between 1 and 45 in length';
  if (customId.length === 0 || customId.length > 100) return 'data.custom_id: must be between 1 and 100 in length';
  const rows = Array.isArray(data.components) ? (data.components as Json[]) : [];
  if (rows.length === 0 || rows.length > 5) return 'data.components: must be between 1 and 5 in length';
  for (const [r, row] of rows.entries()) {
    const inputs = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (row.type !== 1 || inputs.length !== 1) return `data.components.${r}: an action row in a modal holds one text input`;
    const problem = textInputProblem(inputs[0] ?? {});
    if (problem) return `data.components.${r}.components.0.${problem}`;
  }
  return undefined;
}

function textInputProblem(input: Json): string | undefined {
  const len = (v: unknown): number => (typeof v === 'string' ? v.length : -1);
  if (input.type !== 4) return 'type: only text inputs (4) go in a modal row';
  if (len(input.custom_id) < 1 || len(input.custom_id) > 100) return 'custom_id: must be between 1 and 100 in length';
  if (len(input.label) < 1 || len(input.label) > 45) return 'label: must be between 1 and 45 in length';
  if (input.style !== 1 && input.style !== 2) return 'style: must be 1 (short) or 2 (paragraph)';
  if (input.placeholder !== undefined && len(input.placeholder) > 100) return 'placeholder: must be 100 or fewer in length';
  const min = input.min_length === undefined ? 0 : Number(input.min_length);
  const max = input.max_length === undefined ? 4000 : Number(input.max_length);
  if (!Number.isInteger(min) || min < 0 || min > 4000) return 'min_length: must be between 0 and 4000';
  if (!Number.isInteger(max) || max < 1 || max > 4000 || max < min) return 'max_length: must be between 1 and 4000';
  return undefined;
}

/** The `data` of a MODAL_SUBMIT interaction (type 5): the modal's custom_id and each text input's value. */
export function modalSubmitData(customId: string, values: Record<string, string>): Json {
  return {
    custom_id: customId,
    components: Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
  };
}
