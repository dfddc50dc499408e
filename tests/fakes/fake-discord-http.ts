import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Json } from './fake-discord-payloads.js';
import { interactionCallback } from './fake-discord-rest.js';
import type { FakeState, InteractionRecord } from './fake-discord-state.js';

/** What the bot's endpoint answered to one POST. */
export interface EndpointAnswer {
  status: number;
  body: string;
}

export interface SendOptions {
  /** X-Signature-Timestamp in seconds; now when left out. */
  timestamp?: number;
  /** Sign with another key (a forger's), or send no signature at all. */
  signature?: 'wrong-key' | 'none';
  /** Change the body after signing it. */
  tamper?: boolean;
}

/**
 * Discord's outgoing half of the Interactions Endpoint URL: each interaction is POSTed as
 * JSON, signed with the application's Ed25519 key (X-Signature-Ed25519 over
 * X-Signature-Timestamp + body). The HTTP response is the interaction's first response and
 * is checked exactly as a POST to /interactions/{id}/{token}/callback would be. Several
 * endpoint URLs are served in turn, as a load balancer in front of several processes would.
 */
export class FakeInteractionsSender {
  /** The application's public key as the Developer Portal shows it: 64 hex characters. */
  readonly publicKey: string;
  private readonly privateKey: KeyObject;
  private readonly forgerKey: KeyObject = generateKeyPairSync('ed25519').privateKey;
  private urls: string[] = [];
  private turn = 0;
  /** Every answer, by the URL that gave it. */
  readonly answers: Array<{ url: string; status: number }> = [];

  constructor(private readonly state: FakeState) {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: 'jwk' });
    this.publicKey = Buffer.from(String(jwk.x), 'base64url').toString('hex');
  }

  get active(): boolean {
    return this.urls.length > 0;
  }

  use(urls: string[]): void {
    this.urls = urls;
  }

  /** POSTs a raw body to the next endpoint, signed as asked. */
  async send(body: string, options: SendOptions = {}): Promise<EndpointAnswer & { url: string }> {
    const url = this.urls[this.turn % this.urls.length];
    if (!url) throw new Error('fake discord: no interactions endpoint set');
    this.turn += 1;
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const key = options.signature === 'wrong-key' ? this.forgerKey : this.privateKey;
    const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
    const sent = options.tamper ? body.replace(/}$/, ',"x":1}') : body;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
    if (options.signature !== 'none') Object.assign(headers, { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp });
    const response = await fetch(url, { method: 'POST', headers, body: sent });
    const answer = { url, status: response.status, body: await response.text() };
    this.answers.push({ url, status: answer.status });
    return answer;
  }

  /** Delivers an interaction; a 200 answer is taken as its first response, as Discord takes it. */
  async deliver(record: InteractionRecord, payload: Json): Promise<void> {
    const answer = await this.send(JSON.stringify(payload)).catch((error: unknown) => ({ url: '', status: 0, body: String(error) }));
    record.httpStatus = answer.status;
    if (answer.status === 200) {
      let body: Json | undefined;
      try {
        body = JSON.parse(answer.body) as Json;
      } catch {
        body = undefined;
      }
      const accepted = interactionCallback({ state: this.state, method: 'POST', params: [record.id, record.token], query: {}, body, authorized: false });
      if (accepted.status >= 400) this.state.invalidBodies.push(`HTTP response to interaction ${record.id}: ${JSON.stringify(accepted.body)}`);
    }
    this.state.changed();
  }
}
