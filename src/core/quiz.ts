import { encodeAction } from './actions.js';
import type { QuizItem } from './content/schema.js';
import type { Library } from './library.js';
import { anotherQuestionButton, choiceKey, questionReply, verdictReply } from './render/question.js';
import { reportButton } from './report-question.js';
import { notice, type Button, type Reply } from './reply.js';
import { reviewCard } from './review.js';
import { isCorrect, pointsFor } from './scoring.js';
import type { Streaks } from './streaks.js';
import { pickLeaningToWeakTopics } from './weak-topics.js';
import { dayKey, type Clock } from './time.js';
import type { Community, Member } from '../store/communities.js';
import type { Post, PostKind } from '../store/posts.js';
import type { Store } from '../store/store.js';
import type { WriteBatch } from '../store/write-batch.js';

/** Told about every recorded daily answer, so the public post can show the new count. */
export type DailyAnswerListener = (post: Post) => void;

/** The platform identity of whoever pressed the button. */
export interface Answerer {
  externalId: string;
  displayName: string;
}

export interface QuizDeps {
  store: Store;
  library: Library;
  clock: Clock;
  streaks: Streaks;
  /** Answers commit through it, in groups under load. */
  writes: WriteBatch;
  onDailyAnswer?: DailyAnswerListener;
}

/** Practice and review questions, and answers to any post (practice, review or daily). */
export class Quiz {
  constructor(
    private readonly deps: QuizDeps,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Picks a practice item for the member: one they have not been asked recently, preferring
   * items they have never answered, then ones they have never got right, and leaning toward
   * the topics they miss most (the daily rotation's weighting, on their own answers).
   * Never an item open as the community's daily question; undefined when nothing else is left.
   */
  pickPracticeItem(member: Member | undefined, topicId?: string): QuizItem | undefined {
    const { library, store } = this.deps;
    const all = topicId ? library.itemsOf(topicId) : library.items;
    if (all.length === 0) throw new Error(`no quiz items for ${topicId ?? 'any topic'}`);
    if (!member) return this.choose(all);
    // The community's open daily question is never practice: its verdict would give the answer away.
    // An item two members reported is set aside until an admin dismisses the reports.
    const daily = store.posts.openDailyItems(member.communityId, this.deps.clock.now());
    const withheld = store.reports.withheld(member.communityId);
    const pool = all.filter((i) => !daily.has(i.id) && !withheld.has(i.id));
    if (pool.length === 0) return undefined;
    const recent = new Set(store.posts.recentItemsForMember(member.id, Math.floor(pool.length / 2)));
    const fresh = pool.filter((i) => !recent.has(i.id));
    const candidates = fresh.length > 0 ? fresh : pool;
    const results = store.answers.itemResults(member.id);
    const unseen = candidates.filter((i) => !results.has(i.id));
    const missed = candidates.filter((i) => results.get(i.id) === false);
    const choices = unseen.length > 0 ? unseen : missed.length > 0 ? missed : candidates;
    return pickLeaningToWeakTopics(choices, store.answers.accuracyByTopic(member.id), this.random);
  }

  /** Puts an item in front of one member as a practice or review question. */
  ask(community: Community, member: Member, item: QuizItem, kind: Exclude<PostKind, 'daily'>, header: string): Reply {
    const { store, clock } = this.deps;
    const now = clock.now();
    const post = store.write(() => store.posts.create({ communityId: community.id, kind, itemId: item.id, memberId: member.id, opensAt: now }, now));
    return questionReply(item, post, this.deps.library, { visibility: 'ephemeral', header });
  }

  /**
   * Records a member's answer to a post of their community and returns the private verdict.
   * Nothing is written (not even the member) unless the answer is valid.
   */
  async answer(community: Community | undefined, who: Answerer, postId: number, chosen: number[]): Promise<Reply> {
    const { store, library, clock } = this.deps;
    const post = community && store.posts.get(community.id, postId);
    if (!community || !post) return notice('That question is not available here. It may belong to another server or workspace. Try /quiz for a new one.');
    const item = library.item(post.itemId);
    if (!item) return notice('That question has been retired from the quiz bank. Try /quiz for a new one.');
    // Practice and review questions belong to one member; daily ones to everyone.
    if (post.memberId !== null && post.memberId !== store.communities.findMember(community.id, who.externalId)?.id) {
      return notice('That practice question belongs to someone else. Use /quiz to get your own.');
    }
    // Answers stop at the close even before the scheduler has marked the post closed. A
    // 'pending' post is answerable: its buttons exist only if the platform took the post,
    // even when we have not (yet) stored the platform's reference to it.
    if (post.kind === 'daily' && (post.status === 'closed' || (post.closesAt !== null && clock.now() >= post.closesAt))) {
      return notice('This daily question has closed; its answer is revealed in the channel. Try /quiz to practise.');
    }
    const pick = item.answer.length;
    if (chosen.length !== pick || chosen.some((c) => c >= item.choices.length)) {
      const keys = item.choices.map((_, i) => choiceKey(i)).join(', ');
      return notice(pick > 1 ? `This question needs exactly ${pick} choices from ${keys}. Pick ${pick} and try again.` : `Pick one choice from ${keys}.`);
    }

    const now = clock.now();
    const correct = isCorrect(item.answer, chosen);
    const daily = post.kind === 'daily';
    const points = daily && correct ? pointsFor[item.difficulty] : 0;

    const outcome = await this.deps.writes.submit(() => {
      const member = store.communities.ensureMember(community.id, who.externalId, who.displayName, now);
      const result = store.answers.recordAnswer({
        communityId: community.id,
        postId: post.id,
        memberId: member.id,
        itemId: item.id,
        topicId: item.topic,
        kind: post.kind,
        choices: chosen,
        correct,
        points,
        answeredAt: now,
      });
      // A daily answer counts toward scores, streaks and review when the post closes.
      if (!result.recorded || daily) return { ...result, member, reviewed: undefined };
      const card = store.reviews.get(member.id, item.id);
      if (correct && !card) return { ...result, member, reviewed: undefined };
      store.reviews.save(community.id, member.id, reviewCard(item.id, card, correct ? 'good' : 'again', now), now);
      return { ...result, member, reviewed: correct ? ('later' as const) : ('added' as const) };
    });
    const { member } = outcome;

    if (!outcome.recorded) {
      return verdictReply(item, {
        correct: outcome.existing.correct,
        chosen: outcome.existing.choices,
        notes: [],
        buttons: [anotherQuestionButton(item.topic), reportButton(post.id)],
        alreadyAnswered: true,
      });
    }
    const notes: string[] = [];
    if (daily) {
      const streak = this.deps.streaks.preview(member, post.localDay ?? dayKey(now, community.timeZone));
      notes.push(correct ? `+${points} points when the answer is revealed` : 'No points this time', `Streak: ${streak} day${streak === 1 ? '' : 's'}`);
      if (!correct) notes.push('It joins your /review queue at the reveal');
      this.deps.onDailyAnswer?.(post);
    }
    if (outcome.reviewed === 'added') notes.push('Added to your /review queue');
    if (outcome.reviewed === 'later') notes.push('Review: pushed further out');
    const buttons: Button[] = [];
    if (post.kind === 'review') buttons.push({ id: encodeAction({ type: 'review-next' }), label: 'Next review item', style: 'primary' });
    else buttons.push(anotherQuestionButton(item.topic));
    // "That was hard" may find the item already queued; addToReview says so.
    if (correct && outcome.reviewed === undefined) {
      buttons.push({ id: encodeAction({ type: 'review-add', postId: post.id }), label: 'That was hard: review it' });
    }
    buttons.push(reportButton(post.id));
    return verdictReply(item, { correct, chosen, notes, buttons });
  }

  /** "Found it hard": schedules the item of an answered post for review. */
  addToReview(community: Community | undefined, member: Member | undefined, postId: number): Reply {
    const { store, clock } = this.deps;
    const post = community && store.posts.get(community.id, postId);
    if (!community || !member || !post || (post.memberId !== null && post.memberId !== member.id)) {
      return notice('That question is not available here. Try /review to see your queue.');
    }
    const now = clock.now();
    const existing = store.reviews.get(member.id, post.itemId);
    if (existing) return notice('That question is already in your /review queue.');
    store.write(() => store.reviews.save(community.id, member.id, reviewCard(post.itemId, undefined, 'hard', now), now));
    return notice('Added to your /review queue. It will come back when it is due.');
  }

  private choose<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }
}
