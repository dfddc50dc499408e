import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import type { Logger } from '../../log.js';
import { bodyProblem } from './payloads.js';
import { SeenRequests, signatureWindowSeconds } from './seen-requests.js';

/**
 * The largest body taken from Slack. A slash command is a few hundred bytes plus its text;
 * a button press (block_actions) also carries the whole message or App Home view the button
 * sits on. The largest we send, a topic card, makes a 12 KB press form-encoded
 * (tests/e2e/slack-http-guard.test.ts measures it; SHOW_SIZES=1 prints it). 256 KB is
 * twenty times that and still holds a message at Block Kit's own maximum (50 sections of
 * 3,000 characters); it is a sixteenth of Bolt's default 4 MB.
 */
export const maxBodyBytes = 256 * 1024;
/** Bodies being read at once, all requests together: what an attack can make us hold. */
export const maxBufferedBytes = 4 * 1024 * 1024;
/** A body that has not arrived by then is not coming from Slack. */
const readTimeoutMs = 10_000;

export interface GuardOptions {
  signingSecret: string;
  log: Logger;
  path?: string;
  maxBodyBytes?: number;
  maxBufferedBytes?: number;
  seen?: SeenRequests;
  now?: () => number;
}

interface Signed {
  timestamp: number;
  signature: Buffer;
}

/**
 * Stands in front of Bolt's HTTP receiver on /slack/events. Bolt reads up to 4 MB of any
 * body before it checks the signature; here a request without a well-formed, fresh signature
 * is refused from its headers alone, a declared size over the limit before a byte is read,
 * and the body is hashed as it streams in, never past the limit, within a budget shared by
 * all requests. Only a signed, new, well-formed body reaches Bolt, already buffered, so Bolt
 * does not read it again.
 */
export function guardSlackRequests(inner: RequestListener, options: GuardOptions): RequestListener {
  const guard = new RequestGuard(options);
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== (options.path ?? '/slack/events')) {
      inner(req, res);
      return;
    }
    guard
      .screen(req, res)
      .then((pass) => {
        if (pass) inner(req, res);
      })
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'slack request guard failed');
        refuse(res, 500);
      });
  };
}

class RequestGuard {
  private buffered = 0;
  private readonly seen: SeenRequests;
  private readonly limit: number;
  private readonly budget: number;
  private readonly now: () => number;
  private readonly quiet = new QuietWarnings();

  constructor(private readonly options: GuardOptions) {
    this.seen = options.seen ?? new SeenRequests();
    this.limit = options.maxBodyBytes ?? maxBodyBytes;
    this.budget = options.maxBufferedBytes ?? maxBufferedBytes;
    this.now = options.now ?? Date.now;
  }

  /** True when the request may go on to Bolt (its body is then in req.rawBody); otherwise it has been answered. */
  async screen(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const signed = signatureOf(req, this.now());
    if (!signed) return this.refuseUnsigned(req, res);
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > this.limit) return this.refuse(res, 413, 'a request body over the size limit was refused unread');
    const reserve = Number.isFinite(declared) ? declared : this.limit;
    if (this.buffered + reserve > this.budget) return this.refuse(res, 503, 'too many request bodies at once; a request was refused');
    this.buffered += reserve;
    let body: Buffer | 'too large' | undefined;
    try {
      body = await readBody(req, this.limit, createHmac('sha256', this.options.signingSecret).update(`v0:${signed.timestamp}:`), signed.signature);
    } finally {
      this.buffered -= reserve;
    }
    if (body === 'too large') return this.refuse(res, 413, 'a request body over the size limit was refused');
    if (body === undefined) return this.refuse(res, 401, 'a request whose signature does not match its body was refused');
    return this.admit(req, res, body, signed);
  }

  private admit(req: IncomingMessage, res: ServerResponse, body: Buffer, signed: Signed): boolean {
    const seen = this.seen.remember(body, signed.timestamp, this.now());
    if (seen === 'full') return this.refuse(res, 503, 'the replay table is full; a request was refused');
    if (seen === 'seen') {
      // Slack's own retry of a request already taken: acknowledge it, so Slack stops, and run nothing.
      if (req.headers['x-slack-retry-num'] !== undefined) {
        res.writeHead(200, { 'x-slack-no-retry': '1' }).end();
        return false;
      }
      this.options.log.warn({ timestamp: signed.timestamp }, 'slack request replayed within its signature window; refused');
      refuse(res, 401);
      return false;
    }
    const [parsed, form] = parsedBody(req, body);
    const problem = form === 'ssl_check' ? undefined : bodyProblem(parsed, form);
    if (problem) {
      this.options.log.warn({ problem }, 'slack sent a signed request Slack would never send; refused with 400');
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`Bad request: ${problem}`);
      return false;
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    return true;
  }

  /** Slack's ssl_check is the one request it may send unsigned: a tiny form, answered without running anything. */
  private async refuseUnsigned(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const small = Number(req.headers['content-length'] ?? Number.NaN) <= 512;
    if (small && req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const body = await readBody(req, 512);
      if (Buffer.isBuffer(body) && parse(body.toString('utf8')).ssl_check === '1') {
        res.writeHead(200).end();
        return false;
      }
    }
    return this.refuse(res, 401, 'a request without a valid, fresh signature was refused unread');
  }

  private refuse(res: ServerResponse, status: number, why: string): false {
    this.quiet.warn(this.options.log, why, this.now());
    refuse(res, status);
    return false;
  }
}

/** The signature headers, when well-formed and within Slack's five minutes either way. */
function signatureOf(req: IncomingMessage, nowMs: number): Signed | undefined {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return undefined;
  if (!/^v0=[0-9a-f]{64}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return undefined;
  const seconds = Number(timestamp);
  if (Math.abs(nowMs / 1000 - seconds) > signatureWindowSeconds) return undefined;
  return { timestamp: seconds, signature: Buffer.from(signature.slice(3), 'hex') };
}

/**
 * Reads a body of at most `limit` bytes. With an HMAC, it is fed as the body streams in and
 * the body is returned only if it matches the signature (undefined otherwise). 'too large'
 * when the body passes the limit: it is then drained unread, never held.
 */
function readBody(req: IncomingMessage, limit: number, hmac?: ReturnType<typeof createHmac>, signature?: Buffer): Promise<Buffer | 'too large' | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: Buffer | 'too large' | undefined): void => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(value);
    };
    const timer = setTimeout(() => {
      done(undefined);
      req.destroy();
    }, readTimeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        done('too large');
        req.resume();
        return;
      }
      hmac?.update(chunk);
      chunks.push(chunk);
    });
    req.once('end', () => {
      const body = Buffer.concat(chunks);
      if (!hmac || !signature) return done(body);
      const expected = hmac.digest();
      done(expected.length === signature.length && timingSafeEqual(expected, signature) ? body : undefined);
    });
    req.once('error', () => done(undefined));
  });
}

/** The body as Bolt will parse it: a form (an interaction's JSON in `payload`) or JSON. */
function parsedBody(req: IncomingMessage, body: Buffer): [unknown, 'command' | 'json' | 'ssl_check'] {
  const text = body.toString('utf8');
  try {
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const fields = parse(text);
      if (fields.ssl_check === '1') return [undefined, 'ssl_check'];
      if (typeof fields.payload === 'string') return [JSON.parse(fields.payload), 'json'];
      return [{ ...fields }, 'command'];
    }
    return [JSON.parse(text), 'json'];
  } catch {
    return [undefined, 'json'];
  }
}

/** Closes the connection too: the rest of an unread body is dropped by the kernel, never read in. */
function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { connection: 'close', ...(status === 503 ? { 'retry-after': '1' } : {}) }).end();
}

/** Refusals come in floods during an attack: one warning a minute, with how many there were. */
class QuietWarnings {
  private count = 0;
  private last = Number.NEGATIVE_INFINITY;
  warn(log: Logger, why: string, nowMs: number): void {
    this.count += 1;
    if (nowMs - this.last < 60_000) return;
    log.warn({ refused: this.count }, `slack HTTP: ${why}`);
    this.count = 0;
    this.last = nowMs;
  }
}
