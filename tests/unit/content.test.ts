import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadContent } from '../../src/core/content/load.js';

const contentDir = join(process.cwd(), 'content');
const requiredTopics = [
  'docker', 'docker-vs-vm', 'container-registries', 'ecs', 'fargate', 'ecr', 'eks', 'serverless',
  'lambda', 'lambda-pricing', 'api-gateway', 'batch', 'batch-vs-lambda', 'ec2-vs-lambda', 'lightsail', 'compute-summary',
];

describe('the content bank', () => {
  const { topics, items } = loadContent(contentDir);

  it('has every required topic', () => {
    expect(topics.map((t) => t.id).sort()).toEqual(expect.arrayContaining(requiredTopics));
  });

  it('has at least 10 quiz items per topic and 150 in all', () => {
    for (const topic of topics) expect(items.filter((i) => i.topic === topic.id).length, topic.id).toBeGreaterThanOrEqual(10);
    expect(items.length).toBeGreaterThanOrEqual(150);
  });

  it('has "choose two" items, every difficulty, and varied answer positions', () => {
    expect(items.filter((i) => i.answer.length === 2).length).toBeGreaterThanOrEqual(20);
    for (const d of ['easy', 'medium', 'hard'] as const) expect(items.some((i) => i.difficulty === d)).toBe(true);
    const positions = new Set(items.filter((i) => i.answer.length === 1).map((i) => i.answer[0]));
    expect(positions.size).toBeGreaterThanOrEqual(4);
  });

  it('cites an AWS documentation URL for every topic and item', () => {
    for (const topic of topics) expect(topic.sources.some((s) => /^https:\/\/(docs\.)?aws\.amazon\.com\//.test(s)), topic.id).toBe(true);
    for (const item of items) expect(item.source, item.id).toMatch(/^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|amazonaws\.com)\//);
  });

  it('explains every choice of every item', () => {
    for (const item of items) for (const choice of item.choices) expect(choice.why.length, item.id).toBeGreaterThan(10);
  });

  it('states the corrected facts, not the outdated ones from the notes', () => {
    const text = (id: string): string => {
      const t = topics.find((x) => x.id === id)!;
      return [t.summary, ...t.keyPoints, ...t.examTips, ...t.examVsToday].join(' ');
    };
    expect(text('lambda-pricing')).toMatch(/60,000 GB-s/);
    expect(text('lambda-pricing')).toMatch(/600,000/); // named as the notes' error
    expect(text('api-gateway')).toMatch(/HTTP/);
    expect(text('api-gateway')).toMatch(/function URL/i);
    expect(text('lambda')).toMatch(/provided\.al2023/);
    expect(text('container-registries')).toMatch(/private/i);
    expect(text('ecs')).toMatch(/Fargate/);
  });
});

describe('a broken content file', () => {
  let dir = '';
  const copy = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-content-'));
    cpSync(contentDir, dir, { recursive: true });
    return dir;
  };
  const edit = (file: string, change: (text: string) => string): void => {
    const path = join(dir, file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  };
  const error = (): ContentError => {
    try {
      loadContent(dir);
    } catch (e) {
      if (e instanceof ContentError) return e;
      throw e;
    }
    throw new Error('content loaded without error');
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file, the field and the problem for a bad front matter field', () => {
    copy();
    edit('topics/fargate.md', (t) => t.replace(/^group: .*$/m, 'group: Databases'));
    const e = error();
    expect(e.file).toMatch(/topics\/fargate\.md$/);
    expect(e.field).toBe('group');
    expect(e.message).toMatch(/fargate\.md: group: /);
  });

  it('names the item field when a quiz item has no correct choice', () => {
    copy();
    edit('quiz/ecs.yaml', (t) => t.replace(/correct: true/g, 'correct: false'));
    const e = error();
    expect(e.file).toMatch(/quiz\/ecs\.yaml$/);
    expect(e.field).toMatch(/^items\.\d+\.choices$/);
    expect(e.problem).toMatch(/correct/);
  });

  it('reports invalid YAML with its line', () => {
    copy();
    edit('quiz/lambda.yaml', (t) => t.replace('items:', 'items: [unclosed'));
    const e = error();
    expect(e.file).toMatch(/quiz\/lambda\.yaml$/);
    expect(e.problem).toMatch(/not valid YAML/);
  });

  it('rejects a related topic that does not exist, a missing source and an over-long choice', () => {
    copy();
    edit('topics/eks.md', (t) => t.replace(/^related: .*$/m, 'related: [ecs, kubernetes-the-hard-way]'));
    expect(error().problem).toMatch(/kubernetes-the-hard-way/);
    rmSync(dir, { recursive: true, force: true });

    copy();
    edit('quiz/batch.yaml', (t) => t.replace(/\n    source: [^\n]+/, ''));
    expect(error().field).toMatch(/source/);
    rmSync(dir, { recursive: true, force: true });

    copy();
    edit('quiz/lightsail.yaml', (t) => t.replace(/- text: ([^\n]+)/, `- text: ${'x'.repeat(90)}`));
    expect(error().problem).toMatch(/80/);
  });

  it('rejects a topic whose id does not match its file name, and an alias two topics share', () => {
    copy();
    edit('topics/ecr.md', (t) => t.replace(/^id: ecr$/m, 'id: ecr-registry'));
    expect(error().field).toBe('id');
    rmSync(dir, { recursive: true, force: true });

    copy();
    edit('topics/eks.md', (t) => t.replace(/^aliases:\n/m, 'aliases:\n  - fargate\n'));
    expect(error().problem).toMatch(/also an alias/);
  });
});
