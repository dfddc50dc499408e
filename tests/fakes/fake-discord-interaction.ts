import type { FakeDiscord } from './fake-discord.js';
import type { Json } from './fake-discord-payloads.js';
import type { InteractionRecord } from './fake-discord-state.js';
import { viewMessage, type MessageView } from './fake-discord-view.js';

/** What the member ends up seeing for an interaction, and how it got there. */
export interface ReplyView extends MessageView {
  /** The bot deferred first ("thinking…") and filled the reply in later. */
  deferred: boolean;
}

/** One interaction the fake dispatched, with ways to wait for what the bot did about it. */
export class FakeInteraction {
  constructor(
    private readonly fake: FakeDiscord,
    readonly record: InteractionRecord,
    readonly payload: Json,
  ) {}

  get id(): string {
    return this.record.id;
  }

  /** The initial response Discord accepted: { type, data }. */
  response(): Promise<Json> {
    return this.fake.waitFor(() => this.record.callbacks[0], `a response to interaction ${this.id}`);
  }

  /** Autocomplete choices the bot answered with. */
  async choices(): Promise<Array<{ name: string; value: string }>> {
    await this.response();
    return (this.record.choices ?? []).map((c) => ({ name: String(c.name), value: String(c.value) }));
  }

  /**
   * The reply the member sees: the message of a type-4 response, or for a deferred one
   * the edited original, or the private follow-up that replaced it.
   */
  reply(): Promise<ReplyView> {
    return this.fake.waitFor(() => {
      const original = this.record.original;
      if (!original) return undefined;
      if (original.deferred && !original.edited && !(original.deleted && this.record.followups.length > 0)) return undefined;
      const id = original.deleted ? this.record.followups[0] : original.messageId;
      const stored = id ? this.fake.message(id) : undefined;
      return stored ? { ...viewMessage(stored.message), deferred: original.deferred } : undefined;
    }, `the reply to interaction ${this.id}`);
  }
}
