import type { Chart } from './charts/svg.js';
import { fallbackText } from './render/fallback-text.js';

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

/**
 * A picture: the chart's SVG, drawn to PNG by the adapter that sends it (src/adapters/chart-png.ts),
 * with alt text carrying the same numbers. The reply's text carries them too, so a member who
 * cannot see the picture, or a platform that cannot show it, loses nothing.
 */
export type ImageBlock = { type: 'image' } & Chart;

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'markdown'; text: string }
  /** `sideBySide`: the fields are columns to read across (a comparison row), not a list. */
  | { type: 'fields'; fields: { label: string; value: string }[]; sideBySide?: boolean }
  /** Answer choices. A press sends `choiceActionId(action, indexes)` (actions.ts); `pick` choices must be chosen together. */
  | { type: 'choices'; action: string; pick: number; choices: Choice[]; /** Indexes already chosen (a practice exam's current answer), shown as such. */ selected?: number[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'table'; columns: string[]; rows: string[][]; highlightRow?: number }
  | { type: 'context'; text: string }
  | ImageBlock;

/**
 * Asks the member for a short text. Each adapter shows it its own way (a Discord or Slack
 * modal, a terminal prompt) and sends what was typed back as a `submit` input carrying
 * `action`; nothing the platform sends is trusted, the core checks the text again.
 */
export interface TextRequest {
  action: string;
  /** Up to 45 characters (Discord's modal title and label limit). */
  title: string;
  label: string;
  placeholder: string;
  maxLength: number;
}

export interface Reply {
  visibility: Visibility;
  /** The plain-text fallback (notifications, Slack's `text`, the terminal's JSON), derived from the blocks by `reply()`. */
  readonly text: string;
  blocks: Block[];
  /**
   * This reply replaces the message the press came from instead of adding one: a practice
   * exam is one message that each press updates. Ignored for commands.
   */
  replace?: boolean;
  /** Set when the reply is a form to fill in: the adapter shows it instead of a message. */
  ask?: TextRequest;
}

/** A reply from its blocks: how the core builds every one, so `text` always says what the blocks say (render/fallback-text.ts). */
export function reply(visibility: Visibility, blocks: Block[], extra: { replace?: boolean; ask?: TextRequest } = {}): Reply {
  let text: string | undefined;
  // Derived on first read: every answer builds a verdict, and most of them are shown without their text.
  return {
    visibility,
    get text(): string {
      return (text ??= fallbackText(blocks));
    },
    blocks,
    ...extra,
  };
}

/** A short reply of one paragraph: errors, confirmations. */
export function notice(text: string, visibility: Visibility = 'ephemeral'): Reply {
  return reply(visibility, [{ type: 'markdown', text }]);
}
