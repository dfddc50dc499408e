import { actionIdPattern } from '../../core/actions.js';

/**
 * Slack action ids. A button carries the core's action id unchanged; a choose-two question
 * needs two extra elements (the checkbox group and its submit button) whose ids wrap the
 * core's answer action, so a submit can be turned back into the core's `choiceActionId(action, indexes)`.
 */
const pickPrefix = 'pick|';
const submitPrefix = 'submit|';

export const pickActionId = (answerAction: string): string => `${pickPrefix}${answerAction}`;
export const submitActionId = (answerAction: string): string => `${submitPrefix}${answerAction}`;
export const choicesBlockId = (answerAction: string): string => `choices|${answerAction}`;

export type SlackActionId =
  /** A press that goes to the core as is. */
  | { kind: 'core'; id: string }
  /** A checkbox ticked or unticked: nothing to do until submit. */
  | { kind: 'pick'; answerAction: string }
  /** The submit button of a choose-two question. */
  | { kind: 'submit'; answerAction: string };

export function parseSlackActionId(actionId: string): SlackActionId {
  if (actionId.startsWith(pickPrefix)) return { kind: 'pick', answerAction: actionId.slice(pickPrefix.length) };
  if (actionId.startsWith(submitPrefix)) return { kind: 'submit', answerAction: actionId.slice(submitPrefix.length) };
  return { kind: 'core', id: actionId };
}

/** Every action id this adapter puts on a message (the core's, and its own wrappers), for the listener to match. */
export const ourActionIds = new RegExp(`${actionIdPattern.source}|^(pick|submit)\\|`);
