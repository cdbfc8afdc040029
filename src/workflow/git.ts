/**
 * The day a file first entered its git repository, for `meta/backdated`.
 * git is always run with execFile and an argument array (never a shell string); the
 * repository root is looked up once per directory and first-add dates once per file,
 * cached per repository for the life of the process.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => {
      resolve(err ? null : stdout);
    });
  });
}

const rootByDir = new Map<string, Promise<string | null>>();
/** repository root → (path relative to the root → first-add date) */
const addedByRepo = new Map<string, Map<string, Promise<string | null>>>();

/** The repository root containing `dir`; null outside a work tree, in a shallow clone, or without git. */
export function repoRoot(dir: string): Promise<string | null> {
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

/**
 * The author date (YYYY-MM-DD) of the commit that first added `file`, following renames;
 * null when the file is not committed, not in a repository, or git is unavailable.
 */
export async function firstAddedDate(file: string): Promise<string | null> {
  const abs = path.resolve(file);
  const root = await repoRoot(path.dirname(abs));
  if (!root) return null;
  let perRepo = addedByRepo.get(root);
  if (!perRepo) {
    perRepo = new Map();
    addedByRepo.set(root, perRepo);
  }
  const rel = path.relative(root, abs).split(path.sep).join('/');
  let p = perRepo.get(rel);
  if (!p) {
    p = git(['log', '--diff-filter=A', '--follow', '--format=%as', '--', rel], root).then((out) => {
      if (!out) return null;
      const dates = out.split('\n').map((s) => s.trim()).filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
      // newest first: the first addition is the last line
      return dates.length ? dates[dates.length - 1]! : null;
    });
    perRepo.set(rel, p);
  }
  return p;
}

/** Forget cached repository data (for long-running processes and tests). */
export function clearGitCache(): void {
  rootByDir.clear();
  addedByRepo.clear();
}
