import { rmSync } from 'node:fs';
import { ContentError } from '../core/content/load.js';
import { writeContentSnapshot } from '../core/content/snapshot.js';

/**
 * Run by `npm run build`: validates content/ and writes the snapshot the built bot starts
 * from. Quiet when the content is valid. Invalid content leaves no snapshot and does not
 * fail the build (npm install runs it): the bot reads the files and says what is wrong.
 */
const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('usage: content-snapshot <content dir> <snapshot file>\n');
  process.exit(2);
}
try {
  writeContentSnapshot(dir, out);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  rmSync(out, { force: true });
  process.stderr.write(`content error (no snapshot written; npm start will report it too): ${error.message}\n`);
}
