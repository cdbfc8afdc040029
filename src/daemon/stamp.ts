/**
 * What counts as "the same code" for a running daemon (server.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

/**
 * The code and data a daemon loaded: size and modification time of package.json, the bundled
 * command line and every file of rules/ and dictionaries/. A daemon whose stamp no longer matches
 * (draftlint updated or rebuilt, a rule or word list edited) stops instead of answering.
 */
export function packageStamp(root: string = packageRoot): string {
  const h = createHash('sha1');
  const add = (p: string) => {
    try {
      const s = statSync(p);
      h.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
    } catch {
      h.update(`${p}\0-\n`);
    }
  };
  add(join(root, 'package.json'));
  for (const f of ['cli.js', 'worker.js']) add(join(root, 'dist', 'bundle', f));
  for (const d of ['rules', 'dictionaries']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, d)).sort();
    } catch {
      /* absent: stamped as such */
    }
    h.update(`${d}:${names.length}\n`);
    for (const n of names) add(join(root, d, n));
  }
  return h.digest('hex');
}
