import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/core/content/load.js';
import { loadContentWithSnapshot, writeContentSnapshot } from '../../src/core/content/snapshot.js';

describe('the build-time content snapshot', () => {
  let dir: string;
  let content: string;
  let snapshot: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-snapshot-'));
    content = join(dir, 'content');
    cpSync(join(process.cwd(), 'content'), content, { recursive: true });
    snapshot = join(dir, 'content-snapshot.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Rewrites the stored bundle (key untouched), so a test can tell whether the snapshot was used. */
  const markSnapshot = (): void => {
    const stored = JSON.parse(readFileSync(snapshot, 'utf8')) as { key: string; bundle: { topics: { id: string; title: string }[] } };
    stored.bundle.topics.find((t) => t.id === 'fargate')!.title = 'from the snapshot';
    writeFileSync(snapshot, JSON.stringify(stored));
  };
  const fargateTitle = (): string => loadContentWithSnapshot(content, snapshot).topics.find((t) => t.id === 'fargate')!.title;

  it('holds exactly what reading and validating the files gives', () => {
    const written = writeContentSnapshot(content, snapshot);
    expect(written).toEqual(loadContent(content));
    expect(loadContentWithSnapshot(content, snapshot)).toEqual(loadContent(content));
  });

  it('is used while every file is unchanged', () => {
    writeContentSnapshot(content, snapshot);
    markSnapshot();
    expect(fargateTitle()).toBe('from the snapshot');
  });

  it('is ignored once a file is edited, added or removed, so content changes always show', () => {
    writeContentSnapshot(content, snapshot);
    markSnapshot();
    const file = join(content, 'topics', 'fargate.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Fargate, edited'));
    expect(fargateTitle()).toBe('Fargate, edited');

    writeContentSnapshot(content, snapshot);
    markSnapshot();
    writeFileSync(join(content, 'quiz', 'notes.txt'), 'not content: ignored by the loader and by the key');
    expect(fargateTitle()).toBe('from the snapshot');
    unlinkSync(join(content, 'quiz', 'lightsail.yaml'));
    const after = loadContentWithSnapshot(content, snapshot);
    expect(after.topics.find((t) => t.id === 'fargate')!.title).not.toBe('from the snapshot');
    expect(after.items.some((i) => i.topic === 'lightsail')).toBe(false);
  });

  it('falls back to the files when the snapshot is missing or unreadable', () => {
    expect(fargateTitle()).toBe(loadContent(content).topics.find((t) => t.id === 'fargate')!.title);
    writeFileSync(snapshot, '{"key": "truncated');
    expect(loadContentWithSnapshot(content, snapshot)).toEqual(loadContent(content));
  });

  it('is not written for invalid content, which fails as start-up would', () => {
    const file = join(content, 'quiz', 'ecs.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/difficulty: \w+/, 'difficulty: impossible'));
    expect(() => writeContentSnapshot(content, snapshot)).toThrow(/ecs\.yaml: items\.\d+\.difficulty/);
    expect(() => readFileSync(snapshot)).toThrow();
  });
});
