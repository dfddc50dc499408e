import type { ExamService } from '../exam/exam-service.js';
import { notice } from '../reply.js';
import type { Command } from './spec.js';

export const examSizes = { default: 20, min: 10, max: 65 } as const;

/** /exam [questions]: a timed practice exam in the real exam's form, private to the member. */
export function examCommand(exams: ExamService): Command {
  return {
    spec: {
      name: 'exam',
      description: `A timed practice exam in the real exam's form (${examSizes.min}–${examSizes.max} questions, default ${examSizes.default})`,
      usage: `/exam [questions]`,
      visibility: 'ephemeral',
      options: [{ name: 'questions', description: `how many questions, ${examSizes.min} to ${examSizes.max} (default ${examSizes.default})`, type: 'text', rest: true, maxLength: 20 }],
    },
    run({ deps, caller }, args) {
      const raw = args.questions?.trim() ?? '';
      const count = raw === '' ? examSizes.default : /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(count >= examSizes.min && count <= examSizes.max)) {
        const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
        return notice(`"${shown}" is not a number of questions I can set. Use /exam for ${examSizes.default} questions, or /exam N with N from ${examSizes.min} to ${examSizes.max} (the real exam has 65).`);
      }
      const now = deps.clock.now();
      const { store } = deps;
      // Starting an exam is a write: the member, and the exam their buttons point at.
      const { community, member } = store.write(() => {
        const community = store.communities.ensure(caller.community, now);
        return { community, member: store.communities.ensureMember(community.id, caller.userId, caller.displayName, now) };
      });
      return exams.begin(community, member, count);
    },
  };
}
