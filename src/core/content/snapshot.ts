import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseContent, readContentFiles, type ContentFiles } from './load.js';
import type { ContentBundle } from './schema.js';

/**
 * The content as validated at build time. Parsing the YAML and validating it with zod is
 * most of the bot's start-up work that is its own (about 100 ms on a slow VM), so `npm run
 * build` stores the result beside the bundle. It is used only when every content file is
 * byte for byte what was validated, so an edited, added or removed file is always read and
 * checked afresh. It sits beside the code that wrote it, so a change to the schema comes
 * with a new snapshot.
 */
interface Snapshot {
  key: string;
  bundle: ContentBundle;
}

/** A hash of every content file's name and bytes. */
export function contentKey(files: ContentFiles): string {
  const hash = createHash('sha256');
  for (const file of [files.exam, ...files.topics, ...files.quiz]) hash.update(`${relative(files.dir, file.path)}\0${file.text}\0`);
  return hash.digest('hex');
}

/** Validates the content under `dir` (throws ContentError) and writes its snapshot to `snapshotFile`. */
export function writeContentSnapshot(dir: string, snapshotFile: string): ContentBundle {
  const files = readContentFiles(dir);
  const snapshot: Snapshot = { key: contentKey(files), bundle: parseContent(files) };
  writeFileSync(snapshotFile, JSON.stringify(snapshot));
  return snapshot.bundle;
}

/** The content under `dir`: from the snapshot when the files are the ones it was made from, else read and validated. */
export function loadContentWithSnapshot(dir: string, snapshotFile: string): ContentBundle {
  const files = readContentFiles(dir);
  const snapshot = readSnapshot(snapshotFile);
  return snapshot?.key === contentKey(files) ? snapshot.bundle : parseContent(files);
}

function readSnapshot(file: string): Snapshot | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>;
    return typeof parsed.key === 'string' && parsed.bundle ? (parsed as Snapshot) : undefined;
  } catch {
    // No snapshot (a development run from src/) or an unreadable one: read the files instead.
    return undefined;
  }
}
