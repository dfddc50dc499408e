import type { Poster } from '../../src/adapters/poster.js';
import type { Reply } from '../../src/core/reply.js';
import type { Clock } from '../../src/core/time.js';

export interface Delivery {
  channelId: string;
  ref: string;
  reply: Reply;
  /** The clock's time when the platform took it. */
  at: number;
}

/** What the next call does instead of succeeding. */
export type Failure =
  /** Throws before the platform took anything. */
  | { type: 'throw'; error: Error }
  /** The platform takes the post, then the call fails anyway (a timeout after delivery). */
  | { type: 'accept-then-throw'; error: Error };

/**
 * Stands in for a platform (not for the store): it keeps the channel's messages as the
 * platform would, records every call, and fails on request.
 */
export class RecordingPoster implements Poster {
  readonly posts: Delivery[] = [];
  readonly edits: Delivery[] = [];
  /** The platform's view: each message's latest content. */
  readonly messages = new Map<string, Delivery>();
  readonly postFailures: Failure[] = [];
  readonly editFailures: Failure[] = [];
  /** Successful calls in order: "post m1", "edit m1". */
  readonly sequence: string[] = [];
  calls = 0;
  private next = 0;

  constructor(private readonly options: { canFind?: boolean; clock?: Clock } = {}) {
    if (!options.canFind) this.findPost = undefined;
  }

  async post(channelId: string, reply: Reply): Promise<string> {
    this.calls += 1;
    const failure = this.postFailures.shift();
    if (failure?.type === 'throw') throw failure.error;
    this.next += 1;
    const delivery = { channelId, ref: `m${this.next}`, reply, at: this.now() };
    this.posts.push(delivery);
    this.sequence.push(`post ${delivery.ref}`);
    this.messages.set(delivery.ref, delivery);
    if (failure?.type === 'accept-then-throw') throw failure.error;
    return delivery.ref;
  }

  async edit(channelId: string, ref: string, reply: Reply): Promise<void> {
    this.calls += 1;
    const failure = this.editFailures.shift();
    if (failure) throw failure.error;
    const message = this.messages.get(ref);
    if (!message || message.channelId !== channelId) throw Object.assign(new Error(`no message ${ref} in ${channelId}`), { permanent: true });
    const delivery = { channelId, ref, reply, at: this.now() };
    this.edits.push(delivery);
    this.sequence.push(`edit ${ref}`);
    this.messages.set(ref, delivery);
  }

  findPost?: (channelId: string, answerAction: string) => Promise<string | undefined> = async (channelId, answerAction) => {
    for (const m of this.messages.values()) {
      if (m.channelId === channelId && m.reply.blocks.some((b) => b.type === 'choices' && b.action === answerAction)) return m.ref;
    }
    return undefined;
  };

  private now(): number {
    return this.options.clock?.now() ?? 0;
  }

  /** Posts in one channel, in order. */
  postsIn(channelId: string): Delivery[] {
    return this.posts.filter((p) => p.channelId === channelId);
  }

  /** The answer action a posted question carries ("ans:<postId>"). */
  static answerActionOf(reply: Reply): string | undefined {
    const block = reply.blocks.find((b) => b.type === 'choices');
    return block?.type === 'choices' ? block.action : undefined;
  }
}
