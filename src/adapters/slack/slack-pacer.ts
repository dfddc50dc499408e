/** Slack's documented pace for the daily quiz's calls: per channel, and per method across the workspace. */
export interface SlackPace {
  /** chat.postMessage and chat.update: about one message per second per channel. */
  perChannelMs: number;
  /** Least spacing of one method's calls across the workspace, by method (Tier 3 methods: 50 a minute). */
  perMethodMs: Readonly<Record<string, number>>;
}

export const slackPace: SlackPace = {
  perChannelMs: 1_000,
  perMethodMs: { 'chat.update': 1_200, 'conversations.history': 1_200 },
};

/**
 * Spaces the daily quiz's Web API calls to Slack's limits for one workspace (this adapter
 * holds one workspace's token): at the top of the hour the daily quiz makes many calls at
 * once, and without pacing Slack would answer a burst of 429s. A call waits for its turn
 * on its channel and on its method; turns are handed out in order, so nothing starves.
 */
export class SlackPacer {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly pace: SlackPace = slackPace,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when `method` may be called for `channel`. */
  async turn(method: string, channel: string): Promise<void> {
    const keys: Array<[string, number]> = [[`channel:${channel}`, this.pace.perChannelMs]];
    const methodGap = this.pace.perMethodMs[method];
    if (methodGap !== undefined) keys.push([`method:${method}`, methodGap]);
    const now = this.now();
    const at = Math.max(now, ...keys.map(([key]) => this.nextAt.get(key) ?? 0));
    for (const [key, gap] of keys) this.nextAt.set(key, at + gap);
    if (this.nextAt.size > 10_000) this.forgetPast(now);
    if (at > now) await this.sleep(at - now);
  }

  private forgetPast(now: number): void {
    for (const [key, at] of this.nextAt) if (at <= now) this.nextAt.delete(key);
  }
}
