import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dump, load } from 'js-yaml';
import { ContentError, loadContent } from '../../src/core/content/load.js';
import { itemRealismIssues, rightLongestShare } from '../../src/core/content/realism.js';

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

  it('states the fixes of issue 15: launch-type fees, API Gateway extras, exact arithmetic, storage by platform, retries', () => {
    const text = (id: string): string => {
      const t = topics.find((x) => x.id === id)!;
      return [t.summary, ...t.keyPoints, ...t.examTips, ...t.examVsToday, ...Object.values(t.facts)].join(' ');
    };
    const item = (id: string): string => {
      const i = items.find((x) => x.id === id)!;
      return [i.question, ...i.choices.flatMap((c) => [c.text, c.why]), i.explanation].join(' ');
    };
    // ECS is free only on EC2 and Fargate; Anywhere and Managed Instances have fees.
    expect(text('ecs')).toMatch(/ECS Anywhere bills per instance-hour/);
    expect(text('ecs')).not.toMatch(/^(?!.*EC2 and Fargate).*ECS itself costs nothing extra/);
    for (const id of ['ecs-05', 'eks-08']) expect(item(id)).toMatch(/ECS Anywhere/);
    // API Gateway: no minimum fee, but the cache is hourly and WebSocket bills messages and connection-minutes.
    expect(text('api-gateway')).toMatch(/cache is billed per hour/);
    expect(item('api-gateway-10')).toMatch(/connection-minute/);
    expect(item('api-gateway-10')).not.toMatch(/no hourly/);
    // The worked example at the exact rate, and where AWS's $18.34 comes from.
    expect(text('lambda-pricing')).toMatch(/\$18\.33/);
    expect(text('lambda-pricing')).toMatch(/\$0\.00001667/);
    // Export to EC2 gives AMIs and EBS volumes.
    expect(item('lightsail-05')).toMatch(/EBS volume/);
    expect(item('lightsail-05')).not.toMatch(/EBS snapshot in EC2/);
    // Fargate storage differs for EKS pods.
    expect(text('fargate')).toMatch(/175 GiB/);
    // Batch retries only with a retry strategy.
    expect(item('batch-09')).toMatch(/retry strategy/);
    // Lightsail is billed by the hour up to a monthly cap, never "all month", anywhere in the bank.
    const everything = [...topics.map((t) => text(t.id)), ...items.map((i) => item(i.id))].join(' ');
    expect(everything).not.toMatch(/billed (all|for the whole) month/);
  });

  it('declares side-by-side facts for every service and concept topic, and none for comparison cards', () => {
    for (const topic of topics) {
      const rows = Object.keys(topic.facts);
      if (topic.compares.length > 0) expect(rows, topic.id).toEqual([]);
      else if (!['lambda-pricing', 'compute-summary'].includes(topic.id)) expect(rows.length, topic.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('is as real as the exam: the right choice is rarely the longest and never stands out by length', () => {
    const { share } = rightLongestShare(items);
    expect(share).toBeLessThanOrEqual(0.3);
    for (const item of items) expect(itemRealismIssues(item), item.id).toEqual([]);
    // The named items of issue 15 keep their ids; none asks what an acronym stands for.
    expect(items.find((i) => i.id === 'ecr-02')?.question).not.toMatch(/acronym|stand for/i);
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

  it('names the row of a bad comparison fact, and refuses facts on a comparison card', () => {
    copy();
    edit('topics/ecs.md', (t) => t.replace(/^  billing: /m, '  Billing!: '));
    expect(error()).toMatchObject({ file: expect.stringMatching(/ecs\.md$/), field: 'facts.Billing!' });
    rmSync(dir, { recursive: true, force: true });

    copy();
    edit('topics/ecs.md', (t) => t.replace(/^  billing: .*$/m, `  billing: "${'x'.repeat(201)}"`));
    expect(error()).toMatchObject({ field: 'facts.billing', problem: expect.stringMatching(/200/) });
    rmSync(dir, { recursive: true, force: true });

    copy();
    edit('topics/batch-vs-lambda.md', (t) => t.replace(/^compares: .*$/m, (line) => `${line}\nfacts:\n  what it is: two services\n  servers: none\n  billing: per use`));
    expect(error()).toMatchObject({ file: expect.stringMatching(/batch-vs-lambda\.md$/), field: 'facts' });
  });

  it('refuses a right choice much longer than the others, and a stem that quotes the notes', () => {
    copy();
    edit('quiz/lambda.yaml', (t) => t.replace(/- text: ([^\n]+)\n        correct: true/, (_m, text: string) => `- text: ${`${text} and far more words here`.slice(0, 80)}\n        correct: true`));
    expect(error()).toMatchObject({ file: expect.stringMatching(/lambda\.yaml$/), field: expect.stringMatching(/^items\.\d+\.choices\.\d+\.text$/), problem: expect.stringMatching(/longer than the longest wrong one/) });
    rmSync(dir, { recursive: true, force: true });

    copy();
    edit('quiz/fargate.yaml', (t) => t.replace(/question: >-\n      /, 'question: >-\n      Course notes say Fargate is new. '));
    expect(error()).toMatchObject({ field: 'items.0.question', problem: expect.stringMatching(/quotes notes/) });
  });

  it('refuses a bank where the right choice is the longest in more than 30% of items', () => {
    copy();
    for (const file of ['lambda', 'ecs', 'eks', 'fargate', 'batch', 'docker']) {
      edit(`quiz/${file}.yaml`, (t) => {
        const data = load(t) as { items: Array<{ choices: Array<{ text: string; correct?: boolean }> }> };
        for (const item of data.items) {
          const right = item.choices.filter((c) => c.correct);
          const longest = Math.max(...item.choices.filter((c) => !c.correct).map((c) => c.text.length));
          // One character longer than the longest wrong choice: the longest, but not by 30%.
          if (right.length === 1 && right[0] && right[0].text.length <= longest) right[0].text = `${right[0].text} `.padEnd(longest + 1, '.');
        }
        return dump(data, { lineWidth: -1 });
      });
    }
    expect(error()).toMatchObject({ file: expect.stringMatching(/quiz$/), problem: expect.stringMatching(/longest in \d+% of single-answer items \(at most 30%\)/) });
  });
});
