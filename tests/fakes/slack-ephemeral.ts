/**
 * Ephemeral messages ("Only visible to you") as Slack keeps them for one member, and what a
 * response_url post does to them. As Slack documents it: a post with `replace_original: true`
 * replaces the message the action came from (ephemeral ones included, which only a
 * response_url can change); any other post is a new message, ephemeral unless
 * `response_type` is `in_channel`.
 */
export interface EphemeralMessage {
  ts: string;
  user: string;
  channel: string;
  text: string;
  blocks: unknown[];
  /** Earlier versions, oldest first: what each replace_original replaced. */
  history: { text: string; blocks: unknown[] }[];
}

/** The message a response_url belongs to: where its action was pressed. */
export interface ResponseSource {
  user: string;
  channel: string;
  ts: string;
}

export class EphemeralMessages {
  private readonly byTs = new Map<string, EphemeralMessage>();
  private counter = 0;

  /** A new ephemeral message for one member; returns its ts. */
  show(user: string, channel: string, body: Record<string, unknown>): string {
    this.counter += 1;
    const ts = `1700000500.${String(this.counter).padStart(6, '0')}`;
    this.byTs.set(ts, { ts, user, channel, text: String(body.text ?? ''), blocks: Array.isArray(body.blocks) ? body.blocks : [], history: [] });
    return ts;
  }

  get(ts: string): EphemeralMessage | undefined {
    return this.byTs.get(ts);
  }

  /** Applies a response_url post; replacing a message the URL does not belong to replaces nothing. */
  respond(source: ResponseSource | undefined, body: Record<string, unknown>): void {
    if (body.replace_original === true) {
      const original = source && this.byTs.get(source.ts);
      if (!original || original.user !== source.user) return;
      original.history.push({ text: original.text, blocks: original.blocks });
      original.text = String(body.text ?? '');
      original.blocks = Array.isArray(body.blocks) ? body.blocks : [];
      return;
    }
    if (source && body.response_type !== 'in_channel') this.show(source.user, source.channel, body);
  }
}
