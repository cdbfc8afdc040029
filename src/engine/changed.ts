/**
 * `--changed [REF]` / `--since REF`: lint only the Markdown files changed against a git ref
 * (committed since the branch left REF, staged, unstaged, and untracked new drafts), and with
 * `--changed-lines` report only findings on changed lines — for adopting draftlint on a large
 * existing repository.
 *
 * git runs through `execFile` with argument arrays (never a shell string), so a ref or a file
 * name cannot inject anything. The base commit is `git merge-base REF HEAD` (what a pull request
 * shows), or REF itself when there is no common ancestor.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { isDraftFile } from './files.js';
import { withMessages } from './baseline.js';
import type { LintResult } from './index.js';

async function git(args: string[], cwd: string): Promise<string> {
  const { execFile } = await import('node:child_process'); // only for --changed and its kin
  return new Promise((ok, fail) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { stderr?: string };
        if (e.code === 'ENOENT') fail(new UsageError('--changed: 找不到 git 命令 / git is not installed or not on PATH'));
        else fail(Object.assign(new Error(String(stderr || err.message).trim()), { stderr }));
      } else ok(stdout);
    });
  });
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

export interface ChangeSet {
  /** the repository's top directory */
  root: string;
  /** the commit compared against */
  base: string;
  /** absolute (real) paths of changed or new Markdown files that exist in the working tree */
  files: string[];
  /** files not tracked by git (every line counts as changed) */
  untracked: Set<string>;
}

/** Which Markdown files changed against `ref` (default HEAD), as seen from `cwd`. */
export async function changedFiles(ref: string | undefined, cwd: string, extensions?: string[]): Promise<ChangeSet> {
  const target = ref ?? 'HEAD';
  if (target.startsWith('-')) throw new UsageError(`--changed: "${target}" 不是有效的 git 引用 / is not a git ref`);
  let root: string;
  try {
    root = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--changed: ${cwd} 不在 git 仓库中 / is not inside a git repository`);
  }
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${target}^{commit}`], root)).trim();
  } catch {
    throw new UsageError(`--changed: 找不到 git 引用 "${target}" / unknown git ref "${target}"${target === 'HEAD' ? ' (the repository has no commits yet)' : ' (paths go before --changed, or write --changed=REF)'}`);
  }
  let base = commit;
  try {
    const mb = (await git(['merge-base', commit, 'HEAD'], root)).trim();
    if (mb) base = mb;
  } catch {
    /* no common ancestor (or no HEAD): compare with the ref itself */
  }
  const diff = await git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMRT', base, '--'], root);
  const others = await git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name'], root);
  const rootReal = real(root);
  const names = new Set<string>();
  const untracked = new Set<string>();
  for (const n of diff.split('\0')) if (n && isDraftFile(n, extensions)) names.add(resolve(rootReal, n));
  for (const n of others.split('\0'))
    if (n && isDraftFile(n, extensions)) {
      const p = resolve(rootReal, n);
      names.add(p);
      untracked.add(p);
    }
  return { root: rootReal, base, files: [...names].sort(), untracked };
}

/** Keep only the files of `files` (absolute paths) that are in the change set. */
export function intersectChanged(files: string[], changes: ChangeSet): string[] {
  const set = new Set(changes.files);
  return files.filter((f) => set.has(real(f)));
}

/** Parse `git diff -U0` output into the set of changed line numbers of the new file. */
export function parseChangedLines(diff: string): Set<number> {
  const lines = new Set<number>();
  const re = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm;
  for (let m = re.exec(diff); m; m = re.exec(diff)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) lines.add(start + i);
  }
  return lines;
}

/** The changed lines of one file against the change set's base; 'all' for a new file. */
export async function changedLines(file: string, changes: ChangeSet): Promise<Set<number> | 'all'> {
  const abs = real(file);
  if (changes.untracked.has(abs)) return 'all';
  const out = await git(['diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--text', changes.base, '--', abs], changes.root);
  if (/^new file mode/m.test(out)) return 'all';
  return parseChangedLines(out);
}

/**
 * Keep only findings that touch a changed line. Findings that stopped a file from being linted
 * at all (unreadable, undecodable) are always kept.
 */
export async function filterChangedLines(results: LintResult[], changes: ChangeSet): Promise<LintResult[]> {
  const out: LintResult[] = [];
  for (const r of results) {
    if (!r.messages.length || r.filePath.startsWith('<')) {
      out.push(r);
      continue;
    }
    const lines = await changedLines(r.filePath, changes);
    if (lines === 'all') {
      out.push(r);
      continue;
    }
    const kept = r.messages.filter((m) => {
      if (m.fatal) return true;
      for (let l = m.line; l <= Math.max(m.line, m.endLine); l++) if (lines.has(l)) return true;
      return false;
    });
    out.push(kept.length === r.messages.length ? r : withMessages(r, kept));
  }
  return out;
}
