import type { IncomingMessage } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { snowflake, type Json } from './fake-discord-payloads.js';
import type { FakeState } from './fake-discord-state.js';

/** One `files[n]` part of a multipart request. */
export interface UploadedPart {
  index: number;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Discord's documented limits on message attachments (default upload limit 10 MiB). */
export const attachmentLimits = { files: 10, bytes: 10 * 1024 * 1024, description: 1024 } as const;

/** Bytes of every attachment the fake accepted, by attachment id: tests decode them. */
export const uploadedBytes = new Map<string, Buffer>();

/**
 * A REST body as Discord reads it: JSON, or multipart/form-data with the JSON in a
 * `payload_json` part and each file in a `files[n]` part ("Uploading Files" in Discord's docs).
 */
export async function readRestBody(req: IncomingMessage): Promise<{ raw: string; parts: UploadedPart[] }> {
  const bytes = await buffer(req);
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
  if (!boundary) return { raw: bytes.toString('utf8'), parts: [] };
  let raw = '';
  const parts: UploadedPart[] = [];
  for (const part of splitMultipart(bytes, boundary[1] ?? boundary[2] ?? '')) {
    const name = /name="([^"]+)"/.exec(part.headers)?.[1] ?? '';
    const file = /^files\[(\d+)\]$/.exec(name);
    if (name === 'payload_json') raw = part.data.toString('utf8');
    else if (file) {
      parts.push({
        index: Number(file[1]),
        filename: /filename="([^"]*)"/.exec(part.headers)?.[1] ?? '',
        contentType: /content-type:\s*([^\r\n]+)/i.exec(part.headers)?.[1] ?? 'application/octet-stream',
        data: part.data,
      });
    }
  }
  return { raw, parts };
}

/**
 * Checks a message body's uploads as Discord does, and turns `attachments` into what Discord
 * stores (ids, sizes, urls). `message` is the message object: the body itself, or an
 * interaction callback's `data`. Returns a problem for a 400, or the message to store.
 * Stricter than Discord in one place: an embed pointing at `attachment://x` that was not
 * uploaded is refused (Discord would show an empty image), so a test sees the mistake.
 */
export function acceptUploads(message: Json, parts: readonly UploadedPart[], kept: readonly Json[] = []): { problem: string } | { message: Json } {
  if (parts.length > attachmentLimits.files) return { problem: `files: must be ${attachmentLimits.files} or fewer in length` };
  const big = parts.find((p) => p.data.length > attachmentLimits.bytes);
  if (big) return { problem: `files[${big.index}]: Request entity too large` };
  const declared = Array.isArray(message.attachments) ? (message.attachments as Json[]) : undefined;
  const stored: Json[] = [];
  for (const part of parts) {
    const entry = declared?.find((a) => String(a.id) === String(part.index));
    const description = typeof entry?.description === 'string' ? entry.description : undefined;
    if (description && description.length > attachmentLimits.description) return { problem: `attachments.${part.index}.description: must be ${attachmentLimits.description} or fewer in length` };
    const id = snowflake();
    const filename = typeof entry?.filename === 'string' ? entry.filename : part.filename;
    uploadedBytes.set(id, part.data);
    stored.push({ id, filename, size: part.data.length, content_type: part.contentType, url: `http://127.0.0.1/attachments/${id}/${filename}`, ...(description ? { description } : {}) });
  }
  for (const entry of declared ?? []) {
    const isNew = parts.some((p) => String(p.index) === String(entry.id));
    const old = kept.find((a) => a.id === String(entry.id));
    if (!isNew && !old) return { problem: `attachments.${String(entry.id)}: no files[${String(entry.id)}] part and no such attachment to keep` };
    if (old) stored.push(old);
  }
  const all = declared === undefined ? [...kept, ...stored] : stored;
  const names = new Set(all.map((a) => String(a.filename)));
  const embeds = Array.isArray(message.embeds) ? (message.embeds as Json[]) : [];
  for (const [i, embed] of embeds.entries()) {
    for (const key of ['image', 'thumbnail'] as const) {
      const url = (embed[key] as Json | undefined)?.url;
      const name = typeof url === 'string' && url.startsWith('attachment://') ? url.slice('attachment://'.length) : undefined;
      if (name !== undefined && !names.has(name)) return { problem: `embeds.${i}.${key}.url: attachment://${name} was not uploaded with this message` };
    }
  }
  return { message: declared === undefined && parts.length === 0 ? message : { ...message, attachments: all } };
}

/**
 * A message body (a channel message, an interaction response or a webhook message) has its
 * uploads checked and its attachments resolved (fake-discord-uploads.ts); other bodies pass.
 */
export function messageUploads(
  state: FakeState,
  method: string,
  path: string,
  body: Json | undefined,
  parts: readonly UploadedPart[],
  /** The permission bits denied to the bot in a channel. */
  botDeny: (channelId: string | undefined) => bigint,
): { problem: string; status?: 403 } | { body: Json } | undefined {
  if (!body || Array.isArray(body) || (method !== 'POST' && method !== 'PATCH')) return undefined;
  const callback = /^\/interactions\/\d+\/[^/]+\/callback$/.test(path);
  const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
  const channelMessage = /^\/channels\/\d+\/messages(?:\/(\d+))?$/.exec(path);
  if (!callback && !webhook && !channelMessage) return undefined;
  const message = callback ? ((body.data ?? {}) as Json) : body;
  const editedId = channelMessage?.[1] ?? (webhook?.[3] === '@original' ? state.byToken.get(webhook[2] ?? '')?.original?.messageId : webhook?.[3]);
  const kept = editedId ? ((state.messages.get(editedId)?.message.attachments as Json[] | undefined) ?? []) : [];
  // Files in a channel message need Attach Files (0x8000); interaction responses and webhooks do not.
  if (channelMessage && parts.length > 0 && botDeny(path.split('/')[2]) & 0x8000n) return { problem: 'Missing Permissions', status: 403 };
  const checked = acceptUploads(message, parts, kept);
  if ('problem' in checked) return checked;
  return { body: callback ? { ...body, data: checked.message } : checked.message };
}

function splitMultipart(body: Buffer, boundary: string): { headers: string; data: Buffer }[] {
  const marker = Buffer.from(`--${boundary}`);
  const out: { headers: string; data: Buffer }[] = [];
  let at = body.indexOf(marker);
  while (at >= 0) {
    const next = body.indexOf(marker, at + marker.length);
    if (next < 0) break;
    const part = body.subarray(at + marker.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) out.push({ headers: part.subarray(0, split).toString('utf8'), data: part.subarray(split + 4) });
    at = next;
  }
  return out;
}
