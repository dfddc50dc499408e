import { defaultContentDir } from '../app.js';
import { ContentError, loadContent } from '../core/content/load.js';

/** `npm run content:check [dir]`: validates every content file, as start-up does. */
const dir = process.argv[2] ?? (process.env.CONTENT_DIR || undefined) ?? defaultContentDir;
try {
  const { topics, items } = loadContent(dir);
  const perTopic = topics.map((t) => `${t.id} ${items.filter((i) => i.topic === t.id).length}`);
  process.stdout.write(`content ok: ${topics.length} topics, ${items.length} quiz items (${perTopic.join(', ')})\n`);
} catch (error) {
  process.stderr.write(`content error: ${error instanceof ContentError ? error.message : String(error)}\n`);
  process.exit(1);
}
