/**
 * Text → word tokens for topic lookup. The same functions run over content names (once, at
 * index time) and over learner queries (on every lookup), so both sides agree on spelling.
 */

/**
 * Words learners wrap around a topic name ("what is", "explain ... please", "tell me about").
 * They are dropped from queries and from names alike, so "aws lambda", "amazon ecs" and
 * "what is serverless" reduce to the name itself. Comparison words are here too: once the
 * comparison has been split on them they carry no meaning of their own.
 */
export const fillerWords: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'be', 'it', 'its', 'this', 'that', 'there', 'of', 'for', 'in', 'on',
  'to', 'at', 'by', 'with', 'and', 'from', 'into', 'i', 'im', 'me', 'my', 'we', 'you', 'your', 'can', 'could',
  'would', 'should', 'do', 'does', 'did', 'what', 'whats', 'how', 'hows', 'why', 'when', 'where', 'which', 'who',
  'much', 'many', 'explain', 'explained', 'explanation', 'about', 'tell', 'show', 'give', 'info', 'information',
  'define', 'describe', 'mean', 'means', 'meaning', 'please', 'pls', 'plz', 'thanks', 'thank',
  'hi', 'hey', 'hello', 'help', 'need', 'want', 'know', 'learn', 'understand', 'use', 'using', 'used', 'work',
  'works', 'aws', 'amazon', 'vs', 'versus', 'v', 'vrs', 'or', 'against', 'compare', 'compared', 'comparing',
  'comparison', 'difference', 'differences', 'different', 'between', 'better', 'cheaper', 'faster', 'worse',
  'choose', 'pick', 'good',
  'some', 'any', 'all', 'than', 'again', 'quick', 'overview', 'basics', 'intro', 'introduction', 'exam',
]);

/**
 * Fillers that do not weaken a content name when stripped from it: "AWS Lambda" and "Docker vs VM"
 * are names; "when to use lambda" is a phrase about lambda and should rank below the name "lambda".
 */
export const neutralFillers: ReadonlySet<string> = new Set(['aws', 'amazon', 'vs', 'versus', 'v', 'or', 'and']);

/** Words that may sit between the two sides of a comparison on their own. */
const comparisonSeparators: ReadonlySet<string> = new Set(['vs', 'versus', 'v', 'vrs', 'or', 'against']);

/** With one of these in the query, "and", "with", "to" and "than" also split sides ("difference between X and Y"). */
const comparisonCues: ReadonlySet<string> = new Set([
  'compare', 'compared', 'comparing', 'comparison', 'difference', 'differences', 'different', 'between', 'differ',
  'better', 'cheaper', 'faster', 'worse',
]);
const cuedSeparators: ReadonlySet<string> = new Set(['and', 'with', 'to', 'than']);

/**
 * Single-word synonyms, applied to names and queries alike. "cost" → "pricing" lets
 * "how much does fargate cost" reach the "fargate pricing" alias without listing every wording.
 */
const synonyms: ReadonlyMap<string, string> = new Map([
  ['cost', 'pricing'], ['costs', 'pricing'], ['price', 'pricing'], ['prices', 'pricing'], ['priced', 'pricing'],
  ['billing', 'pricing'], ['billed', 'pricing'], ['bill', 'pricing'], ['charge', 'pricing'],
  ['charges', 'pricing'], ['charged', 'pricing'],
  // "vms" → "vm" so a comparison side "vms" has the same key as the compared term "vm".
  ['k8s', 'kubernetes'], ['vms', 'vm'],
  // Ways of saying "like a cron job", so "nightly script" reaches Lambda's serverless cron.
  ['crontab', 'cron'], ['nightly', 'cron'], ['hourly', 'cron'], ['weekly', 'cron'],
]);

/** "every night", "every hour"…: the second word of a phrase that means "like a cron job". */
const everyPeriods: ReadonlySet<string> = new Set(['night', 'day', 'hour', 'week', 'month', 'morning', 'minute', 'evening']);

/** The words of `text`, with synonyms applied: what lookup compares. */
export function tokenize(text: string): string[] {
  return canonicalize(splitWords(text));
}

/**
 * Splits text into lowercase ASCII words, without synonyms (autocomplete matches what was typed).
 * Accented and full-width letters are folded to ASCII ("Lámbda", "ｅｃｓ"); an apostrophe inside a
 * word is dropped ("lambda's" → "lambdas"); anything else separates words.
 */
export function splitWords(text: string): string[] {
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  return folded.toLowerCase().replace(/(?<=[a-z0-9])['\u2019](?=[a-z0-9])/g, '').match(/[a-z0-9]+/g) ?? [];
}

/** Applies the synonym table and the few multi-word synonyms ("virtual machines" → "vm", "how much" → "pricing", "every night" → "cron"). */
function canonicalize(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if (t === 'virtual' && (next === 'machine' || next === 'machines')) {
      out.push('vm');
      i++;
    } else if (t === 'how' && next === 'much') {
      // "how much is lambda" asks about price, not about Lambda in general.
      out.push('pricing');
      i++;
    } else if (t === 'every' && next !== undefined && everyPeriods.has(next)) {
      out.push('cron');
      i++;
    } else if (t === 'elastic' && next === 'compute' && tokens[i + 2] === 'cloud') {
      out.push('ec2');
      i += 2;
    } else {
      out.push(synonyms.get(t) ?? t);
    }
  }
  return out;
}

/** The tokens that carry meaning: `tokens` without filler words. */
export function contentTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (!fillerWords.has(t)) out.push(t);
  return out;
}

/** The key under which a phrase is matched exactly: its tokens with no spaces, so "api gw" = "apigw". */
export function phraseKey(tokens: readonly string[]): string {
  return tokens.join('');
}

/**
 * Where a query splits into two compared sides, as [left, right] token lists, or undefined.
 * "lambda vs. ec2", "batch or lambda", "lambda compared to ec2", "difference between docker and vm".
 */
export function splitComparison(tokens: readonly string[]): [string[], string[]] | undefined {
  let cued = false;
  for (const t of tokens) {
    if (comparisonCues.has(t)) {
      cued = true;
      break;
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    let width = 0;
    if (comparisonSeparators.has(t)) width = 1;
    else if (t === 'compared' && (tokens[i + 1] === 'to' || tokens[i + 1] === 'with')) width = 2;
    else if (cued && cuedSeparators.has(t)) width = 1;
    if (width === 0) continue;
    const left = contentTokens(tokens.slice(0, i));
    const right = contentTokens(tokens.slice(i + width));
    if (left.length > 0 && right.length > 0) return [left, right];
  }
  return undefined;
}

/**
 * Spellings of `word` a learner may type for it, with how sure the match is: the word itself,
 * and singular/plural forms ("container"/"containers", "registry"/"registries", "vm"/"vms").
 */
export function pluralVariants(word: string): Array<[string, number]> {
  const out: Array<[string, number]> = [[word, 1]];
  const plural = 0.9;
  out.push([`${word}s`, plural], [`${word}es`, plural]);
  const n = word.length;
  if (n > 2 && word.endsWith('y')) out.push([`${word.slice(0, -1)}ies`, plural]);
  if (n > 4 && word.endsWith('ies')) out.push([`${word.slice(0, -3)}y`, plural]);
  if (n >= 4 && word.endsWith('s') && !word.endsWith('ss')) out.push([word.slice(0, -1), plural]);
  if (n >= 5 && word.endsWith('es')) out.push([word.slice(0, -2), plural]);
  return out;
}
