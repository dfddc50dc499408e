import type { ExamAction } from '../actions.js';
import { secondsPerQuestion } from '../content/exam-schema.js';
import { DailyTimer } from '../daily/daily-timer.js';
import type { Library } from '../library.js';
import { notice, reply, type Block, type Reply } from '../reply.js';
import { reviewCard } from '../review.js';
import { isCorrect } from '../scoring.js';
import type { Clock } from '../time.js';
import type { Logger } from '../../log.js';
import type { Community, Member } from '../../store/communities.js';
import type { Exam, ExamQuestion } from '../../store/exams.js';
import type { Store } from '../../store/store.js';
import { drawExamItems } from './exam-draw.js';
import { reportView } from './exam-report.js';
import { confirmView, questionView } from './exam-view.js';

export interface ExamDeps {
  store: Store;
  library: Library;
  clock: Clock;
  log: Logger;
  random?: () => number;
  /** "Study next" for the end of the score report (readiness supplies it); none by default. */
  studyNext?: (community: Community, memberId: number) => Block[];
}

/** Overdue exams submitted per timer tick; the next tick follows at once while more are due. */
const overdueBatch = 200;

const notHere = notice('That exam is not available here: it belongs to someone else, or to another server or workspace. Start your own with /exam.');

/**
 * Practice exams in the real exam's form: drawn by the blueprint's weights, timed, no
 * verdict until the end, then a score report. Every write commits before its reply. The
 * timer submits exams whose time is up even when nobody presses anything, and catches up
 * on overdue ones when it starts.
 */
export class ExamService {
  private readonly timer: DailyTimer;

  constructor(private readonly deps: ExamDeps) {
    this.timer = new DailyTimer({ clock: deps.clock, log: deps.log, label: 'practice exam', nextDueAt: () => deps.store.exams.nextDeadline(), tick: () => this.tick() });
  }

  /**
   * Submits the exams whose time ran out while the bot was down, before any press can be
   * handled, then starts the deadline timer.
   */
  start(): void {
    this.tick().catch((error: unknown) => this.deps.log.error({ err: error }, 'practice exam catch-up failed'));
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** Submits every exam whose deadline has passed. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    for (;;) {
      const due = this.deps.store.exams.overdue(now, overdueBatch);
      for (const exam of due) {
        try {
          this.submit(exam, exam.deadline);
        } catch (error) {
          this.deps.log.error({ err: error, exam: exam.id }, 'could not submit an overdue practice exam');
          return;
        }
      }
      if (due.length < overdueBatch) return;
    }
  }

  /** /exam: resumes the member's exam in progress, or starts one of `count` questions. */
  begin(community: Community, member: Member, count: number): Reply {
    const { store, library, clock } = this.deps;
    const now = clock.now();
    const running = this.current(community, member, now);
    // An exam the timer submitted while nobody was pressing: its report comes first.
    const unreported = running ? undefined : store.exams.unreported(community.id, member.id);
    if (unreported) return this.report(community, unreported, 0, 'Your last practice exam ran out of time and submitted itself; here is its report. Type /exam again for a new exam.');
    if (running) {
      const questions = store.exams.questions(community.id, running.id);
      const position = questions.find((q) => !q.choices)?.position ?? 0;
      return this.show(running, questions, position, now, 'You have a practice exam in progress: here it is again, where you left off.');
    }
    const seen = store.exams.seenItems(community.id, member.id);
    for (const itemId of store.answers.itemResults(member.id).keys()) seen.add(itemId);
    // Never the community's open daily question, nor an item two members reported (until dismissed).
    const excluded = new Set([...store.posts.openDailyItems(community.id, now), ...store.reports.withheld(community.id)]);
    const items = drawExamItems(library, { count, seen, excluded, random: this.deps.random ?? Math.random });
    if (items.length === 0) return notice('There are no questions to draw an exam from right now. Try /quiz instead.');
    const deadline = now + Math.round(items.length * secondsPerQuestion(library.exam) * 1000);
    const exam = store.write(() => store.exams.create(community.id, member.id, now, deadline, items.map((i) => ({ itemId: i.id, topicId: i.topic }))));
    const questions = store.exams.questions(community.id, exam.id);
    const short = items.length < count ? ` Only ${items.length} questions could be drawn.` : '';
    const note = `Practice exam: ${items.length} questions, ${Math.round((deadline - now) / 60_000)} minutes, as on the ${library.exam.code} exam. No verdict until you submit; you can go back, change answers and flag questions.${short}`;
    return this.show(exam, questions, 0, now, note);
  }

  /** A press on an exam message. The exam is looked up in the caller's community, as the caller's own. */
  press(community: Community | undefined, member: Member | undefined, action: ExamAction): Reply {
    const { store, clock } = this.deps;
    const exam = community && member ? store.exams.get(community.id, member.id, action.examId) : undefined;
    if (!community || !member || !exam) return notHere;
    const now = clock.now();
    if (exam.submittedAt === null && now >= exam.deadline) this.submit(exam, now);
    const fresh = store.exams.get(community.id, member.id, exam.id) ?? exam;
    if (fresh.submittedAt !== null) {
      const page = action.op === 'report' ? action.position : 0;
      const note = action.op === 'report' || action.op === 'confirm' ? undefined : 'This exam has been submitted (a press after the deadline changes nothing); here is its report.';
      return this.report(community, fresh, page, note);
    }
    return this.inProgress(community, fresh, action, now);
  }

  private inProgress(community: Community, exam: Exam, action: ExamAction, now: number): Reply {
    const { store, library } = this.deps;
    let questions = store.exams.questions(community.id, exam.id);
    const unanswered = questions.filter((q) => !q.choices).length;
    switch (action.op) {
      case 'confirm':
        this.submit(exam, now);
        return this.report(community, { ...exam, submittedAt: now }, 0);
      case 'submit':
        if (unanswered > 0) return confirmView(exam, questions, now);
        this.submit(exam, now);
        return this.report(community, { ...exam, submittedAt: now }, 0);
      case 'report':
        return this.show(exam, questions, questions.find((q) => !q.choices)?.position ?? 0, now, 'The report comes when you submit the exam.');
      case 'go':
        return this.show(exam, questions, action.position, now);
      case 'flag':
        if (!questions[action.position]) return this.show(exam, questions, 0, now);
        store.write(() => store.exams.toggleFlag(community.id, exam.id, action.position));
        return this.show(exam, store.exams.questions(community.id, exam.id), action.position, now);
      case 'answer': {
        const q = questions[action.position];
        const item = q && library.item(q.itemId);
        if (!q || !item) return this.show(exam, questions, 0, now);
        const pick = item.answer.length;
        if (action.choices.length !== pick || action.choices.some((c) => c >= item.choices.length)) {
          const wanted = pick > 1 ? `exactly ${pick} choices` : 'one choice';
          return this.show(exam, questions, q.position, now, `This question needs ${wanted}; nothing was changed. Pick again.`);
        }
        store.write(() => store.exams.setChoice(community.id, exam.id, q.position, action.choices));
        questions = store.exams.questions(community.id, exam.id);
        // As on the exam, choosing does not reveal anything; it moves on to the next question.
        const next = Math.min(q.position + 1, questions.length - 1);
        return this.show(exam, questions, next, now, `Saved your answer to Q${q.position + 1}.`);
      }
    }
  }

  private show(exam: Exam, questions: readonly ExamQuestion[], position: number, now: number, note?: string): Reply {
    const at = Math.min(Math.max(position, 0), questions.length - 1);
    const item = questions[at] && this.deps.library.item(questions[at].itemId);
    if (!item) return notice('A question of this exam has been retired from the quiz bank. Submit it with the button on an earlier question, or wait for the time to run out.');
    return questionView(exam, questions, at, item, now, note);
  }

  private report(community: Community, exam: Exam, page: number, note?: string): Reply {
    const { store, clock } = this.deps;
    if (exam.reportedAt === null) store.write(() => store.exams.markReported(community.id, exam.id, clock.now()));
    const questions = store.exams.questions(community.id, exam.id);
    const studyNext = page === 0 ? (this.deps.studyNext?.(community, exam.memberId) ?? []) : [];
    const report = reportView({ exam, questions, library: this.deps.library, page, studyNext });
    return note ? reply(report.visibility, [{ type: 'markdown', text: note }, ...report.blocks], { replace: true }) : report;
  }

  /** The member's exam in progress, submitting it first if its time is up. */
  private current(community: Community, member: Member, now: number): Exam | undefined {
    const exam = this.deps.store.exams.inProgress(community.id, member.id);
    if (exam && now >= exam.deadline) {
      this.submit(exam, exam.deadline);
      return undefined;
    }
    return exam;
  }

  /**
   * Marks every question, submits, and queues review cards (misses, and flagged questions
   * answered right) in one transaction. Submitting twice does nothing the second time.
   */
  private submit(exam: Exam, at: number): boolean {
    const { store, library } = this.deps;
    const questions = store.exams.questions(exam.communityId, exam.id);
    const marked = questions.map((q) => {
      const item = library.item(q.itemId);
      return { q, correct: Boolean(item && q.choices && isCorrect(item.answer, q.choices)) };
    });
    return store.write(() => {
      if (!store.exams.submit(exam.communityId, exam.id, at, marked.map((m) => ({ position: m.q.position, correct: m.correct })))) return false;
      for (const { q, correct } of marked) {
        if (correct && !q.flagged) continue;
        const card = store.reviews.get(exam.memberId, q.itemId);
        store.reviews.save(exam.communityId, exam.memberId, reviewCard(q.itemId, card, correct ? 'hard' : 'again', at), at);
      }
      return true;
    });
  }
}
