import { spawn, spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { resolve } from 'node:path';
import { fix, lint, lintFile, type LintMessage, type LintOptions } from '../src/engine/index.js';
import { computeLineStarts } from '../src/document/draft.js';
import type { ProseRun, RuleDef, RuleExample } from '../src/types.js';

export const root = resolve(import.meta.dirname, '..');
export const bin = resolve(root, 'bin/draftlint.js');

/** Run the real CLI. */
export function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? root,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DRAFTLINT_DAEMON: '0', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function exampleOptions(rule: RuleDef, ex: RuleExample): LintOptions {
  const config: Record<string, unknown> = { ...(ex.config ?? {}) };
  config.rules = { ...((config.rules as object) ?? {}), ...(ex.options ? { [rule.id]: { options: ex.options } } : {}) };
  return { filename: ex.filename ?? 'example.md', config, only: [rule.id] };
}

export async function lintExample(rule: RuleDef, ex: RuleExample) {
  const options = exampleOptions(rule, ex);
  if (ex.file) {
    const { result } = await lintFile(resolve(root, ex.file), { ...options, filename: ex.file });
    return result;
  }
  const input = ex.base64 !== undefined ? Buffer.from(ex.base64, 'base64') : ex.text ?? '';
  return lint(input, options);
}

export async function fixExample(rule: RuleDef, ex: RuleExample) {
  return fix(ex.text ?? '', exampleOptions(rule, ex));
}

/** The source text a message covers. */
export function covered(source: string, m: LintMessage): string {
  const starts = computeLineStarts(source);
  const s = starts[m.line - 1]! + m.column - 1;
  const e = starts[m.endLine - 1]! + m.endColumn - 1;
  return source.slice(s, e);
}

/** Run the real CLI without blocking the test worker (spawnSync would stall vitest's RPC). */
export function cliAsync(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DRAFTLINT_DAEMON: '0', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Every character of the runs is the source character it maps to; an entity (&amp;) maps its one
 * character to the whole entity; placeholders (code, URLs) and spaces (joined line breaks) aside.
 */
export function expectRunsMapToSource(source: string, runs: readonly ProseRun[]): void {
  for (const run of runs)
    for (let i = 0; i < run.text.length; i++) {
      const c = run.text[i]!;
      const s = source.slice(run.starts[i], run.ends[i]);
      if (c === '\ufffc' || c === ' ') continue;
      if (s === '&amp;') expect(c).toBe('&');
      else expect(s).toBe(c);
    }
}
