import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupShares, secondsPerQuestion } from '../../src/core/content/exam-schema.js';
import { ContentError, loadContent } from '../../src/core/content/load.js';
import { createLibrary } from '../../src/core/library.js';

const contentDir = join(process.cwd(), 'content');

describe('the exam blueprint (content/exam.yaml)', () => {
  const content = loadContent(contentDir);

  it("describes CLF-C02 as AWS publishes it: 65 questions, 90 minutes, 100-1000 with 700 to pass", () => {
    expect(content.exam).toMatchObject({ code: 'CLF-C02', questions: 65, minutes: 90, score: { min: 100, max: 1000, pass: 700 } });
    expect(secondsPerQuestion(content.exam)).toBeCloseTo(83.08, 1);
  });

  it('gives every topic a share of the exam, the shares summing to 1 and following the group weights', () => {
    const library = createLibrary(content);
    const total = library.topics.reduce((sum, t) => sum + library.topicShare(t.id), 0);
    expect(total).toBeCloseTo(1, 10);
    for (const topic of library.topics) expect(library.topicShare(topic.id), topic.id).toBeGreaterThan(0);
    const groupTotal = (name: string): number => library.topics.filter((t) => t.group === name).reduce((s, t) => s + library.topicShare(t.id), 0);
    expect(groupTotal('Containers')).toBeCloseTo(0.45, 10);
    expect(groupTotal('Serverless')).toBeCloseTo(0.35, 10);
    expect(library.groups.map((g) => g.name)).toEqual(['Containers', 'Serverless', 'Other compute']);
  });

  it('splits a section by its weight, then among its groups, and drops groups with no topics', () => {
    const exam = {
      ...content.exam,
      sections: [
        { name: 'A', weight: 3, groups: [{ name: 'a1', weight: 1 }, { name: 'a2', weight: 1 }] },
        { name: 'B', weight: 1, groups: [{ name: 'b1', weight: 5 }, { name: 'b2', weight: 5 }] },
      ],
    };
    expect(Object.fromEntries(groupShares(exam, new Set(['a1', 'a2', 'b1'])))).toEqual({ a1: 0.375, a2: 0.375, b1: 0.25 });
  });
});

describe('a broken exam blueprint', () => {
  let dir = '';
  const withExam = (change: (text: string) => string): ContentError => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-exam-'));
    cpSync(contentDir, dir, { recursive: true });
    const path = join(dir, 'exam.yaml');
    writeFileSync(path, change(readFileSync(path, 'utf8')));
    try {
      loadContent(dir);
    } catch (e) {
      if (e instanceof ContentError) return e;
      throw e;
    }
    throw new Error('content loaded without error');
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the field for a bad value', () => {
    const e = withExam((t) => t.replace('questions: 65', 'questions: lots'));
    expect(e.file).toMatch(/exam\.yaml$/);
    expect(e.field).toBe('questions');
  });

  it('refuses a pass mark outside the scale', () => {
    const e = withExam((t) => t.replace('pass: 700', 'pass: 1200'));
    expect(e.field).toBe('score');
    expect(e.problem).toMatch(/min < pass <= max/);
  });

  it('refuses a group with no topics, naming where it is', () => {
    const e = withExam((t) => t.replace('      - name: Other compute\n', '      - name: Databases\n        weight: 5\n      - name: Other compute\n'));
    expect(e.field).toBe('sections.0.groups.2.name');
    expect(e.problem).toMatch(/Databases.*no topic/);
  });

  it("refuses a topic whose group the exam does not list, naming the topic's file", () => {
    const e = withExam((t) => t.replace('name: Serverless', 'name: Functions'));
    expect(e.file).toMatch(/topics\/[a-z-]+\.md$/);
    expect(e.field).toBe('group');
    expect(e.problem).toMatch(/Serverless.*does not list/);
  });

  it('refuses a missing file and a zero weight', () => {
    expect(withExam((t) => t.replace('weight: 45', 'weight: 0')).field).toBe('sections.0.groups.0.weight');
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-exam-'));
    cpSync(contentDir, dir, { recursive: true });
    rmSync(join(dir, 'exam.yaml'));
    expect(() => loadContent(dir)).toThrow(/exam\.yaml: is missing/);
  });
});
