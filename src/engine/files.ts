/**
 * Which files to lint: paths are files, directories (recursed for Markdown, skipping
 * node_modules and .git and what `.draftlintignore` or config `ignore` exclude) or globs.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export const DRAFT_EXTENSIONS = ['.md', '.markdown'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.draftlintcache']);

export interface FileList {
  files: string[];
  /** explicit paths that do not exist (each becomes a meta/unreadable finding) */
  missing: string[];
  /** patterns or directories that matched nothing */
  empty: string[];
}

function loadIgnore(cwd: string, patterns: string[]): Ignore {
  const ig = ignore();
  const file = join(cwd, '.draftlintignore');
  if (existsSync(file)) ig.add(readFileSync(file, 'utf8'));
  ig.add(patterns);
  return ig;
}

export function isDraftFile(name: string, extensions = DRAFT_EXTENSIONS): boolean {
  const lower = name.toLowerCase();
  return extensions.some((e) => lower.endsWith(e));
}

export async function listFiles(
  paths: string[],
  opts: { cwd?: string; ignore?: string[]; extensions?: string[] } = {},
): Promise<FileList> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const extensions = opts.extensions ?? DRAFT_EXTENSIONS;
  const ig = loadIgnore(cwd, opts.ignore ?? []);
  const ignored = (abs: string, dir = false) => {
    const rel = relative(cwd, abs);
    if (!rel || rel.startsWith('..')) return false;
    const posix = rel.split(sep).join('/');
    return ig.ignores(dir ? posix + '/' : posix);
  };
  const out = new Set<string>();
  const result: FileList = { files: [], missing: [], empty: [] };
  const visited = new Set<string>();

  const walk = async (dir: string): Promise<number> => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return 0;
    }
    if (visited.has(real)) return 0; // symlink loop
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return 0;
    }
    let n = 0;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && (await stat(p).catch(() => null))?.isDirectory())) {
        if (SKIP_DIRS.has(e.name) || ignored(p, true)) continue;
        n += await walk(p);
      } else if (isDraftFile(e.name, extensions) && !ignored(p)) {
        out.add(p);
        n++;
      }
    }
    return n;
  };

  for (const raw of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, raw);
    const st = await lstat(abs).catch(() => null);
    if (st) {
      const target = st.isSymbolicLink() ? await stat(abs).catch(() => null) : st;
      if (target?.isDirectory()) {
        if ((await walk(abs)) === 0) result.empty.push(raw);
      } else {
        // an explicit file is linted whatever its extension (and even if broken: it gets a finding)
        out.add(abs);
      }
      continue;
    }
    // the glob library loads only for a path that names nothing (a one-file run never needs it)
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (isDynamicPattern(raw)) {
      const matches = await glob(raw, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], dot: false });
      const kept = matches.filter((m) => !ignored(m)).sort();
      if (!kept.length) result.empty.push(raw);
      for (const m of kept) out.add(resolve(m));
      continue;
    }
    result.missing.push(abs);
  }
  result.files = [...out];
  return result;
}
