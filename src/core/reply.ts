/** The neutral reply every command returns; adapters render it for their platform. */
export type Visibility = 'public' | 'ephemeral';

export interface Button {
  /** A stable action id (see actions.ts); a press comes back to the core as this id. */
  id: string;
  label: string;
  style?: 'primary' | 'secondary';
}

export interface Choice {
  /** The letter shown beside the choice: A, B, C… */
  key: string;
  text: string;
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'markdown'; text: string }
  /** `sideBySide`: the fields are columns to read across (a comparison row), not a list. */
  | { type: 'fields'; fields: { label: string; value: string }[]; sideBySide?: boolean }
  /** Answer choices. A press sends `${action}:${indexes joined by '+'}`; `pick` choices must be chosen together. */
  | { type: 'choices'; action: string; pick: number; choices: Choice[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'table'; columns: string[]; rows: string[][]; highlightRow?: number }
  | { type: 'context'; text: string };

export interface Reply {
  visibility: Visibility;
  /** Always present: the plain-text fallback, notifications and the terminal's output. */
  text: string;
  blocks: Block[];
}

/** A short reply with no blocks: errors, confirmations. */
export function notice(text: string, visibility: Visibility = 'ephemeral'): Reply {
  return { visibility, text, blocks: [{ type: 'markdown', text }] };
}
