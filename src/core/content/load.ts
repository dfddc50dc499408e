import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { examBlueprintSchema, type ExamBlueprint } from './exam-schema.js';
import { parseTopicBody } from './markdown.js';
import { maxRightLongestShare, rightLongestShare } from './realism.js';
import {
  quizFileSchema,
  topicBodySchema,
  topicFrontMatterSchema,
  type ContentBundle,
  type QuizItem,
  type Topic,
} from './schema.js';

/** A content file that cannot be used; the message names the file, the field and the problem. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ContentError';
  }
}

/** One content file as read from disk. */
export interface ContentFile {
  path: string;
  text: string;
}

/** The files a content folder holds: exam.yaml, topics/*.md and quiz/*.yaml, each in name order. */
export interface ContentFiles {
  dir: string;
  exam: ContentFile;
  topics: ContentFile[];
  quiz: ContentFile[];
}

/** Reads, validates and cross-checks every file under `dir` (content/). Throws ContentError. */
export function loadContent(dir: string): ContentBundle {
  return parseContent(readContentFiles(dir));
}

export function readContentFiles(dir: string): ContentFiles {
  const read = (path: string): ContentFile => ({ path, text: readFileSync(path, 'utf8') });
  // The folders first: a content folder that is not there at all is named as such.
  const topics = listFiles(join(dir, 'topics'), '.md').map(read);
  const quiz = listFiles(join(dir, 'quiz'), '.yaml').map(read);
  return { dir, exam: readExamFile(dir), topics, quiz };
}

/** Validates and cross-checks files already read. Throws ContentError. */
export function parseContent(files: ContentFiles): ContentBundle {
  const exam = readExam(files.exam);
  const topics = files.topics.map(readTopic);
  const items = files.quiz.flatMap(readQuizFile);
  crossCheck(files.dir, topics, items);
  checkGroups(files, exam, topics);
  return { exam, topics, items };
}

function readExamFile(dir: string): ContentFile {
  const path = join(dir, 'exam.yaml');
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch {
    throw new ContentError(displayPath(path), '', 'is missing; it describes the exam (see content/FORMAT.md, "The exam")');
  }
}

function readExam({ path, text }: ContentFile): ExamBlueprint {
  const name = displayPath(path);
  return validate(name, examBlueprintSchema, parseYamlIn(name, text));
}

/** Every topic's group is one the exam lists, and every group the exam lists has a topic. */
function checkGroups(files: ContentFiles, exam: ExamBlueprint, topics: Topic[]): void {
  const groups = new Set(exam.sections.flatMap((s) => s.groups.map((g) => g.name)));
  for (const topic of topics) {
    if (!groups.has(topic.group)) {
      const file = displayPath(join(files.dir, 'topics', `${topic.id}.md`));
      throw new ContentError(file, 'group', `is "${topic.group}", which content/exam.yaml does not list; use one of: ${[...groups].join(', ')}`);
    }
  }
  exam.sections.forEach((section, s) =>
    section.groups.forEach((group, g) => {
      if (!topics.some((t) => t.group === group.name)) {
        throw new ContentError(displayPath(files.exam.path), `sections.${s}.groups.${g}.name`, `"${group.name}" has no topic; add topics with this group or remove it`);
      }
    }),
  );
}

/** content/topics/x.md when under the working directory, else the absolute path. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function listFiles(dir: string, ext: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new ContentError(dir, '', 'folder is missing');
  }
  return names.filter((n) => n.endsWith(ext)).sort().map((n) => join(dir, n));
}

function readTopic({ path: file, text }: ContentFile): Topic {
  const name = displayPath(file);
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new ContentError(name, 'front matter', 'the file must start with YAML front matter between two "---" lines');
  const front = validate(name, topicFrontMatterSchema, parseYamlIn(name, match[1] ?? ''));
  if (front.id !== basename(file, '.md')) {
    throw new ContentError(name, 'id', `is "${front.id}" but the file is named ${basename(file)}; they must match`);
  }
  const raw = parseTopicBody(match[2] ?? '');
  if (raw.unknownSection !== undefined) {
    throw new ContentError(name, 'body', `has an unknown section "## ${raw.unknownSection}"; use "## Key points", "## Exam tips" or "## Exam answer vs today"`);
  }
  const body = validate(name, topicBodySchema, raw);
  return { ...front, ...body };
}

function readQuizFile({ path: file, text }: ContentFile): QuizItem[] {
  const name = displayPath(file);
  const data = validate(name, quizFileSchema, parseYamlIn(name, text));
  if (data.topic !== basename(file, '.yaml')) {
    throw new ContentError(name, 'topic', `is "${data.topic}" but the file is named ${basename(file)}; they must match`);
  }
  return data.items.map((item) => ({
    ...item,
    topic: data.topic,
    answer: item.choices.flatMap((c, i) => (c.correct ? [i] : [])),
  }));
}

function parseYamlIn(file: string, text: string): unknown {
  try {
    // The core schema keeps dates such as last_verified as the strings the files hold.
    return load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    const where = error instanceof YAMLException ? `line ${error.mark.line + 1}` : 'YAML';
    const message = error instanceof YAMLException ? error.reason : String(error);
    throw new ContentError(file, where, `is not valid YAML (${message})`);
  }
}

function validate<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') || '(top level)' : '(top level)';
  throw new ContentError(file, field, issue?.message ?? 'is invalid');
}

function crossCheck(dir: string, topics: Topic[], items: QuizItem[]): void {
  const topicIds = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const topic of topics) {
    const file = displayPath(join(dir, 'topics', `${topic.id}.md`));
    if (topicIds.has(topic.id)) throw new ContentError(file, 'id', `"${topic.id}" is used twice`);
    topicIds.add(topic.id);
    if (topic.compares.length > 0 && Object.keys(topic.facts).length > 0) {
      throw new ContentError(file, 'facts', 'a comparison card takes its sides from the topics it compares; put the facts in those topics');
    }
    for (const alias of topic.aliases) {
      const owner = aliasOwner.get(alias);
      if (owner) throw new ContentError(file, 'aliases', `"${alias}" is also an alias of ${owner}; an alias must name one topic`);
      aliasOwner.set(alias, topic.id);
    }
  }
  for (const topic of topics) {
    for (const rel of topic.related) {
      if (!topicIds.has(rel)) throw new ContentError(displayPath(join(dir, 'topics', `${topic.id}.md`)), 'related', `names "${rel}", which is not a topic`);
    }
  }
  const itemIds = new Set<string>();
  for (const item of items) {
    const file = displayPath(join(dir, 'quiz', `${item.topic}.yaml`));
    if (!topicIds.has(item.topic)) throw new ContentError(file, 'topic', `"${item.topic}" has no topic file in topics/`);
    if (itemIds.has(item.id)) throw new ContentError(file, `items.${item.id}`, 'this id is used twice');
    itemIds.add(item.id);
  }
  const longest = rightLongestShare(items);
  if (longest.share > maxRightLongestShare) {
    const share = `${Math.round(longest.share * 100)}%`;
    throw new ContentError(displayPath(join(dir, 'quiz')), 'choices', `the right choice is the longest in ${share} of single-answer items (at most 30%), so guessing the longest pays; vary it in some of: ${longest.ids.join(', ')}`);
  }
}
