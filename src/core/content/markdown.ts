/** The sections of a topic body, before validation. */
export interface RawTopicBody {
  summary: string;
  keyPoints: string[];
  examTips: string[];
  examVsToday: string[];
}

const sectionKeys: Record<string, keyof Omit<RawTopicBody, 'summary'>> = {
  'key points': 'keyPoints',
  'exam tips': 'examTips',
  'exam answer vs today': 'examVsToday',
};

/**
 * Splits a topic body into its summary (the text before the first heading) and the
 * bullet lists under the known "## " headings. Unknown headings are kept as undefined
 * fields so validation can name them.
 */
export function parseTopicBody(markdown: string): RawTopicBody & { unknownSection?: string } {
  const body: RawTopicBody & { unknownSection?: string } = { summary: '', keyPoints: [], examTips: [], examVsToday: [] };
  let current: keyof Omit<RawTopicBody, 'summary'> | 'summary' = 'summary';
  const summary: string[] = [];
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) {
      const key = sectionKeys[(heading[1] ?? '').trim().toLowerCase()];
      if (!key) {
        body.unknownSection = heading[1];
        current = 'summary';
        continue;
      }
      current = key;
      continue;
    }
    if (current === 'summary') {
      if (line) summary.push(line);
      continue;
    }
    const bullet = /^[-*]\s+(.+)$/.exec(line);
    if (bullet) body[current].push((bullet[1] ?? '').trim());
    else if (line && body[current].length > 0) {
      // A wrapped bullet continues on the next line.
      const list = body[current];
      list[list.length - 1] = `${list[list.length - 1]} ${line}`;
    }
  }
  body.summary = summary.join(' ');
  return body;
}
