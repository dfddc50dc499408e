/** One limit a call must respect: calls sharing `key` start at least `gapMs` apart. */
export type Lane = readonly [key: string, gapMs: number];

/**
 * Spaces a poster's calls to a platform's documented limits. At the top of the hour the
 * daily quiz makes many calls at once; sent in bursts they would meet 429s (Slack), or arrive
 * at the edge of the platform's counting window all together (Discord). A call waits for its
 * turn in every lane it belongs to (a channel, a method, the bot as a whole); turns are handed
 * out in order, so nothing starves.
 */
export class Pacer {
  /** Per lane: the last call's turn, which the next one waits behind, and when the next call is due. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly due = new Map<string, number>();

  constructor(
    /**
     * How far a lane may fall behind its schedule and catch up in a rush: after the event loop
     * was held up, at most this much of the backlog goes out at once; the rest of the lost
     * time is given up rather than sent as a burst.
     */
    private readonly catchUpMs = 50,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when a call in these lanes may start. */
  async turn(lanes: readonly Lane[]): Promise<void> {
    for (const [key, gap] of lanes) await this.pass(key, gap);
  }

  /** Waits behind the lane's previous call, then until the lane's next slot (measured when the turn comes, not booked ahead). */
  private pass(key: string, gap: number): Promise<void> {
    const queued = this.tails.get(key);
    // Only a lane with calls waiting can be behind; an idle one starts afresh.
    const mine = (queued ?? Promise.resolve()).then(async () => {
      const at = Math.max(this.due.get(key) ?? Number.NEGATIVE_INFINITY, this.now() - (queued ? this.catchUpMs : 0));
      this.due.set(key, at + gap);
      const wait = at - this.now();
      if (wait > 0) await this.sleep(wait);
    });
    this.tails.set(key, mine);
    void mine.then(() => {
      if (this.tails.get(key) === mine) this.tails.delete(key);
      if (this.due.size > 10_000) this.forgetPast();
    });
    return mine;
  }

  private forgetPast(): void {
    const now = this.now();
    for (const [key, at] of this.due) if (at < now && !this.tails.has(key)) this.due.delete(key);
  }
}

/** Slack: about one message a second per channel; Tier 3 methods about 50 a minute per workspace. */
export function slackLanes(method: string, channel: string): Lane[] {
  const tier3 = method === 'chat.update' || method === 'conversations.history';
  return tier3 ? [[`channel:${channel}`, 1_000], [`method:${method}`, 1_200]] : [[`channel:${channel}`, 1_000]];
}
