import type { webApi } from '@slack/bolt';
import type { ImageBlock, Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { renderPng } from '../chart-png.js';

/** Slack's limit on a file's alt text (files.getUploadURLExternal's alt_txt). */
const maxAltText = 1000;

/**
 * Shares a public reply's chart in the thread of the message it belongs to, with Slack's
 * external upload flow: files.getUploadURLExternal, the bytes POSTed to the URL it returns,
 * then files.completeUploadExternal with the channel and thread. The message already says
 * the same numbers in text, so a failed upload is logged and never fails the post.
 */
export async function shareChart(client: webApi.WebClient, reply: Reply, channelId: string, threadTs: string, log: Logger): Promise<void> {
  const image = reply.blocks.find((b): b is ImageBlock => b.type === 'image');
  if (!image) return;
  try {
    const png = await renderPng(image.svg);
    const reserved = (await client.apiCall('files.getUploadURLExternal', {
      filename: image.name,
      length: png.byteLength,
      alt_txt: image.alt.slice(0, maxAltText),
    })) as { upload_url?: string; file_id?: string };
    if (!reserved.upload_url || !reserved.file_id) throw new Error('files.getUploadURLExternal returned no upload_url');
    const uploaded = await fetch(reserved.upload_url, { method: 'POST', body: png, headers: { 'content-type': 'application/octet-stream' } });
    if (!uploaded.ok) throw new Error(`the upload URL answered ${uploaded.status}`);
    await client.files.completeUploadExternal({ files: [{ id: reserved.file_id, title: image.alt.split(':')[0] ?? image.name }], channel_id: channelId, thread_ts: threadTs });
  } catch (error) {
    log.warn({ err: error, channelId, chart: image.name }, 'slack: sharing a chart failed; the message has the same numbers in text');
  }
}
