/** Gathers the drafts under the given paths into workflow entries (for ledger and cadence). */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { readMeta } from './frontmatter.js';
import { entryFromMeta, type WorkflowEntry } from './meta.js';

export const DRAFT_EXTENSIONS = ['md', 'markdown'];

export interface CollectOptions {
  cwd: string;
  /** glob patterns to skip (config `ignore`) */
  ignore?: string[];
}

/** Draft files under `paths` (files are taken as given; directories are searched), sorted. */
export async function draftFiles(paths: string[], opts: CollectOptions): Promise<string[]> {
  const files = new Set<string>();
  const ignore = ['**/node_modules/**', '**/.git/**', ...(opts.ignore ?? [])];
  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(opts.cwd, p);
    const st = await stat(abs).catch(() => null);
    if (!st) throw new Error(`no such file or directory: ${p}`);
    if (st.isFile()) {
      files.add(abs);
      continue;
    }
    const found = await glob(`**/*.{${DRAFT_EXTENSIONS.join(',')}}`, { cwd: abs, absolute: true, ignore, dot: false });
    for (const f of found) files.add(path.resolve(f));
  }
  return [...files].sort();
}

/** Workflow entries of the drafts under `paths`; files without front matter are skipped. */
export async function collectEntries(paths: string[], opts: CollectOptions): Promise<WorkflowEntry[]> {
  const files = await draftFiles(paths, opts);
  const out: WorkflowEntry[] = [];
  for (const f of files) {
    const meta = await readMeta(f);
    if (!meta) continue;
    out.push(entryFromMeta(path.relative(opts.cwd, f).split(path.sep).join('/') || f, meta));
  }
  return out;
}
