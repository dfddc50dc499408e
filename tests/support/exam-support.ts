import type { App } from '../../src/app.js';
import type { QuizItem } from '../../src/core/content/schema.js';
import type { Reply } from '../../src/core/reply.js';
import type { CommunityRef } from '../../src/store/communities.js';
import type { Exam, ExamQuestion } from '../../src/store/exams.js';

/** The exam question a view shows, read from its answer action `xa:<exam>:<position>`. */
export function shownQuestion(reply: Reply): { examId: number; position: number; action: string; pick: number } {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices' || !block.action.startsWith('xa:')) throw new Error(`no exam question in: ${reply.text.slice(0, 300)}`);
  const [, examId, position] = block.action.split(':');
  return { examId: Number(examId), position: Number(position), action: block.action, pick: block.pick };
}

/** A button of the reply by its label. */
export function button(reply: Reply, label: RegExp): string {
  for (const block of reply.blocks) {
    if (block.type !== 'buttons') continue;
    const found = block.buttons.find((b) => label.test(b.label));
    if (found) return found.id;
  }
  throw new Error(`no button ${label} in: ${reply.text.slice(0, 300)}`);
}

/** The stored exam and its questions, as the test's own view of the database. */
export function storedExam(app: Pick<App, 'store'>, community: CommunityRef, examId: number): { exam: Exam; questions: ExamQuestion[] } {
  const c = app.store.communities.find(community);
  const row = c && app.store.db.prepare('SELECT member_id FROM exams WHERE id = ? AND community_id = ?').get(examId, c.id) as { member_id: number } | undefined;
  const exam = c && row && app.store.exams.get(c.id, row.member_id, examId);
  if (!c || !exam) throw new Error(`no exam ${examId}`);
  return { exam, questions: app.store.exams.questions(c.id, examId) };
}

/** The right and a wrong answer to a question of an exam, by the item it asks. */
export function answersTo(app: Pick<App, 'store' | 'library'>, community: CommunityRef, examId: number, position: number): { item: QuizItem; right: number[]; wrong: number[] } {
  const q = storedExam(app, community, examId).questions[position];
  const item = q && app.library.item(q.itemId);
  if (!item) throw new Error(`no item at ${examId}/${position}`);
  const wrong = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i)).slice(0, item.answer.length);
  return { item, right: [...item.answer], wrong };
}
