import type { Reply } from '../core/reply.js';

/**
 * What the daily quiz needs from a platform: post a reply in a channel, and edit it later
 * (to update the answer count and to reveal the answer). Each adapter implements it.
 */
export interface Poster {
  /** Posts publicly in a channel; returns the platform's reference to the message. */
  post(channelId: string, reply: Reply): Promise<string>;
  /** Replaces a posted message. */
  edit(channelId: string, messageRef: string, reply: Reply): Promise<void>;
  /**
   * Optional: the reference of a recent message of ours in the channel whose choices carry
   * the choices block action `answerAction` (the core's `isChoiceOf` tells its buttons apart,
   * however the adapter lays them out), or undefined when there is none.
   * The daily quiz asks before retrying a post whose earlier attempt may have reached the
   * platform without our hearing back (a timeout, or a crash before we stored the reference),
   * so such a retry adopts the existing message instead of posting a second one.
   */
  findPost?(channelId: string, answerAction: string): Promise<string | undefined>;
}
