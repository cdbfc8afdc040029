/**
 * The day a file first entered its git repository, for `meta/backdated`.
 * git is always run with execFile and an argument array (never a shell string); the
 * repository root is looked up once per repository (found by its `.git` entry) and the first-add dates of all files with one
 * `git log` per repository, cached for the life of the process.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

async function git(args: string[], cwd: string): Promise<string | null> {
  // required when git is first run: a run outside any repository never loads node:child_process
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', windowsHide: true, maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      resolve(err ? null : stdout);
    });
  });
}

const rootByDir = new Map<string, Promise<string | null>>();

/**
 * The nearest directory at or above `dir` that has a `.git` entry (a repository, a worktree or a
 * submodule), or null. Lets a run over files outside any repository skip spawning git for every
 * directory, and a run inside one spawn it once per repository instead of once per directory.
 */
const markerByDir = new Map<string, string | null>();
function gitMarkerDir(dir: string): string | null {
  const start = path.resolve(dir);
  let found = markerByDir.get(start);
  if (found !== undefined) return found;
  found = null;
  for (let d = start; ; ) {
    if (existsSync(path.join(d, '.git'))) {
      found = d;
      break;
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  markerByDir.set(start, found);
  return found;
}

/** The repository root containing `dir`; null outside a work tree, in a shallow clone, or without git. */
export function repoRoot(dir: string): Promise<string | null> {
  // GIT_DIR / GIT_WORK_TREE can point anywhere: then only git itself can tell
  const marker = process.env.GIT_DIR || process.env.GIT_WORK_TREE ? dir : gitMarkerDir(dir);
  if (marker === null) return Promise.resolve(null);
  dir = marker;
  let p = rootByDir.get(dir);
  if (!p) {
    // A shallow clone (CI checkouts often use depth 1) shows every file as added by the
    // boundary commit, which says nothing about when a draft was written: treat as unknown.
    p = git(['rev-parse', '--show-toplevel', '--is-shallow-repository'], dir).then((out) => {
      if (!out) return null;
      const [root, shallow] = out.split('\n').map((s) => s.trim());
      return root && shallow !== 'true' ? root : null;
    });
    rootByDir.set(dir, p);
  }
  return p;
}

/** repository root → (path relative to the root → first-add date), from one `git log` per repository */
const addedByRepo = new Map<string, Promise<Map<string, string>>>();

/**
 * Every file's first-add date in one pass over the history, oldest commit first: an added path
 * takes its commit's date, a renamed path keeps the date of the path it came from (as `--follow`).
 */
function firstAddedDates(root: string): Promise<Map<string, string>> {
  let p = addedByRepo.get(root);
  if (!p) {
    p = git(['-c', 'core.quotePath=false', 'log', '--reverse', '-M', '--diff-filter=AR', '--name-status', '--format=@%as'], root).then((out) => {
      const added = new Map<string, string>();
      let date = '';
      for (const line of (out ?? '').split('\n')) {
        if (line.startsWith('@')) {
          date = line.slice(1).trim();
          continue;
        }
        const [status, a, b] = line.split('\t');
        if (!status || !a) continue;
        if (status === 'A') {
          if (!added.has(a)) added.set(a, date);
        } else if (status.startsWith('R') && b) {
          if (!added.has(b)) added.set(b, added.get(a) ?? date);
        }
      }
      return added;
    });
    addedByRepo.set(root, p);
  }
  return p;
}

/**
 * The author date (YYYY-MM-DD) of the commit that first added `file`, following renames;
 * null when the file is not committed, not in a repository, or git is unavailable.
 */
export async function firstAddedDate(file: string): Promise<string | null> {
  const abs = path.resolve(file);
  const root = await repoRoot(path.dirname(abs));
  if (!root) return null;
  const rel = path.relative(root, abs).split(path.sep).join('/');
  const date = (await firstAddedDates(root)).get(rel);
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

/** Forget cached repository data (for long-running processes and tests). */
export function clearGitCache(): void {
  rootByDir.clear();
  addedByRepo.clear();
}
