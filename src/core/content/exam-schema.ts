import * as z from 'zod';

const weight = z.number().positive('must be a positive number (weights are used relative to each other)');
const name = z.string().min(2).max(80);

const groupSchema = z.strictObject({ name, weight });

const sectionSchema = z.strictObject({
  name,
  weight,
  groups: z.array(groupSchema).min(1),
});

/** content/exam.yaml: the exam the practice exams copy and readiness is measured against. */
export const examBlueprintSchema = z
  .strictObject({
    name,
    code: z.string().regex(/^[A-Z0-9-]{2,20}$/, 'use the exam code as AWS writes it, e.g. CLF-C02'),
    questions: z.number().int().min(1).max(200),
    minutes: z.number().int().min(1).max(600),
    score: z.strictObject({ min: z.number().int(), max: z.number().int(), pass: z.number().int() }),
    source: z.string().url().regex(/^https:\/\/([a-z0-9-]+\.)*aws\.amazon\.com\//, 'must be an AWS documentation URL'),
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine((exam, ctx) => {
    const { min, max, pass } = exam.score;
    if (!(min < pass && pass <= max)) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: `needs min < pass <= max (got ${min}, ${pass}, ${max})` });
    }
    const seen = new Set<string>();
    exam.sections.forEach((section, s) =>
      section.groups.forEach((group, g) => {
        if (seen.has(group.name)) {
          ctx.addIssue({ code: 'custom', path: ['sections', s, 'groups', g, 'name'], message: `"${group.name}" is named twice; a topic group belongs to one section` });
        }
        seen.add(group.name);
      }),
    );
  });

export type ExamBlueprint = z.infer<typeof examBlueprintSchema>;

/** Seconds per question on the real exam: practice exams give the same pace. */
export function secondsPerQuestion(exam: ExamBlueprint): number {
  return (exam.minutes * 60) / exam.questions;
}

/**
 * Each topic group's share of the exam, summing to 1 over the groups that have topics: a
 * section's weight split among its groups by theirs. Groups with no topics yet drop out, so
 * the shares describe what the content can actually ask.
 */
export function groupShares(exam: ExamBlueprint, groupsWithTopics: ReadonlySet<string>): Map<string, number> {
  const raw = new Map<string, number>();
  for (const section of exam.sections) {
    const present = section.groups.filter((g) => groupsWithTopics.has(g.name));
    const total = present.reduce((sum, g) => sum + g.weight, 0);
    for (const group of present) raw.set(group.name, (section.weight * group.weight) / total);
  }
  const sum = [...raw.values()].reduce((a, b) => a + b, 0);
  return new Map([...raw].map(([group, share]) => [group, share / sum]));
}
