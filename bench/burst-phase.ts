import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { App } from '../src/app.js';
import type { Caller } from '../src/core/commands/spec.js';
import type { Dataset } from './dataset.js';
import { nowMs } from './measure.js';

/** Presses in flight at once in the burst, as when a channel's members answer together. */
const wave = 500;

/**
 * The machine's limit for writing answers the way the bot commits them: the presses of one
 * event-loop turn (one wave) in one transaction, at the bot's durability (WAL, synchronous
 * = FULL). Each call of the returned function writes one wave and returns its milliseconds.
 */
function batchedRawWriter(dir: string, name: string): { write(members: number): number; close(): void } {
  const db = new Database(join(dir, `raw-batched-${name}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, post_id INTEGER, member_id INTEGER, choice TEXT, at INTEGER)');
  const insert = db.prepare('INSERT INTO raw (post_id, member_id, choice, at) VALUES (?, ?, ?, ?)');
  let next = 0;
  const writeWave = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(1, next++, '0', Date.now());
  });
  return {
    write(members) {
      const start = nowMs();
      writeWave(members);
      return nowMs() - start;
    },
    close: () => db.close(),
  };
}

export interface BurstSet {
  /** Answers per second through the core and the store. */
  bot: number;
  /** Inserts per second, batched per wave in one transaction, same durability. */
  raw: number;
  ratio: number;
}

export interface BurstComparison {
  sets: BurstSet[];
  /** The middle set by ratio, and the lowest and highest ratios. */
  median: BurstSet;
  spread: [number, number];
  /** Answers stored for the post: every fresh member once. */
  recorded: number;
}

/**
 * The dataset's fresh members answer today's daily post through the core and the store, in
 * waves of 500 presses in flight at once, split into three sets; within each set every bot
 * wave is paired with a raw batched wave of the same size, the two alternating which goes
 * first, so a noisy moment of the machine falls on both sides alike.
 */
export async function answerBurst(app: App, dataset: Dataset, dir: string, sets = 3): Promise<BurstComparison> {
  const caller = (user: string): Caller => ({
    community: { platform: 'discord', externalId: dataset.bigGuildId, name: 'Big study guild' },
    userId: user,
    displayName: user,
    isAdmin: false,
  });
  const right = `ans:${dataset.openPostId}:${dataset.openItem.answer.join('+')}`;
  const wrong = `ans:${dataset.openPostId}:${(dataset.openItem.answer[0]! + 1) % dataset.openItem.choices.length}`;
  const botWave = async (members: readonly string[], offset: number): Promise<number> => {
    const start = nowMs();
    await Promise.all(members.map((user, j) => app.bot.handle(caller(user), { type: 'action', id: (offset + j) % 3 === 0 ? wrong : right })));
    return nowMs() - start;
  };
  const size = Math.ceil(dataset.freshMembers.length / sets);
  const results: BurstSet[] = [];
  for (let s = 0; s < sets; s++) {
    const raw = batchedRawWriter(dir, String(s));
    const members = dataset.freshMembers.slice(s * size, (s + 1) * size);
    let botMs = 0;
    let rawMs = 0;
    for (let i = 0; i < members.length; i += wave) {
      const slice = members.slice(i, i + wave);
      if ((i / wave) % 2 === 0) {
        botMs += await botWave(slice, s * size + i);
        rawMs += raw.write(slice.length);
      } else {
        rawMs += raw.write(slice.length);
        botMs += await botWave(slice, s * size + i);
      }
    }
    raw.close();
    const bot = members.length / (botMs / 1000);
    const rawRate = members.length / (rawMs / 1000);
    results.push({ bot, raw: rawRate, ratio: bot / rawRate });
  }
  const byRatio = [...results].sort((a, b) => a.ratio - b.ratio);
  const recorded = app.store.db.prepare('SELECT count(*) FROM answers WHERE post_id = ?').pluck().get(dataset.openPostId) as number;
  return { sets: results, median: byRatio[Math.floor(byRatio.length / 2)]!, spread: [byRatio[0]!.ratio, byRatio[byRatio.length - 1]!.ratio], recorded };
}
