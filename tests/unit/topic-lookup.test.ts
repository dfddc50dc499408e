import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/core/content/load.js';
import type { Topic } from '../../src/core/content/schema.js';
import { createTopicIndex, type TopicIndex } from '../../src/core/topics/topic-index.js';
import { lookupQueries as cases, offTopic, tooLong } from '../support/lookup-queries.js';


let index: TopicIndex;
let topics: Topic[];

beforeAll(() => {
  topics = loadContent(join(process.cwd(), 'content')).topics;
  index = createTopicIndex(topics);
});

describe('topic lookup', () => {
  it('has a large table of learner queries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(130);
    expect(offTopic.length).toBeGreaterThanOrEqual(25);
  });

  // Titles show at most 60 characters of the query, so the 5,000-character case stays readable.
  const rows = cases.map(([query, expected]) => [JSON.stringify(query).slice(0, 60), expected ?? 'not covered', query, expected] as const);

  it.each(rows)('%s → %s', (_title, _shown, query, expected) => {
    const result = index.lookup(query);
    if (expected === null) {
      expect(result.found, result.found ? `opened ${result.topic.id}` : '').toBe(false);
      if (!result.found) {
        expect(result.reason).not.toBe('empty');
        expect(result.suggestions.length).toBeLessThanOrEqual(3);
      }
    } else {
      const uncovered = result.found && result.uncovered ? ` (${result.uncovered.name} not covered)` : '';
      const opened = result.found ? `${result.versus ? `${result.topic.id} vs ${result.versus.id}` : result.topic.id}${uncovered}` : `not found (${result.reason})`;
      expect(opened).toBe(expected);
    }
  });

  it('says empty for empty and whitespace-only input', () => {
    for (const q of ['', ' ', '   \t\n ', '\u00a0']) {
      expect(index.lookup(q)).toEqual({ found: false, reason: 'empty', suggestions: [] });
    }
  });

  it('refuses input over 200 characters as too long, without a card', () => {
    expect(index.lookup(tooLong)).toMatchObject({ found: false, reason: 'too-long' });
    expect(index.lookup(`lambda ${'x'.repeat(200)}`)).toMatchObject({ found: false, reason: 'too-long' });
    expect(index.lookup('lambda'.padEnd(200, ' ')).found).toBe(true);
  });

  it('suggests close topics for a near miss it will not open', () => {
    const result = index.lookup('timeout');
    expect(result.found).toBe(false);
    if (!result.found) {
      expect(result.reason).toBe('not-covered');
      expect(result.suggestions.map((t) => t.id)).toEqual(expect.arrayContaining(['api-gateway', 'lambda']));
    }
  });

  it('never opens another service\'s card for a service it does not cover, and names the cards that mention it', () => {
    const mentioned = (query: string): string[] | undefined => {
      const result = index.lookup(query);
      expect(result.found, query).toBe(false);
      return result.found ? undefined : result.mentioned?.topics.map((t) => t.id);
    };
    expect(mentioned('s3')?.slice(0, 2)).toEqual(['lambda', 'serverless']);
    expect(mentioned('amazon s3')).toEqual(mentioned('s3'));
    expect(mentioned('dynamodb')).toEqual(expect.arrayContaining(['serverless']));
    expect(mentioned('eventbridge')).toEqual(expect.arrayContaining(['lambda']));
    expect(mentioned('s3 glacier')).toEqual([]);
    const s3 = index.lookup('what is amazon s3');
    expect(s3.found ? s3.topic.id : s3.mentioned?.name).toBe('Amazon S3');
  });

  it('never throws on odd strings', () => {
    const odd = ['\ud800', '\uffff', '\u202e\u0041', 'a'.repeat(200), '-'.repeat(200), '🐳'.repeat(100), 'vs', 'vs vs vs', 'or or'];
    for (const q of odd) expect(() => index.lookup(q)).not.toThrow();
  });
});

describe('topic autocomplete', () => {
  it('lists every topic by title for an empty query', () => {
    const choices = index.autocomplete('');
    expect(choices).toHaveLength(topics.length);
    const titles = [...topics].sort((a, b) => a.title.localeCompare(b.title)).map((t) => t.id);
    expect(choices.map((c) => c.value)).toEqual(titles);
  });

  it('suggests fargate first for "farg"', () => {
    expect(index.autocomplete('farg')[0]?.value).toBe('fargate');
  });

  it.each(['', 'a', 'lam', 'container', 'docker', 'ec', 'lamdba', 'what is fargate', 'x'.repeat(300), '🐳'])(
    'keeps %j within 25 choices of at most 100 characters, one per topic',
    (query) => {
      const choices = index.autocomplete(query);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.label.length).toBeGreaterThan(0);
        expect(c.label.length).toBeLessThanOrEqual(100);
        expect(index.byId(c.value)).toBeDefined();
      }
      expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
    },
  );

  it('ranks prefixes and tolerates typos', () => {
    expect(index.autocomplete('lamb')[0]?.value).toBe('lambda');
    expect(index.autocomplete('api')[0]?.value).toBe('api-gateway');
    expect(index.autocomplete('kube')[0]?.value).toBe('eks');
    expect(index.autocomplete('lamdba')[0]?.value).toBe('lambda');
    expect(index.autocomplete('light')[0]?.value).toBe('lightsail');
  });

  it('never shows a misspelling kept as an alias in a label', () => {
    const first = index.autocomplete('lamd')[0];
    expect(first?.value).toBe('lambda');
    expect(first?.label).not.toContain('lamda');
  });

  it('offers comparisons once a separator is typed, each resolving to that comparison', () => {
    const ecs = index.autocomplete('ecs vs e');
    expect(ecs.map((c) => c.value)).toEqual(expect.arrayContaining(['ecs vs ecr', 'ecs vs eks']));
    expect(index.autocomplete('ecs vs ek')[0]).toEqual({ label: 'Amazon ECS vs Amazon EKS', value: 'ecs vs eks' });
    for (const choice of ecs) {
      const result = index.lookup(choice.value);
      expect(result.found && `${result.topic.title} ${result.versus?.title ?? ''}`, choice.value).toBeTruthy();
      expect(choice.label.length).toBeLessThanOrEqual(100);
    }
    // A hand-written card is offered by its own title.
    expect(index.autocomplete('batch vs lam')[0]).toEqual({ label: 'AWS Batch vs AWS Lambda', value: 'batch-vs-lambda' });
    // Nothing typed after the separator yet: every other topic with facts.
    expect(index.autocomplete('lambda vs').map((c) => c.value)).toEqual(expect.arrayContaining(['lambda vs fargate', 'lambda vs ecs']));
    // Typing a plain name still lists topics.
    expect(index.autocomplete('ecs')[0]?.value).toBe('ecs');
  });

  it('respects a smaller limit', () => {
    expect(index.autocomplete('', 5)).toHaveLength(5);
    expect(index.autocomplete('lambda', 2).length).toBeLessThanOrEqual(2);
    expect(index.autocomplete('lambda', 0)).toEqual([]);
  });
});

describe('byId', () => {
  it('finds every topic by its id and nothing else', () => {
    for (const topic of topics) expect(index.byId(topic.id)).toBe(topic);
    expect(index.byId('nope')).toBeUndefined();
    expect(index.byId('LAMBDA')).toBeUndefined();
  });

  it('has all 16 topics', () => {
    expect(topics).toHaveLength(16);
  });
});

describe('aliases learners asked for', () => {
  const index = createTopicIndex(loadContent(join(process.cwd(), 'content')).topics);
  it.each([
    ['eks pods', 'eks'],
    ['hpc jobs', 'batch'],
    ['lambda cold start', 'lambda'],
    ['api rate limiting', 'api-gateway'],
    ['container repository', 'ecr'],
    ['orchestrate containers', 'ecs'],
    ['fixed monthly price', 'lightsail'],
    ['step functions', null],
  ])('%s -> %s', (query, expected) => {
    const result = index.lookup(query);
    expect(result.found ? result.topic.id : null).toBe(expected);
  });
});
