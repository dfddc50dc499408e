import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { ResponseLike } from 'discord.js';
import type { Logger } from '../../log.js';
import type { OpsRoutes } from '../../ops/ops-routes.js';
import type { CallbackSink } from './rest-options.js';
import { checkSignature, discordPublicKey } from './signature.js';

/** Larger than any interaction Discord sends (a press carries its whole message, at most a few KB); bigger bodies are refused unread. */
export const maxBodyBytes = 256 * 1024;
const pingType = 1;

export interface EndpointOptions {
  /** The application's public key (hex), from the Developer Portal's General Information. */
  publicKey: string;
  port: number;
  host?: string;
  log: Logger;
  /** Handles one verified interaction; its response reaches Discord through `sink`. Resolves when done. */
  receive: (payload: Record<string, unknown>) => Promise<void>;
  /** GET /healthz and /metrics. */
  ops?: OpsRoutes;
  now?: () => number;
}

/**
 * Discord's "Interactions Endpoint URL": Discord POSTs each command, autocomplete and press
 * here, signed with the application's Ed25519 key, and takes the HTTP response as the
 * interaction's first response. The interaction is handled exactly as one from the gateway
 * (interactions.ts); when it answers, discord.js's callback request is caught by `sink` and
 * becomes this HTTP response. A deferral ("thinking…") answers the HTTP request and the reply
 * follows over REST, as on the gateway. Nothing is kept between requests, so any number of
 * processes can serve one bot behind a load balancer.
 */
export class InteractionsEndpoint {
  private readonly key: KeyObject;
  private readonly server: Server;
  /** HTTP requests still waiting for their interaction's first response, by interaction id. */
  private readonly waiting = new Map<string, (body: string) => void>();
  private readonly now: () => number;

  constructor(private readonly options: EndpointOptions) {
    this.key = discordPublicKey(options.publicKey);
    this.now = options.now ?? Date.now;
    this.server = createServer((req, res) => this.request(req, res));
  }

  /** Catches discord.js's POST /interactions/{id}/{token}/callback for an interaction whose HTTP request is still open. */
  readonly sink: CallbackSink = (url, body): ResponseLike | undefined => {
    const id = /\/interactions\/(\d+)\/[^/?]+\/callback(?:\?|$)/.exec(url)?.[1];
    const respond = id === undefined ? undefined : this.waiting.get(id);
    if (!id || !respond) return undefined;
    this.waiting.delete(id);
    respond(body);
    return new Response(null, { status: 204 });
  };

  /** Listens; resolves with the port (useful when 0 asked for any free one). */
  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** The port listened on, once started. */
  port: number | undefined;

  async stop(): Promise<void> {
    this.server.closeIdleConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    if (this.options.ops?.handle(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/interactions') return void plain(res, 404, 'not found: Discord posts to /interactions');
    if (req.method !== 'POST') return void plain(res, 405, 'POST only');
    void this.interaction(req, res).catch((error: unknown) => {
      this.options.log.error({ err: error }, 'discord interactions endpoint failed');
      if (!res.headersSent) plain(res, 500, 'internal error');
    });
  }

  private async interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readCapped(req);
    if (!body) return plain(res, 413, `body larger than ${maxBodyBytes} bytes`);
    const verdict = checkSignature(this.key, header(req, 'x-signature-ed25519'), header(req, 'x-signature-timestamp'), body, this.now());
    if (verdict !== 'ok') {
      this.options.log.warn({ verdict, from: req.socket.remoteAddress }, 'refused an interaction request: signature missing, stale or wrong');
      return plain(res, 401, 'invalid request signature');
    }
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return plain(res, 400, 'body is not JSON');
    }
    if (payload.type === pingType) return json(res, JSON.stringify({ type: pingType }));
    if (typeof payload.id !== 'string') return plain(res, 400, 'an interaction needs an id');
    const id = payload.id;
    this.waiting.set(id, (reply) => json(res, reply));
    try {
      // Resolves once the interaction is fully handled: by then its first response has come through sink, if ever.
      await this.options.receive(payload);
    } catch (error) {
      this.options.log.error({ err: error, interaction: id }, 'discord interaction failed');
    }
    if (this.waiting.delete(id)) plain(res, 500, 'the interaction was not answered');
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The whole body, or undefined as soon as it passes maxBodyBytes (declared or actual); the rest is drained unread. */
function readCapped(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        chunks.length = 0;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}
