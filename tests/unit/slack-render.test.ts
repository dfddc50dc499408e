import { describe, expect, it } from 'vitest';
import { parseSlackActionId, pickActionId, submitActionId } from '../../src/adapters/slack/action-ids.js';
import { renameCommands, slackCommandName } from '../../src/adapters/slack/command-names.js';
import { decodeCommandText, toMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import { renderReply } from '../../src/adapters/slack/render.js';
import { loadContent } from '../../src/core/content/load.js';
import { comparisonCard } from '../../src/core/render/comparison-card.js';
import type { Reply } from '../../src/core/reply.js';

const reply = (blocks: Reply['blocks'], text = 'fallback'): Reply => ({ visibility: 'ephemeral', text, blocks });

describe('core markdown to Slack mrkdwn', () => {
  it('turns **bold** into *bold* and "- " bullets into •', () => {
    expect(toMrkdwn('**Key** points\n- one\n  - two')).toBe('*Key* points\n• one\n  • two');
  });

  it('escapes &, < and > so usage lines survive, but keeps channel mentions', () => {
    expect(toMrkdwn('/explain <topic> & more')).toBe('/explain &lt;topic&gt; &amp; more');
    expect(toMrkdwn('Daily quiz set for <#C0STUDY>.')).toBe('Daily quiz set for <#C0STUDY>.');
    expect(toMrkdwn('<!here> <@U123>')).toBe('&lt;!here&gt; &lt;@U123&gt;');
  });

  it('decodes slash command text as Slack escapes it, keeping channel mentions for the core', () => {
    expect(decodeCommandText('lambda &amp; batch &lt;3')).toBe('lambda & batch <3');
    expect(decodeCommandText('set <#C0STUDY|study> 09:00')).toBe('set <#C0STUDY|study> 09:00');
    expect(decodeCommandText('<https://aws.amazon.com|aws>')).toBe('https://aws.amazon.com');
  });
});

describe('command names with a prefix', () => {
  it('adds the prefix', () => {
    expect(slackCommandName('explain')).toBe('explain');
    expect(slackCommandName('explain', 'cs')).toBe('cs-explain');
    expect(slackCommandName('explain', 'cs_')).toBe('cs_explain');
  });

  it('renames commands in text but not URL paths or longer words', () => {
    const names = ['explain', 'quiz', 'review'];
    expect(renameCommands('Try /quiz or (/explain fargate).', names, 'cs')).toBe('Try /cs-quiz or (/cs-explain fargate).');
    expect(renameCommands('https://docs.aws.amazon.com/quiz/ and /quizzes', names, 'cs')).toBe('https://docs.aws.amazon.com/quiz/ and /quizzes');
    expect(renameCommands('/review', names)).toBe('/review');
  });
});

describe('Reply to Block Kit', () => {
  it('renders every block type within Slack limits', () => {
    const { text, blocks } = renderReply(
      reply([
        { type: 'heading', text: 'H'.repeat(200) },
        { type: 'markdown', text: '**Bold** text' },
        { type: 'fields', fields: [{ label: 'Key points', value: '- a\n- b' }] },
        { type: 'fields', fields: [{ label: 'Points', value: '3' }, { label: 'Streak', value: '2' }] },
        { type: 'buttons', buttons: [{ id: 'qz:ecs', label: 'L'.repeat(100), style: 'primary' }, { id: 'exp:ecr', label: 'Amazon ECR' }] },
        { type: 'table', columns: ['#', 'Member'], rows: [['1', 'Ada'], ['2', 'Bob']], highlightRow: 1 },
        { type: 'context', text: 'Source: https://aws.amazon.com/' },
      ], '**Bold** fallback'),
    );
    expect(text).toBe('*Bold* fallback');
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions', 'section', 'context']);
    const json = JSON.stringify(blocks);
    expect(json).toContain('*Key points*\\n• a\\n• b');
    expect((blocks[0] as { text: { text: string } }).text.text).toHaveLength(150);
    const buttons = (blocks[4] as { elements: { text: { text: string }; action_id: string; style?: string }[] }).elements;
    expect(buttons[0]?.text.text).toHaveLength(75);
    expect(buttons.map((b) => b.action_id)).toEqual(['qz:ecs', 'exp:ecr']);
    expect(buttons[0]?.style).toBe('primary');
    expect(json).toContain('→ 2  Bob');
  });

  it('shows a comparison as a header, then one two-column section per row, then buttons to both cards', () => {
    const topics = loadContent('content').topics;
    const ecs = topics.find((t) => t.id === 'ecs')!;
    const eks = topics.find((t) => t.id === 'eks')!;
    const { blocks } = renderReply(comparisonCard(ecs, eks));
    const rows = Object.keys(ecs.facts).length;
    expect(blocks.map((b) => b.type)).toEqual(['header', ...Array<string>(rows).fill('section'), 'actions', 'context']);
    expect((blocks[0] as { text: { text: string } }).text.text).toBe('Amazon ECS vs Amazon EKS');
    for (const section of blocks.slice(1, rows + 1) as Array<{ fields?: Array<{ text: string }> }>) {
      expect(section.fields).toHaveLength(2);
      expect(section.fields![0]!.text).toMatch(/^\*.+ · Amazon ECS\*\n/);
      expect(section.fields![1]!.text).toMatch(/^\*.+ · Amazon EKS\*\n/);
    }
  });

  it('lays out a choose-one question as lettered buttons carrying the answer action', () => {
    const { blocks } = renderReply(reply([{ type: 'choices', action: 'ans:7', pick: 1, choices: [{ key: 'A', text: 'Lambda' }, { key: 'B', text: 'Batch' }] }]));
    const actions = blocks[1] as { type: string; elements: { action_id: string; text: { text: string } }[] };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => [e.action_id, e.text.text])).toEqual([['ans:7:0', 'A'], ['ans:7:1', 'B']]);
    expect(JSON.stringify(blocks[0])).toContain('*A)* Lambda');
  });

  it('lays out a choose-two question as checkboxes with a submit button', () => {
    const { blocks } = renderReply(reply([{ type: 'choices', action: 'ans:9', pick: 2, choices: ['A', 'B', 'C'].map((key) => ({ key, text: `choice ${key}` })) }]));
    const actions = blocks[1] as { elements: { type: string; action_id: string; options?: { value: string }[] }[] };
    expect(actions.elements.map((e) => [e.type, e.action_id])).toEqual([['checkboxes', pickActionId('ans:9')], ['button', submitActionId('ans:9')]]);
    expect(actions.elements[0]?.options?.map((o) => o.value)).toEqual(['0', '1', '2']);
    expect(parseSlackActionId(submitActionId('ans:9'))).toEqual({ kind: 'submit', answerAction: 'ans:9' });
  });

  it('drops a repeated action id and caps the number of blocks', () => {
    const many = reply([
      { type: 'buttons', buttons: [{ id: 'rvn', label: 'Next' }, { id: 'rvn', label: 'Again' }] },
      ...Array.from({ length: 80 }, (_, i) => ({ type: 'markdown' as const, text: `line ${i}` })),
    ]);
    const { blocks } = renderReply(many);
    expect(blocks).toHaveLength(50);
    expect((blocks[0] as { elements: unknown[] }).elements).toHaveLength(1);
    expect(JSON.stringify(blocks[49])).toContain('shortened');
  });

  it('renames commands in rendered text when a prefix is set', () => {
    const { text, blocks } = renderReply(reply([{ type: 'markdown', text: 'Type /help' }], 'Type /help'), { commandPrefix: 'cs', commandNames: ['help'] });
    expect(text).toBe('Type /cs-help');
    expect(JSON.stringify(blocks)).toContain('Type /cs-help');
  });
});
