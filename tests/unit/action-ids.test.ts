import { describe, expect, it } from 'vitest';
import { actionIdPattern, answerAction, choiceActionId, encodeAction, examAnswerAction, isChoiceOf, parseAction, takesText, type Action } from '../../src/core/actions.js';
import { ourActionIds } from '../../src/adapters/slack/action-ids.js';

/** One of every action (and every exam op): the registry must know them all. */
const samples: Action[] = [
  { type: 'answer', postId: 7, choices: [1, 3] },
  { type: 'explain', topicId: 'fargate' },
  { type: 'quiz', topicId: 'api-gateway' },
  { type: 'review-add', postId: 12 },
  { type: 'review-next' },
  { type: 'report', postId: 5 },
  { type: 'dismiss-reports', itemId: 'ec2-001' },
  { type: 'exam', op: 'answer', examId: 3, position: 0, choices: [2] },
  { type: 'exam', op: 'go', examId: 3, position: 64 },
  { type: 'exam', op: 'flag', examId: 3, position: 1 },
  { type: 'exam', op: 'report', examId: 3, position: 2 },
  { type: 'exam', op: 'submit', examId: 3 },
  { type: 'exam', op: 'confirm', examId: 3 },
];

describe('action ids: one registry in the core', () => {
  it('every action parses back from the id it encodes to, and no two encode alike', () => {
    for (const action of samples) expect(parseAction(encodeAction(action)), JSON.stringify(action)).toEqual(action);
    expect(new Set(samples.map(encodeAction)).size).toBe(samples.length);
  });

  it('a press of choices is the block action with the indexes, for answers and exam questions alike', () => {
    expect(parseAction(choiceActionId(answerAction(7), [3, 1]))).toEqual({ type: 'answer', postId: 7, choices: [1, 3] });
    expect(parseAction(choiceActionId(examAnswerAction(3, 4), [0]))).toEqual({ type: 'exam', op: 'answer', examId: 3, position: 4, choices: [0] });
    expect(isChoiceOf(choiceActionId(answerAction(7), [0]), answerAction(7))).toBe(true);
    expect(isChoiceOf(answerAction(7), answerAction(7))).toBe(true);
    expect(isChoiceOf(choiceActionId(answerAction(70), [0]), answerAction(7))).toBe(false);
  });

  it('the id pattern adapters listen with claims every encoded id and nothing else', () => {
    for (const id of samples.map(encodeAction)) {
      expect(actionIdPattern.test(id), id).toBe(true);
      expect(ourActionIds.test(id), id).toBe(true);
    }
    for (const id of ['', 'other-app', 'answer:1:0', 'ansx:1:0', 'x:1', 'rvnow', 'pickle|ans:1']) {
      expect(actionIdPattern.test(id), id).toBe(false);
      expect(ourActionIds.test(id), id).toBe(false);
    }
  });

  it('only a report takes the text of a form', () => {
    expect(samples.filter(takesText).map((a) => a.type)).toEqual(['report']);
  });
});
