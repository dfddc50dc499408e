import type { RawFile } from 'discord.js';
import type { Block, Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { renderPng } from '../chart-png.js';
import { clip } from './render.js';

/** A picture to upload with a message; the embed shows it as `attachment://name`. */
export interface DiscordFile {
  name: string;
  data: Buffer;
  /** Discord's alt text for an attachment: at most 1024 characters. */
  description: string;
}

/** A reply ready to send: its pictures drawn, or dropped (and logged) if drawing failed. */
export interface Prepared {
  reply: Reply;
  files: DiscordFile[];
}

/**
 * Draws the reply's picture. An embed shows one image, so only the first image block is
 * kept. If drawing fails the reply goes without it: its text carries the same numbers.
 */
export async function prepareFiles(reply: Reply, log: Logger): Promise<Prepared> {
  const image = reply.blocks.find((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
  if (!image) return { reply, files: [] };
  const others = reply.blocks.filter((b) => b.type !== 'image' || b === image);
  try {
    const data = Buffer.from(await renderPng(image.svg));
    return { reply: { ...reply, blocks: others }, files: [{ name: image.name, data, description: clip(image.alt, 1024) }] };
  } catch (error) {
    log.warn({ err: error, chart: image.name }, 'drawing a chart failed; sending the reply without it');
    return { reply: { ...reply, blocks: reply.blocks.filter((b) => b.type !== 'image') }, files: [] };
  }
}

/** The files as discord.js message options take them (it writes `attachments` itself). */
export function clientFiles(files: readonly DiscordFile[]): { attachment: Buffer; name: string; description: string }[] {
  return files.map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
}

/**
 * For a raw REST call: the body's `attachments` (id n is the multipart part `files[n]`) and
 * the files. On an edit the list also says which attachments to keep: none of the old ones,
 * so a refreshed picture replaces the previous one instead of piling up.
 */
export function restFiles(files: readonly DiscordFile[]): { attachments: { id: number; filename: string; description: string }[]; files: RawFile[] } {
  return {
    attachments: files.map((f, id) => ({ id, filename: f.name, description: f.description })),
    files: files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })),
  };
}
