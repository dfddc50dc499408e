/**
 * Action ids: what a button carries. They are parsed, never trusted: every id is checked
 * against the community of the interaction that pressed it.
 */
export type Action =
  | { type: 'answer'; postId: number; choices: number[] }
  | { type: 'explain'; topicId: string }
  | { type: 'quiz'; topicId: string }
  | { type: 'review-add'; postId: number }
  | { type: 'review-next' };

const maxLength = 100; // Discord's custom_id limit; Slack allows more.

export function answerAction(postId: number): string {
  return `ans:${postId}`;
}

export function encodeAction(action: Action): string {
  switch (action.type) {
    case 'answer':
      return `${answerAction(action.postId)}:${action.choices.join('+')}`;
    case 'explain':
      return `exp:${action.topicId}`;
    case 'quiz':
      return `qz:${action.topicId}`;
    case 'review-add':
      return `rva:${action.postId}`;
    case 'review-next':
      return 'rvn';
  }
}

/** Parses an action id; returns undefined for anything malformed. */
export function parseAction(id: string): Action | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > maxLength) return undefined;
  const [kind, a, b, ...rest] = id.split(':');
  if (rest.length > 0) return undefined;
  switch (kind) {
    case 'ans': {
      const postId = parseId(a);
      if (postId === undefined || b === undefined || !/^\d(\+\d){0,4}$/.test(b)) return undefined;
      const choices = b.split('+').map(Number);
      if (new Set(choices).size !== choices.length) return undefined;
      return { type: 'answer', postId, choices: choices.sort((x, y) => x - y) };
    }
    case 'exp':
    case 'qz':
      if (b !== undefined || !a || !/^[a-z0-9-]{1,60}$/.test(a)) return undefined;
      return kind === 'exp' ? { type: 'explain', topicId: a } : { type: 'quiz', topicId: a };
    case 'rva': {
      const postId = parseId(a);
      return postId === undefined || b !== undefined ? undefined : { type: 'review-add', postId };
    }
    case 'rvn':
      return a === undefined ? { type: 'review-next' } : undefined;
    default:
      return undefined;
  }
}

function parseId(text: string | undefined): number | undefined {
  if (!text || !/^[1-9]\d{0,14}$/.test(text)) return undefined;
  return Number(text);
}
