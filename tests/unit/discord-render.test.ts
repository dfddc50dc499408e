import { afterAll, describe, expect, it } from 'vitest';
import { discordCommands, guildCommands } from '../../src/adapters/discord/commands.js';
import { limits, renderMessage, renderPlain } from '../../src/adapters/discord/render.js';
import { openPostReply, revealReply } from '../../src/core/daily/post-render.js';
import { anotherQuestionButton, questionReply, verdictReply } from '../../src/core/render/question.js';
import { comparisonCard } from '../../src/core/render/comparison-card.js';
import { topicCard } from '../../src/core/render/topic-card.js';
import type { Reply } from '../../src/core/reply.js';
import type { Post } from '../../src/store/posts.js';
import { commandProblem, messageProblem } from '../fakes/fake-discord-limits.js';
import type { Json } from '../fakes/fake-discord-payloads.js';
import { createTestApp } from '../support/test-app.js';

const app = createTestApp();
const { library } = app;
afterAll(() => app.dispose());

const post = (id: number, answerCount = 0): Post => ({
  id,
  communityId: 1,
  kind: 'daily',
  itemId: '',
  memberId: null,
  scheduleId: 1,
  channelId: '123',
  localDay: '2026-11-16',
  status: 'open',
  messageRef: null,
  closesAt: Date.UTC(2026, 10, 16, 14, 0),
  answerCount,
  correctCount: 0,
});

/** Every rendering must pass Discord's limits, rich and plain. */
function expectAccepted(reply: Reply): void {
  for (const body of [renderMessage(reply), renderMessage(reply, { notify: true }), renderPlain(reply)]) {
    expect(messageProblem(body as unknown as Json), reply.text.slice(0, 80)).toBeUndefined();
  }
}

describe('Discord rendering within Discord limits', () => {
  it('every topic card is an embed with "Quiz me on this" first', () => {
    for (const topic of library.topics) {
      const reply = topicCard(topic, library);
      expectAccepted(reply);
      const message = renderMessage(reply);
      expect(message.embeds[0]?.title).toBe(topic.title);
      expect(message.components[0]?.components[0]).toMatchObject({ label: 'Quiz me on this', custom_id: `qz:${topic.id}` });
    }
  });

  it('every comparison is an embed titled "X vs Y" with each row side by side, two fields to a row', () => {
    const withFacts = library.topics.filter((t) => Object.keys(t.facts).length > 0);
    expect(withFacts.length).toBeGreaterThanOrEqual(10);
    for (const a of withFacts) {
      for (const b of withFacts) {
        if (a === b) continue;
        const reply = comparisonCard(a, b);
        expectAccepted(reply);
        const embed = renderMessage(reply).embeds[0]!;
        expect(embed.title).toMatch(/ vs /);
        const fields = embed.fields ?? [];
        const rows = new Set([...Object.keys(a.facts), ...Object.keys(b.facts)]).size;
        // Rows, then the source line (text after fields becomes a field of its own).
        expect(fields).toHaveLength(rows * 3 + 1);
        expect(fields[rows * 3]?.value).toMatch(/Source: https:/);
        // Each row: the two sides inline, then a blank inline field so the next row starts on its own line.
        for (let i = 0; i < rows * 3; i += 3) {
          expect(fields.slice(i, i + 3).map((f) => f.inline)).toEqual([true, true, true]);
          expect(fields[i + 2]?.name).toBe('\u200b');
        }
      }
    }
  });

  it('every quiz item as a daily post, a verdict and a reveal; choose-two is a menu of exactly two', () => {
    for (const [i, item] of library.items.entries()) {
      const p = { ...post(i + 1, 12), itemId: item.id };
      const open = openPostReply(item, p, library, 'Europe/London');
      expectAccepted(open);
      const rendered = renderMessage(open, { notify: true });
      expect(rendered.content).toMatch(/^Daily quiz/);
      const row = rendered.components[0]!.components;
      if (item.answer.length > 1) {
        expect(row).toEqual([expect.objectContaining({ type: 3, custom_id: `ans:${i + 1}`, min_values: item.answer.length, max_values: item.answer.length })]);
      } else {
        expect(row.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual(item.choices.map((_, k) => `ans:${i + 1}:${k}`));
      }
      expectAccepted(questionReply(item, p, library, { visibility: 'ephemeral', header: 'Practice' }));
      expectAccepted(verdictReply(item, { correct: false, chosen: item.answer.map((a) => (a + 1) % item.choices.length), notes: ['Added to your /review queue'], buttons: [anotherQuestionButton(item.topic)] }));
      const names = Array.from({ length: 40 }, (_, k) => `Member number ${k} with a long name`);
      const reveal = revealReply(item, p, library, { revealNames: true, rightNames: names, streakLeaders: names.slice(0, 5).map((name, k) => ({ name, streak: 10 - k })), choiceCounts: new Map() });
      expectAccepted(reveal);
      // The reveal keeps one button: members report a question from its reveal too.
      expect(renderMessage(reveal).components.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')))).toEqual([`rep:${i + 1}`]);
    }
  });

  it('long values are split into fields, never cut silently, and the total stays within 6000', () => {
    const long = Array.from({ length: 200 }, (_, k) => `- line ${k} ${'x'.repeat(40)}`).join('\n');
    const reply: Reply = { visibility: 'public', text: 't', blocks: [{ type: 'heading', text: 'H'.repeat(300) }, { type: 'fields', fields: [{ label: 'Long', value: long }] }] };
    const embed = renderMessage(reply).embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(limits.title);
    expect(embed.fields![1]?.name).toBe('Long (cont.)');
    expectAccepted(reply);
  });

  it('a short notice is plain text, and no reply can ping anyone', () => {
    const message = renderMessage({ visibility: 'ephemeral', text: 'Hi @everyone', blocks: [{ type: 'markdown', text: 'Hi @everyone' }] });
    expect(message).toMatchObject({ content: 'Hi @everyone', embeds: [], allowed_mentions: { parse: [] } });
  });

  it('a leaderboard table is monospaced and a backtick in a name cannot break out of it', () => {
    const reply: Reply = { visibility: 'public', text: 't', blocks: [{ type: 'table', columns: ['#', 'Member'], rows: [['1', 'evil```name']], highlightRow: 0 }] };
    const description = renderMessage(reply).embeds[0]!.description!;
    expect(description.match(/```/g)).toHaveLength(2);
    expect(description).toContain("→ 1  evil'''name");
  });

  it('command JSON passes Discord validation, globally and per server', () => {
    const global = discordCommands(app.bot.specs);
    for (const command of global) expect(commandProblem(command as unknown as Json)).toBeUndefined();
    expect(guildCommands(global).every((c) => !('contexts' in c) && !('dm_permission' in c))).toBe(true);
    expect(() => discordCommands([{ name: 'Bad Name', description: 'x', usage: '', options: [], visibility: 'public' }])).toThrow(/not a valid Discord command/);
  });
});
