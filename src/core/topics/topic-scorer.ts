import { createBoundedDistance, letterMask, letterSetDifference } from './edit-distance.js';
import type { IndexData, Name } from './index-data.js';

/** Match quality of a word beside exact (1) and singular/plural (0.9, from pluralVariants). */
const oneEditQuality = 0.7;
const twoEditQuality = 0.5;
const relaxedQuality = 0.3;
/** A plural-or-better match counts as "exact" for the confident-name rule. */
const exactQuality = 0.9;

/**
 * Scores every topic against a list of query words. State lives in preallocated typed arrays
 * reused across calls (lookup is synchronous, so calls never interleave), which keeps the hot
 * path free of per-query allocation beyond the tokens themselves.
 */
export function createScorer(d: IndexData) {
  const topicCount = d.topics.length;
  const vocabSize = d.vocab.length;
  const distance = createBoundedDistance();
  const wordQuality = new Float64Array(vocabSize);
  const touched = new Int32Array(vocabSize);
  let touchedCount = 0;
  const matchWord = new Int32Array(vocabSize);
  const matchQuality = new Float64Array(vocabSize);
  let matchCount = 0;
  const tokenBest = new Float64Array(topicCount);
  const covered = new Int32Array(topicCount);
  const tokenScore = new Float64Array(topicCount);
  const bestName = new Float64Array(topicCount);
  const bestExactName = new Float64Array(topicCount);
  /** Most query words found together in one name of the topic, complete or not. */
  const bestPartial = new Int32Array(topicCount);
  const nameStamp = new Int32Array(d.names.length);
  let stamp = 0;
  let queryWords = 0;

  const addMatch = (w: number, quality: number): void => {
    for (let k = 0; k < matchCount; k++) {
      if (matchWord[k] === w) {
        if (quality > (matchQuality[k] as number)) matchQuality[k] = quality;
        return;
      }
    }
    matchWord[matchCount] = w;
    matchQuality[matchCount++] = quality;
  };

  const fuzzy = (token: string, edits: number, relaxed: boolean): void => {
    const n = token.length;
    const mask = letterMask(token);
    // Words of 1–3 letters are never fuzzy targets: "ecs"/"eks"/"ec2" are one edit apart.
    for (let len = Math.max(4, n - edits); len <= n + edits; len++) {
      const bucket = d.vocabByLength[len];
      if (!bucket) continue;
      for (const w of bucket) {
        // Cheap reject before the edit distance (see letterSetDifference).
        if (letterSetDifference(mask, d.vocabMasks[w] as number) > 2 * edits) continue;
        const dist = distance(token, d.vocab[w] as string, edits);
        if (dist > edits) continue;
        addMatch(w, relaxed ? relaxedQuality : dist <= 1 ? oneEditQuality : twoEditQuality);
      }
    }
  };

  /** Fills matchWord/matchQuality with the vocabulary words `token` may mean. */
  const collect = (token: string, relaxed: boolean): void => {
    matchCount = 0;
    const exact = d.variants.get(token);
    if (exact) {
      for (const [w, quality] of exact) addMatch(w, quality);
      return;
    }
    // Relaxed (hints only) allows two edits on 5–7 letter words; shorter words would be half
    // rewritten, and longer ones already had two edits in the strict pass that found nothing.
    if (relaxed ? token.length < 5 || token.length > 7 : token.length < 4) return;
    const edits = token.length <= 7 && !relaxed ? 1 : 2;
    fuzzy(token, edits, relaxed);
    // "lamdbas": a typo plus a plural is over budget, so also try the word without its "s".
    if (matchCount === 0 && token.length > 4 && token.charCodeAt(token.length - 1) === 115) fuzzy(token.slice(0, -1), edits, relaxed);
  };

  function score(tokens: readonly string[], relaxed: boolean): void {
    for (let k = 0; k < touchedCount; k++) wordQuality[touched[k] as number] = 0;
    touchedCount = 0;
    // Plain loops: for 16 topics they beat TypedArray.fill's call into the runtime.
    for (let t = 0; t < topicCount; t++) {
      covered[t] = 0;
      tokenScore[t] = 0;
      bestName[t] = 0;
      bestExactName[t] = 0;
      bestPartial[t] = 0;
    }
    queryWords = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (tokens.indexOf(token) < i) continue; // repeated words count once
      queryWords++;
      collect(token, relaxed);
      if (matchCount === 0) continue;
      for (let t = 0; t < topicCount; t++) tokenBest[t] = 0;
      for (let k = 0; k < matchCount; k++) {
        const w = matchWord[k] as number;
        const quality = matchQuality[k] as number;
        if (wordQuality[w] === 0) touched[touchedCount++] = w;
        if (quality > (wordQuality[w] as number)) wordQuality[w] = quality;
        const s = quality * (d.wordSpecificity[w] as number);
        for (const t of d.wordTopics[w] as number[]) if (s > (tokenBest[t] as number)) tokenBest[t] = s;
      }
      for (let t = 0; t < topicCount; t++) {
        const s = tokenBest[t] as number;
        if (s > 0) {
          covered[t] = (covered[t] as number) + 1;
          tokenScore[t] = (tokenScore[t] as number) + s;
        }
      }
    }
    // A name counts only when every one of its words was typed (in any order).
    stamp++;
    for (let k = 0; k < touchedCount; k++) {
      for (const n of d.wordNames[touched[k] as number] as number[]) {
        if (nameStamp[n] === stamp) continue;
        nameStamp[n] = stamp;
        const name = d.names[n] as Name;
        let sum = 0;
        let exact = true;
        let matched = 0;
        for (const w of name.words) {
          const q = wordQuality[w] as number;
          if (q === 0) continue;
          matched++;
          sum += q;
          if (q < exactQuality) exact = false;
        }
        if (matched > (bestPartial[name.topic] as number)) bestPartial[name.topic] = matched;
        if (matched < name.words.length) continue;
        const v = sum * name.weight;
        if (v > (bestName[name.topic] as number)) bestName[name.topic] = v;
        if (exact && name.weight === 1 && v > (bestExactName[name.topic] as number)) bestExactName[name.topic] = v;
      }
    }
  }

  /** Whole names count triple, then single words by specificity, minus words the topic does not explain. */
  const scoreOf = (t: number): number =>
    (covered[t] as number) === 0
      ? 0
      : 3 * (bestName[t] as number) + (tokenScore[t] as number) - 0.5 * (queryWords - (covered[t] as number));

  /**
   * The best topic if the match is trustworthy, else -1. A confident exact name may sit among
   * other words ("ecs launch types explained"); a fuzzy name or loose words must explain at least
   * half the query, so one weak typo-match inside a long unrelated sentence never yields a card.
   */
  function accepted(): number {
    let best = -1;
    let bestScore = -Infinity;
    for (let t = 0; t < topicCount; t++) {
      if (covered[t] === 0) continue;
      const s = scoreOf(t);
      if (s > bestScore) {
        bestScore = s;
        best = t;
      }
    }
    if (best < 0) return -1;
    const hits = covered[best] as number;
    const ratio = hits / queryWords;
    if ((bestExactName[best] as number) > 0 && ratio >= 1 / 3) return best;
    if ((bestName[best] as number) > 0 && ratio >= 0.5 && (queryWords <= 2 || hits >= 2)) return best;
    // Loose words must meet in one name ("batch job scheduling"), not be scattered over several.
    if ((bestPartial[best] as number) >= 2 && ratio >= 2 / 3) return best;
    // Every word typed exactly and used by this topic alone ("websocket", "orchestration").
    if (hits === queryWords && (tokenScore[best] as number) >= queryWords * exactQuality) return best;
    return -1;
  }

  /** Topics with any matching word, best first. */
  function ranked(limit: number): number[] {
    const out: number[] = [];
    for (let t = 0; t < topicCount; t++) if ((covered[t] as number) > 0) out.push(t);
    out.sort((a, b) => scoreOf(b) - scoreOf(a) || a - b);
    return out.slice(0, limit);
  }

  /** Whether every word of `words` was matched by the last scored query, and they are at least half of it. */
  function covers(words: readonly number[]): boolean {
    for (const w of words) if (wordQuality[w] === 0) return false;
    return words.length * 2 >= queryWords;
  }

  return { score, accepted, ranked, covers, scoreOf };
}
