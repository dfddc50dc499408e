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
}
