import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { defaultContentDir } from '../app.js';
import { ConfigError, parseConfig } from '../config.js';
import { loadContent } from '../core/content/load.js';
import { hasReportsTable, ReportStore, withholdAt, type CommunityReports } from '../store/reports.js';

/**
 * `npm run content:reports`: every open report in every community, for whoever maintains
 * the content. Reads DATABASE_PATH (and .env) read-only, so it is safe while the bot runs.
 */
function main(): number {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = parseConfig(process.env);
  if (!existsSync(config.DATABASE_PATH)) {
    process.stderr.write(`No database at ${config.DATABASE_PATH}: start the bot once, or set DATABASE_PATH.\n`);
    return 1;
  }
  const db = new Database(config.DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    const open = hasReportsTable(db) ? new ReportStore(db).allOpen() : [];
    process.stdout.write(`${format(open, topicTitles(config.CONTENT_DIR ?? defaultContentDir))}\n`);
    return 0;
  } finally {
    db.close();
  }
}

/** Item id → topic title, so a report reads "ecs-05 (Amazon ECS)"; empty when the content cannot be read. */
function topicTitles(dir: string): Map<string, string> {
  try {
    const content = loadContent(dir);
    const titles = new Map(content.topics.map((t) => [t.id, t.title]));
    return new Map(content.items.map((i) => [i.id, titles.get(i.topic) ?? i.topic]));
  } catch {
    return new Map();
  }
}

function format(open: readonly CommunityReports[], titles: ReadonlyMap<string, string>): string {
  if (open.length === 0) return 'No open reports in any community.';
  const lines = [`${open.length} reported item${open.length === 1 ? '' : 's'} (open reports, by community):`];
  for (const r of open) {
    const withheld = r.count >= withholdAt ? ', not served there until dismissed' : '';
    lines.push('', `${r.community} · ${r.itemId} (${titles.get(r.itemId) ?? 'not in the content'}) · ${r.count} report${r.count === 1 ? '' : 's'}${withheld}`);
    for (const t of r.texts) lines.push(`  - ${new Date(t.createdAt).toISOString().slice(0, 10)} ${t.member}: ${t.text.replace(/\s+/g, ' ')}`);
  }
  return lines.join('\n');
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`content:reports failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
