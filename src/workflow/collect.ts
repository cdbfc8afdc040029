/** Gathers the drafts under the given paths into workflow entries (for ledger and cadence). */
import { statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../engine/files.js';
import { UsageError } from '../engine/errors.js';
import { readMeta } from './frontmatter.js';
import { entryFromMeta, type WorkflowEntry } from './meta.js';

export interface CollectOptions {
  cwd: string;
  /** patterns to skip (config `ignore`; `.draftlintignore` is read as for `lint`) */
  ignore?: string[];
}

export interface Collected {
  entries: WorkflowEntry[];
  /** files without usable front matter (skipped) */
  skipped: string[];
}

/**
 * Workflow entries of the drafts under `paths` (files, directories or globs, as `lint`
 * takes them). Paths in entries are relative to `cwd`, with `/` separators.
 */
export async function collectEntries(paths: string[], opts: CollectOptions): Promise<Collected> {
  const list = await listFiles(paths, { cwd: opts.cwd, ignore: opts.ignore });
  if (list.missing.length) throw new UsageError(`找不到文件或目录 / no such file or directory: ${list.missing.join(', ')}`);
  const entries: WorkflowEntry[] = [];
  const skipped: string[] = [];
  for (const f of [...list.files].sort()) {
    const rel = path.relative(opts.cwd, f).split(path.sep).join('/') || f;
    const meta = await readMeta(f).catch(() => null);
    if (!meta) skipped.push(rel);
    else entries.push(entryFromMeta(rel, meta));
  }
  return { entries, skipped };
}

/**
 * Where to look up `.draftlintrc.yml` from: the first path given (a directory or a file's
 * directory), else the working directory, as `lint` does for each file.
 */
export function configAnchor(paths: string[], cwd: string): string {
  const first = paths.find((p) => !/[*?[\]{}]/.test(p));
  if (!first) return path.resolve(cwd, 'x.md');
  const abs = path.resolve(cwd, first);
  let dir = false;
  try {
    dir = statSync(abs).isDirectory();
  } catch {
    /* missing: reported later */
  }
  return dir ? path.join(abs, 'x.md') : abs;
}
