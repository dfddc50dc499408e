import type { TopicAccuracy } from './answers.js';
import type { Db } from './db.js';
import { requireTransaction } from './store-errors.js';

export interface Exam {
  id: number;
  communityId: number;
  memberId: number;
  startedAt: number;
  deadline: number;
  submittedAt: number | null;
  reportedAt: number | null;
}

export interface ExamQuestion {
  position: number;
  itemId: string;
  topicId: string;
  /** The member's current choice, ascending; undefined while unanswered. */
  choices: number[] | undefined;
  flagged: boolean;
  /** Set at submission. */
  correct: boolean | undefined;
}

interface ExamRow {
  id: number;
  community_id: number;
  member_id: number;
  started_at: number;
  deadline: number;
  submitted_at: number | null;
  reported_at: number | null;
}

interface QuestionRow {
  position: number;
  item_id: string;
  topic_id: string;
  choices: string | null;
  flagged: number;
  correct: number | null;
}

const toExam = (r: ExamRow): Exam => ({
  id: r.id,
  communityId: r.community_id,
  memberId: r.member_id,
  startedAt: r.started_at,
  deadline: r.deadline,
  submittedAt: r.submitted_at,
  reportedAt: r.reported_at,
});

const toQuestion = (r: QuestionRow): ExamQuestion => ({
  position: r.position,
  itemId: r.item_id,
  topicId: r.topic_id,
  choices: r.choices === null ? undefined : r.choices.split('+').map(Number),
  flagged: r.flagged === 1,
  correct: r.correct === null ? undefined : r.correct === 1,
});

const examColumns = 'id, community_id, member_id, started_at, deadline, submitted_at, reported_at';

/**
 * Practice exams. Every statement names the community; an exam is also looked up with its
 * member, so an exam id pressed by anyone else finds nothing. Writes change an exam only
 * while it is in progress; callers run them inside Store.write, so a reply shows only what
 * was committed.
 */
export class ExamStore {
  private readonly insertExamStmt;
  private readonly insertQuestionStmt;
  private readonly inProgressStmt;
  private readonly getStmt;
  private readonly questionsStmt;
  private readonly setChoiceStmt;
  private readonly toggleFlagStmt;
  private readonly submitStmt;
  private readonly markStmt;
  private readonly overdueStmt;
  private readonly nextDeadlineStmt;
  private readonly byTopicStmt;
  private readonly seenStmt;
  private readonly unreportedStmt;
  private readonly reportedStmt;

  constructor(private readonly db: Db) {
    this.insertExamStmt = db.prepare('INSERT INTO exams (community_id, member_id, started_at, deadline) VALUES (?, ?, ?, ?)');
    this.insertQuestionStmt = db.prepare('INSERT INTO exam_questions (exam_id, community_id, position, item_id, topic_id) VALUES (?, ?, ?, ?, ?)');
    this.inProgressStmt = db.prepare<[number, number], ExamRow>(`SELECT ${examColumns} FROM exams WHERE community_id = ? AND member_id = ? AND submitted_at IS NULL`);
    this.getStmt = db.prepare<[number, number, number], ExamRow>(`SELECT ${examColumns} FROM exams WHERE id = ? AND community_id = ? AND member_id = ?`);
    this.questionsStmt = db.prepare<[number, number], QuestionRow>(
      'SELECT position, item_id, topic_id, choices, flagged, correct FROM exam_questions WHERE exam_id = ? AND community_id = ? ORDER BY position',
    );
    const open = 'EXISTS (SELECT 1 FROM exams e WHERE e.id = exam_id AND e.community_id = exam_questions.community_id AND e.submitted_at IS NULL)';
    this.setChoiceStmt = db.prepare(`UPDATE exam_questions SET choices = ? WHERE exam_id = ? AND community_id = ? AND position = ? AND ${open}`);
    this.toggleFlagStmt = db.prepare(`UPDATE exam_questions SET flagged = 1 - flagged WHERE exam_id = ? AND community_id = ? AND position = ? AND ${open}`);
    this.submitStmt = db.prepare('UPDATE exams SET submitted_at = ? WHERE id = ? AND community_id = ? AND submitted_at IS NULL');
    this.markStmt = db.prepare('UPDATE exam_questions SET correct = ? WHERE exam_id = ? AND community_id = ? AND position = ?');
    this.overdueStmt = db.prepare<[number, number], ExamRow>(`SELECT ${examColumns} FROM exams WHERE submitted_at IS NULL AND deadline <= ? ORDER BY deadline LIMIT ?`);
    this.nextDeadlineStmt = db.prepare<[], number | null>('SELECT min(deadline) FROM exams WHERE submitted_at IS NULL').pluck();
    this.byTopicStmt = db.prepare<[number, number], { topic_id: string; answered: number; correct: number }>(
      `SELECT q.topic_id, count(*) AS answered, sum(q.correct) AS correct FROM exams e
       JOIN exam_questions q ON q.exam_id = e.id AND q.community_id = e.community_id
       WHERE e.community_id = ? AND e.member_id = ? AND e.submitted_at IS NOT NULL AND q.choices IS NOT NULL
       GROUP BY q.topic_id ORDER BY q.topic_id`,
    );
    this.unreportedStmt = db.prepare<[number, number], ExamRow>(
      `SELECT ${examColumns} FROM exams WHERE community_id = ? AND member_id = ? AND submitted_at IS NOT NULL AND reported_at IS NULL ORDER BY submitted_at DESC LIMIT 1`,
    );
    this.reportedStmt = db.prepare('UPDATE exams SET reported_at = ? WHERE id = ? AND community_id = ? AND reported_at IS NULL');
    this.seenStmt = db
      .prepare<[number, number], string>(
        'SELECT DISTINCT q.item_id FROM exams e JOIN exam_questions q ON q.exam_id = e.id AND q.community_id = e.community_id WHERE e.community_id = ? AND e.member_id = ?',
      )
      .pluck();
  }

  /** Creates an exam with its questions in order. Run inside the caller's transaction. */
  create(communityId: number, memberId: number, startedAt: number, deadline: number, questions: readonly { itemId: string; topicId: string }[]): Exam {
    requireTransaction(this.db, 'exams.create');
    // No RETURNING: the id comes from the insert's own result, inside the caller's transaction.
    const id = Number(this.insertExamStmt.run(communityId, memberId, startedAt, deadline).lastInsertRowid);
    questions.forEach((q, position) => this.insertQuestionStmt.run(id, communityId, position, q.itemId, q.topicId));
    return { id, communityId, memberId, startedAt, deadline, submittedAt: null, reportedAt: null };
  }

  inProgress(communityId: number, memberId: number): Exam | undefined {
    const row = this.inProgressStmt.get(communityId, memberId);
    return row && toExam(row);
  }

  /** The member's own exam with this id in this community; anyone else's is invisible. */
  get(communityId: number, memberId: number, examId: number): Exam | undefined {
    const row = this.getStmt.get(examId, communityId, memberId);
    return row && toExam(row);
  }

  questions(communityId: number, examId: number): ExamQuestion[] {
    return this.questionsStmt.all(examId, communityId).map(toQuestion);
  }

  /** Sets a question's choice while the exam is in progress; false when nothing changed hands. */
  setChoice(communityId: number, examId: number, position: number, choices: readonly number[]): boolean {
    requireTransaction(this.db, 'exams.setChoice');
    return this.setChoiceStmt.run(choices.join('+'), examId, communityId, position).changes === 1;
  }

  toggleFlag(communityId: number, examId: number, position: number): boolean {
    requireTransaction(this.db, 'exams.toggleFlag');
    return this.toggleFlagStmt.run(examId, communityId, position).changes === 1;
  }

  /** Marks the exam submitted and each question right or wrong; false if it already was submitted. */
  submit(communityId: number, examId: number, at: number, results: readonly { position: number; correct: boolean }[]): boolean {
    requireTransaction(this.db, 'exams.submit');
    if (this.submitStmt.run(at, examId, communityId).changes === 0) return false;
    for (const r of results) this.markStmt.run(r.correct ? 1 : 0, examId, communityId, r.position);
    return true;
  }

  /** The member's latest submitted exam whose report they have not seen yet. */
  unreported(communityId: number, memberId: number): Exam | undefined {
    const row = this.unreportedStmt.get(communityId, memberId);
    return row && toExam(row);
  }

  markReported(communityId: number, examId: number, at: number): void {
    requireTransaction(this.db, 'exams.markReported');
    this.reportedStmt.run(at, examId, communityId);
  }

  /** Exams whose time is up and that nobody has submitted yet, oldest deadline first. */
  overdue(now: number, limit: number): Exam[] {
    return this.overdueStmt.all(now, limit).map(toExam);
  }

  nextDeadline(): number | undefined {
    return this.nextDeadlineStmt.get() ?? undefined;
  }

  /** Answered questions of submitted exams per topic, for /stats. */
  accuracyByTopic(communityId: number, memberId: number): TopicAccuracy[] {
    return this.byTopicStmt.all(communityId, memberId).map((r) => ({ topicId: r.topic_id, answered: r.answered, correct: r.correct }));
  }

  /** Every item any of the member's exams has asked. */
  seenItems(communityId: number, memberId: number): Set<string> {
    return new Set(this.seenStmt.all(communityId, memberId));
  }
}
