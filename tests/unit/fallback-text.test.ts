import { afterAll, describe, expect, it } from 'vitest';
import { choiceActionId } from '../../src/core/actions.js';
import { revealReply } from '../../src/core/daily/post-render.js';
import { fallbackText } from '../../src/core/render/fallback-text.js';
import { tableLines } from '../../src/core/render/table-text.js';
import { notice, reply, type Block, type Reply } from '../../src/core/reply.js';
import type { Post } from '../../src/store/posts.js';
import { caller, createTestApp } from '../support/test-app.js';

const app = createTestApp();
afterAll(() => app.dispose());

const table: Extract<Block, { type: 'table' }> = { type: 'table', columns: ['#', 'Member'], rows: [['1', 'Ana'], ['2', 'Bob']], highlightRow: 1 };

describe('the fallback text, derived from the blocks', () => {
  it('says every block type in plain text: buttons add nothing, a chart adds its alt text', () => {
    const blocks: Block[] = [
      { type: 'heading', text: 'AWS Fargate' },
      { type: 'markdown', text: '**Serverless** compute for containers.' },
      { type: 'fields', fields: [{ label: 'Answers', value: '3 (67% right)' }, { label: 'Key points', value: '- one\n- **two**' }] },
      { type: 'choices', action: 'ans:1', pick: 1, choices: [{ key: 'A', text: 'ECS' }, { key: 'B', text: 'EKS' }], selected: [1] },
      { type: 'buttons', buttons: [{ id: 'qz:fargate', label: 'Quiz me on this' }] },
      table,
      { type: 'image', name: 'chart.png', svg: '<svg/>', alt: 'Share per choice: A 25% (1); B 75% (3), right answer.', width: 10, height: 10 },
      { type: 'context', text: 'Source: https://aws.amazon.com/fargate/' },
    ];
    expect(fallbackText(blocks)).toBe(
      [
        'AWS Fargate',
        'Serverless compute for containers.',
        'Answers: 3 (67% right)',
        '',
        'Key points:',
        '- one',
        '- two',
        '',
        'A) ECS',
        'B) EKS  ← your answer',
        '',
        ...tableLines(table),
        '',
        'Share per choice: A 25% (1); B 75% (3), right answer.',
        'Source: https://aws.amazon.com/fargate/',
      ].join('\n'),
    );
    expect(fallbackText(blocks)).not.toContain('Quiz me on this');
  });

  it('keeps a table aligned when it comes first, and has no blank lines at the ends or twice in a row', () => {
    expect(fallbackText([table])).toBe(tableLines(table).join('\n'));
    expect(fallbackText([{ type: 'markdown', text: '' }, { type: 'fields', fields: [{ label: 'L', value: '- a' }] }, table])).toBe(['L:', '- a', '', ...tableLines(table)].join('\n'));
    expect(fallbackText([])).toBe('');
  });

  it('reply() and notice() write the text from the blocks, so it cannot disagree with them', () => {
    const blocks: Block[] = [{ type: 'heading', text: 'Title' }, { type: 'context', text: 'note' }];
    expect(reply('public', blocks, { replace: true })).toEqual({ visibility: 'public', text: 'Title\nnote', blocks, replace: true });
    expect(notice('Nothing was recorded.')).toEqual({ visibility: 'ephemeral', text: 'Nothing was recorded.', blocks: [{ type: 'markdown', text: 'Nothing was recorded.' }] });
  });

  it('every reply of a session is its blocks in words: cards, questions, verdicts, tables, charts, exams, admin lists', async () => {
    const as = (user: string, admin = false) => (line: string) => app.bot.handle(caller(user, { admin }), line.startsWith('/') ? { type: 'text', text: line } : { type: 'action', id: line });
    const ana = as('Ana');
    const replies: Reply[] = [];
    for (const line of ['/help', '/topics', '/explain fargate', '/explain ecs vs eks', '/explain ec2 vs ecs', '/explain s3', '/quiz lambda', '/leaderboard', '/readiness', '/readiness group', '/review', '/exam 10']) {
      replies.push(await ana(line));
    }
    const question = replies.find((r) => r.blocks.some((b) => b.type === 'choices' && b.pick === 1));
    const choices = question?.blocks.find((b) => b.type === 'choices');
    if (choices?.type === 'choices') replies.push(await ana(choiceActionId(choices.action, [0])));
    replies.push(await ana('/stats'), await as('Ada', true)('/daily status'), await as('Ada', true)('/reports'));
    expect(replies.length).toBeGreaterThan(14);
    for (const r of replies) {
      expect(r.text, r.text.slice(0, 60)).toBe(fallbackText(r.blocks));
      expect(r.text.length, JSON.stringify(r.blocks).slice(0, 80)).toBeGreaterThan(0);
    }
  });

  it("a reveal's text carries every number of its chart's alt text, and the full related-topic names a card's buttons shorten", () => {
    const item = app.library.items.find((i) => i.answer.length === 1 && i.choices.length === 4)!;
    const post: Post = { id: 1, communityId: 1, kind: 'daily', itemId: item.id, memberId: null, scheduleId: 1, channelId: 'C1', localDay: '2026-11-16', status: 'closed', messageRef: null, closesAt: 0, answerCount: 24, correctCount: 14 };
    const counts = new Map([[item.answer[0]!, 14], [(item.answer[0]! + 1) % 4, 6], [(item.answer[0]! + 2) % 4, 3], [(item.answer[0]! + 3) % 4, 1]]);
    const reveal = revealReply(item, post, app.library, { revealNames: false, rightNames: [], streakLeaders: [], choiceCounts: counts });
    const image = reveal.blocks.find((b) => b.type === 'image');
    if (image?.type !== 'image') throw new Error('the reveal has no chart');
    const numbers = image.alt.match(/\d+%?/g) ?? [];
    expect(numbers.length).toBeGreaterThan(4);
    const withoutAlt = fallbackText(reveal.blocks.filter((b) => b.type !== 'image'));
    for (const n of numbers) expect(withoutAlt, `${n} of "${image.alt}"`).toContain(n);
    expect(reveal.text).toContain(image.alt);

    const fargate = app.library.card(app.library.topics.find((t) => t.id === 'fargate')!);
    const related = app.library.topic('fargate')!.related.map((id) => app.library.topic(id)!.title);
    expect(related.length).toBeGreaterThan(4);
    for (const title of related) expect(fargate.text).toContain(title);
  });
});
