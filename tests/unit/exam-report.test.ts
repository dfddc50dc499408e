import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/adapters/discord/render.js';
import { renderReply } from '../../src/adapters/slack/render.js';
import type { QuizItem } from '../../src/core/content/schema.js';
import { reportView } from '../../src/core/exam/exam-report.js';
import type { Library } from '../../src/core/library.js';
import type { Exam, ExamQuestion } from '../../src/store/exams.js';
import { messageProblem } from '../fakes/fake-discord-limits.js';
import { blockKitProblems } from '../fakes/slack-limits.js';
import { createTestApp } from '../support/test-app.js';

/** The longest item the content schema allows: a 500-character question, five 80-character choices with 300-character reasons, a 600-character explanation. */
function longestItem(n: number, topic: string): QuizItem {
  const text = (length: number, tag: string): string => `${tag} ${'x'.repeat(length - tag.length - 1)}`;
  return {
    id: `long-${n}`,
    topic,
    difficulty: 'hard',
    question: text(500, `Q${n}`),
    choices: [0, 1, 2, 3, 4].map((c) => ({ text: text(80, `choice ${c}`), correct: c === 0, why: text(300, `why ${c}`) })),
    answer: [0],
    explanation: text(600, 'explanation'),
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/welcome.html',
  };
}

describe('the practice exam score report', () => {
  it('splits 65 worst-case misses into pages every platform accepts, and shows every one', () => {
    const app = createTestApp();
    try {
      const topic = app.library.topics[0]!.id;
      const items = Array.from({ length: 65 }, (_, n) => longestItem(n + 1, topic));
      const library: Library = { ...app.library, item: (id) => items.find((i) => i.id === id) };
      const exam: Exam = { id: 7, communityId: 1, memberId: 1, startedAt: 0, deadline: 5_400_000, submittedAt: 5_400_000, reportedAt: null };
      const questions: ExamQuestion[] = items.map((item, position) => ({ position, itemId: item.id, topicId: topic, choices: position % 2 ? [1] : undefined, flagged: false, correct: false }));
      const seen = new Set<number>();
      for (let page = 0; ; page++) {
        const reply = reportView({ exam, questions, library, page, studyNext: [] });
        expect(messageProblem(renderMessage(reply) as unknown as Record<string, unknown>), `page ${page} on Discord`).toBeUndefined();
        const slack = renderReply(reply);
        expect(blockKitProblems(slack.blocks, 'message', slack.text), `page ${page} on Slack`).toEqual([]);
        // Nothing clipped to fit: the explanations arrive whole.
        expect(JSON.stringify(renderMessage(reply)), `page ${page} on Discord`).not.toContain('…');
        expect(JSON.stringify(slack.blocks), `page ${page} on Slack`).not.toContain('…');
        for (const m of reply.text.matchAll(/^Q(\d+)\. /gm)) seen.add(Number(m[1]));
        const next = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).some((b) => /Next misses|Missed questions/.test(b.label));
        if (!next) break;
      }
      expect(seen.size).toBe(65);
    } finally {
      app.dispose();
    }
  });
});
