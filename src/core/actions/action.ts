import type { Command, CommandContext } from '../commands/spec.js';
import type { Reply } from '../reply.js';

/** What a press needs to run: the command context, the text of a submitted form, the commands by name. */
export interface ActionRun {
  ctx: CommandContext;
  /** The text of a submitted form; only an action that `takesText` ever sees one. */
  submitted?: string;
  command(name: string): Command | undefined;
}

/**
 * One action, defined once: the prefixes its ids start with, how an id is encoded and
 * parsed, and what a press of it does. Adding an action is one file and a line in the
 * registry (../actions.ts); adapters never build or match these ids themselves.
 */
export interface ActionDef<A extends { type: string }> {
  readonly type: A['type'];
  readonly prefixes: readonly string[];
  /** `parts` is the id after its prefix, split on ':'; undefined when malformed. */
  parse(prefix: string, parts: readonly string[]): A | undefined;
  encode(action: A): string;
  /** Whether a submitted form's text may come with it; any other submit is a forgery. */
  readonly takesText?: boolean;
  run(action: A, run: ActionRun): Reply | Promise<Reply>;
}

/** "0", "1+3": distinct choice indexes, ascending. */
export function parseChoices(text: string | undefined): number[] | undefined {
  if (text === undefined || !/^\d(\+\d){0,4}$/.test(text)) return undefined;
  const choices = text.split('+').map(Number);
  if (new Set(choices).size !== choices.length) return undefined;
  return choices.sort((x, y) => x - y);
}

/** The suffix a press of choices adds to its block's action: "0", "1+3". */
export const encodeChoices = (choices: readonly number[]): string => choices.join('+');

export function parseId(text: string | undefined): number | undefined {
  if (!text || !/^[1-9]\d{0,14}$/.test(text)) return undefined;
  return Number(text);
}

/** A topic or quiz item id: lower-case words and digits joined by hyphens. */
export function parseSlug(parts: readonly string[]): string | undefined {
  const [slug, ...rest] = parts;
  return rest.length === 0 && slug !== undefined && /^[a-z0-9-]{1,60}$/.test(slug) ? slug : undefined;
}

/** A single numeric id and nothing after it. */
export function parseOnlyId(parts: readonly string[]): number | undefined {
  return parts.length === 1 ? parseId(parts[0]) : undefined;
}

export const topicGone = 'That topic is no longer available. Type /topics to see them all.';
