import * as z from 'zod';
import type { ExamBlueprint } from './exam-schema.js';
import { itemRealismIssues } from './realism.js';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes');
const awsDocs = /^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|amazonaws\.com)\//;
const awsUrl = z.string().url().refine((url) => awsDocs.test(url), 'must be an AWS documentation URL (https://docs.aws.amazon.com/… or https://aws.amazon.com/…)');
// A topic may add Docker's own documentation beside its AWS sources.
const sourceUrl = z.string().url().refine((url) => awsDocs.test(url) || url.startsWith('https://docs.docker.com/'), 'must be an AWS (or Docker) documentation URL');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a YYYY-MM-DD date');
const lowercasePhrase = z
  .string()
  .min(2)
  .max(60)
  .refine((s) => s === s.toLowerCase(), 'aliases are written in lowercase');

/** The YAML front matter of content/topics/<id>.md. */
export const topicFrontMatterSchema = z.strictObject({
  id,
  title: z.string().min(2).max(80),
  // One of the topic groups content/exam.yaml lists; checked when both are loaded.
  group: z.string().min(2).max(80),
  /** Where the topic comes in its group's /topics list: the order a learner reads them in. */
  order: z.number().int().min(1).max(999).optional(),
  aliases: z.array(lowercasePhrase).default([]),
  compares: z
    .array(lowercasePhrase)
    .default([])
    .refine((list) => list.length === 0 || list.length === 2, 'names the two things compared, or is left out'),
  related: z.array(id).default([]),
  sources: z
    .array(sourceUrl)
    .min(1)
    .refine((list) => list.some((url) => awsDocs.test(url)), 'must include at least one AWS documentation URL'),
  last_verified: isoDate,
  facts: z
    .record(
      z.string().regex(/^[a-z][a-z ]{1,28}[a-z]$/, 'a row name is 3 to 30 lowercase letters and spaces, e.g. "billing"'),
      z.string().min(3).max(200),
    )
    .default({})
    .refine((rows) => { const n = Object.keys(rows).length; return n === 0 || (n >= 3 && n <= 7); }, 'has 3 to 7 rows (or is left out)'),
});

/** The Markdown body of a topic, split into its sections. */
export const topicBodySchema = z.object({
  summary: z.string().min(20).max(400),
  keyPoints: z.array(z.string().min(3).max(200)).min(3).max(7),
  examTips: z.array(z.string().min(3).max(240)).min(2).max(5),
  examVsToday: z.array(z.string().min(3).max(300)).max(5),
});

const choiceSchema = z.strictObject({
  text: z.string().min(1).max(80),
  correct: z.boolean().default(false),
  why: z.string().min(3).max(300),
});

export const quizItemSchema = z
  .strictObject({
    id,
    difficulty: z.enum(['easy', 'medium', 'hard']),
    question: z.string().min(10).max(500),
    choices: z.array(choiceSchema).min(3).max(5),
    explanation: z.string().min(10).max(600),
    source: awsUrl,
  })
  .superRefine((item, ctx) => {
    const correct = item.choices.filter((c) => c.correct).length;
    if (correct < 1 || correct > 2) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `has ${correct} correct choices; mark exactly one (or two for "Choose two")` });
    }
    const chooseTwo = /\(choose two\.?\)/i.test(item.question);
    if (correct === 2 && !chooseTwo) {
      ctx.addIssue({ code: 'custom', path: ['question'], message: 'has two correct choices, so it must end with "(Choose two.)"' });
    }
    if (chooseTwo && correct !== 2) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'says "(Choose two.)", so exactly two choices must be correct' });
    }
    const texts = new Set(item.choices.map((c) => c.text.toLowerCase()));
    if (texts.size !== item.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'has two choices with the same text' });
    }
    for (const issue of itemRealismIssues(item)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** content/quiz/<topic-id>.yaml */
export const quizFileSchema = z.strictObject({
  topic: id,
  items: z.array(quizItemSchema).min(1),
});

export type TopicFrontMatter = z.infer<typeof topicFrontMatterSchema>;
export type TopicBody = z.infer<typeof topicBodySchema>;
export type QuizItemData = z.infer<typeof quizItemSchema>;
export type Difficulty = QuizItemData['difficulty'];

/** A topic as the rest of the bot sees it. */
export interface Topic extends TopicFrontMatter, TopicBody {}

/** A quiz item with its topic. */
export interface QuizItem extends QuizItemData {
  topic: string;
  /** Indexes of the correct choices, ascending. */
  answer: number[];
}

export interface ContentBundle {
  exam: ExamBlueprint;
  topics: Topic[];
  items: QuizItem[];
}
