/**
 * `-o, --output-file` of lint, ledger and cadence: the report goes to a file, its folder made first.
 * A file that cannot be written (a file where a folder should be, no permission, /proc) is a
 * usage error (exit 2) that says which file and why, not an internal error.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../engine/errors.js';
import { makeDir } from '../engine/make-dir.js';

export function writeOutputFile(cwd: string, file: string, text: string): void {
  const target = resolve(cwd, file);
  // synchronous: at the end of a run there is nothing to overlap with, and two round trips
  // through the thread pool cost a one-file lint run a few ms on a busy machine
  try {
    makeDir(dirname(target));
    writeFileSync(target, text);
  } catch (e) {
    throw new UsageError(`无法写入输出文件 / cannot write the output file ${target}: ${(e as Error).message}`);
  }
}
