import { describe, expect, it } from 'vitest';
import { acceptUploads, attachmentLimits, type UploadedPart } from '../fakes/fake-discord-uploads.js';

const part = (index: number, bytes = 10, filename = `c${index}.png`): UploadedPart => ({ index, filename, contentType: 'image/png', data: Buffer.alloc(bytes) });
const embed = (name: string) => [{ title: 't', image: { url: `attachment://${name}` } }];

/** The fake Discord must refuse what Discord refuses, or the e2e tests would prove nothing. */
describe('the fake Discord checks uploads', () => {
  it('accepts a file the embed points at, and stores it as an attachment with its description', () => {
    const result = acceptUploads({ embeds: embed('c0.png'), attachments: [{ id: 0, filename: 'c0.png', description: 'alt' }] }, [part(0)]);
    expect('message' in result && (result.message.attachments as { filename: string; description: string; size: number }[])).toMatchObject([{ filename: 'c0.png', description: 'alt', size: 10 }]);
  });

  it('refuses an embed image that was not uploaded with the message', () => {
    expect(acceptUploads({ embeds: embed('missing.png') }, [part(0)])).toEqual({ problem: expect.stringContaining('attachment://missing.png') });
  });

  it('refuses a file over the size limit, more than ten files, a description over 1024 characters and an attachment id without its part', () => {
    expect(acceptUploads({}, [part(0, attachmentLimits.bytes + 1)])).toEqual({ problem: expect.stringContaining('too large') });
    expect(acceptUploads({}, Array.from({ length: 11 }, (_, i) => part(i)))).toEqual({ problem: expect.stringContaining('10 or fewer') });
    expect(acceptUploads({ attachments: [{ id: 0, description: 'x'.repeat(1025) }] }, [part(0)])).toEqual({ problem: expect.stringContaining('description') });
    expect(acceptUploads({ attachments: [{ id: 1 }] }, [part(0)])).toEqual({ problem: expect.stringContaining('files[1]') });
  });

  it("keeps an edited message's attachments unless the edit lists which to keep", () => {
    const old = [{ id: '99', filename: 'old.png' }];
    const untouched = acceptUploads({ embeds: embed('old.png') }, [], old);
    expect('message' in untouched).toBe(true);
    expect(acceptUploads({ embeds: embed('old.png'), attachments: [] }, [], old)).toEqual({ problem: expect.stringContaining('attachment://old.png') });
  });
});
