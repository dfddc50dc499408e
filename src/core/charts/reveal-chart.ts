import { horizontalBars, barLayout } from './bars.js';
import { card, palette, percent, text, type Chart } from './svg.js';

export interface RevealChartInput {
  /** Each choice in order: its letter, its text and how many chose it. */
  choices: { key: string; text: string; count: number }[];
  /** Indexes of the right choices. */
  correct: number[];
  /** Members who answered; a choose-two answer counts once here and once under each choice. */
  answered: number;
}

/** The daily reveal: the share of answers per choice, the right one marked. Never names anyone. */
export function revealChart(input: RevealChartInput): Chart {
  const right = new Set(input.correct);
  const rows = input.choices.map((c, i) => {
    const share = percent(c.count, input.answered);
    return {
      label: `${c.key}) ${c.text}`,
      fraction: input.answered === 0 ? 0 : c.count / input.answered,
      fill: right.has(i) ? palette.blue : palette.orange,
      value: `${share}% (${c.count})${right.has(i) ? ' right' : ''}`,
    };
  });
  const bars = horizontalBars(76, rows);
  const height = bars.bottom + 40;
  const subtitle = input.answered === 0 ? 'Nobody answered this one.' : `${input.answered} answered · the right answer is marked "right" and drawn in blue`;
  const parts = [text(24, 58, subtitle, { size: 13, fill: palette.muted }), ...bars.parts, text(24, height - 18, 'Share of answers per choice', { size: 12, fill: palette.muted })];
  const alt = `Share of answers per choice, ${input.answered} answered: ${input.choices
    .map((c, i) => `${c.key} ${percent(c.count, input.answered)}% (${c.count})${right.has(i) ? ', right answer' : ''}`)
    .join('; ')}.`;
  return { name: 'daily-reveal.png', alt, svg: card(barLayout.width, height, 'How the group answered', parts), width: barLayout.width, height };
}
