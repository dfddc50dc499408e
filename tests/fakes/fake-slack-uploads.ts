import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buffer } from 'node:stream/consumers';

/** A file as Slack's external upload flow builds it: reserved, then uploaded, then shared. */
export interface FakeUpload {
  id: string;
  filename: string;
  /** The length promised to files.getUploadURLExternal. */
  length: number;
  altText: string | undefined;
  /** The bytes POSTed to the upload URL; undefined until then. */
  data: Buffer | undefined;
  /** Where files.completeUploadExternal shared it; undefined while private (or not completed). */
  shared: { channel: string; threadTs: string | undefined; title: string } | undefined;
}

/** Slack's documented limit on files.getUploadURLExternal's alt_txt. */
const maxAltText = 1000;

/**
 * Slack's current file upload flow, as documented: files.getUploadURLExternal reserves a file
 * and returns an upload URL (here on the fake's own 127.0.0.1 origin); the client POSTs the
 * bytes there (raw, or multipart); files.completeUploadExternal finishes it and shares it in
 * a channel (or a thread, with thread_ts). The old files.upload is gone and stays unknown.
 */
export class FakeSlackUploads {
  readonly files = new Map<string, FakeUpload>();

  constructor(
    private readonly origin: () => string,
    /** Why sharing in this channel would fail (unknown, private without the bot), or undefined. */
    private readonly channelProblem: (channel: string) => string | undefined,
  ) {}

  /** Files shared in a channel, in the order they were completed. */
  shared(channel?: string): FakeUpload[] {
    return [...this.files.values()].filter((f) => f.shared && (channel === undefined || f.shared.channel === channel));
  }

  /** Answers the two Web API methods of the flow; undefined for any other method. */
  answer(method: string, args: Record<string, unknown>): Record<string, unknown> | undefined {
    if (method === 'files.getUploadURLExternal') return this.reserve(args);
    if (method === 'files.completeUploadExternal') return this.complete(args);
    return undefined;
  }

  /** The upload URL's POST: the body is the file, as raw bytes. */
  async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = /^\/upload\/([A-Z0-9]+)$/.exec(req.url ?? '')?.[1];
    const file = id ? this.files.get(id) : undefined;
    const body = await buffer(req);
    if (!file || req.method !== 'POST' || file.data) {
      res.writeHead(404).end('not found');
      return;
    }
    const data = multipartFile(body, req.headers['content-type']) ?? body;
    if (data.length !== file.length) {
      res.writeHead(400).end(`length ${data.length} is not the ${file.length} bytes reserved`);
      return;
    }
    file.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
  }

  private reserve(args: Record<string, unknown>): Record<string, unknown> {
    const filename = typeof args.filename === 'string' ? args.filename : '';
    const length = Number(args.length);
    const altText = typeof args.alt_txt === 'string' ? args.alt_txt : typeof args.alt_text === 'string' ? args.alt_text : undefined;
    if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'missing_argument' };
    if (altText !== undefined && altText.length > maxAltText) return { ok: false, error: 'alt_txt_too_large' };
    const id = `F${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    this.files.set(id, { id, filename, length, altText, data: undefined, shared: undefined });
    return { ok: true, upload_url: `${this.origin()}/upload/${id}`, file_id: id };
  }

  private complete(args: Record<string, unknown>): Record<string, unknown> {
    const list = parseJson(args.files);
    if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'invalid_arguments' };
    const channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    if (threadTs && !channel) return { ok: false, error: 'invalid_arguments' };
    const problem = channel ? this.channelProblem(channel) : undefined;
    if (problem) return { ok: false, error: problem };
    const done: FakeUpload[] = [];
    for (const entry of list as { id?: unknown; title?: unknown }[]) {
      const file = typeof entry.id === 'string' ? this.files.get(entry.id) : undefined;
      // A file whose bytes never arrived cannot be completed.
      if (!file || !file.data) return { ok: false, error: 'file_not_found' };
      done.push(file);
      if (channel) file.shared = { channel, threadTs, title: typeof entry.title === 'string' ? entry.title : file.filename };
    }
    return { ok: true, files: done.map((f) => ({ id: f.id, name: f.filename, title: f.shared?.title ?? f.filename, size: f.length })) };
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The first file part of a multipart body, or undefined when the body is not multipart. */
function multipartFile(body: Buffer, contentType: string | undefined): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!contentType?.startsWith('multipart/form-data') || !boundary) return undefined;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(marker);
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(marker, headersEnd);
  if (start < 0 || headersEnd < 0 || end < 0) return undefined;
  return body.subarray(headersEnd + 4, end - 2);
}
