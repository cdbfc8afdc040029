/**
 * `mkdir -p` that cannot hang. Node's own recursive mkdir (`fs.mkdir`/`mkdirSync` with
 * `recursive: true`, Node 20) retries for ever, at full CPU, when the file system answers ENOENT
 * for a directory whose parent exists, as /proc and /sys do: `--cache-location /proc/x` or
 * `-o /sys/x/report.txt` never ended. Here a parent found or made once makes a second ENOENT
 * final, and the caller gets the error.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes `dir` and any missing parents (each with `mode`, as `recursive: true` does). */
export function makeDir(dir: string, mode?: number): void {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (st?.isDirectory()) return; // the usual case: one stat, nothing thrown
  if (st) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}' (a file has that name)`), { code: 'ENOTDIR', path: dir });
  const parent = dirname(dir);
  if (parent !== dir) makeDir(parent, mode);
  try {
    mkdirSync(dir, { mode }); // ENOENT here, under a parent that exists, is final
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw e; // made meanwhile, else final
  }
}
