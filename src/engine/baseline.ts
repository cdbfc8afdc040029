/**
 * Baselines: adopt draftlint on a repository that already has findings. `--baseline-write FILE`
 * records today's findings; `--baseline FILE` then reports only findings that are not in it.
 *
 * A finding's fingerprint does not use line or column numbers, so it survives edits elsewhere in
 * the file: it hashes the rule id, the file path (relative to the baseline file, `/`-separated),
 * the source text the finding covers, and the finding's occurrence index among the findings of
 * the same rule covering the same text in that file (the second “按装” stays the second one when
 * a paragraph is inserted above it). Findings of the `meta/` family (about the file's front
 * matter as a whole, often anchored at its first character) use their message id and data
 * instead of the covered text; a finding that covers no text uses its message id and its
 * trimmed source line.
 *
 * The baseline file stores only hashes, the rule id, the path and the line at recording time (for
 * a human reading it), never the covered text: findings may cover personal data.
 */
import { nodeCrypto } from './lazy-crypto.js';
import { readFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { computeLineStarts } from '../document/draft.js';
import { UsageError } from './errors.js';
import type { LintMessage, LintResult } from './index.js';
import { makeDir } from './make-dir.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** path relative to the baseline file's directory, `/`-separated */
  file: string;
  /** line when recorded (informative only: not used for matching) */
  line: number;
}

export interface BaselineFile {
  tool: 'draftlint';
  version: number;
  entries: BaselineEntry[];
}

/** The path used in fingerprints: relative to `base`, `/`-separated; `<stdin>`-like names as they are. */
export function fingerprintPath(filePath: string, base: string): string {
  if (filePath.startsWith('<')) return filePath;
  const abs = isAbsolute(filePath) ? filePath : resolve(base, filePath);
  const rel = relative(base, abs) || abs;
  return rel.split(sep).join('/');
}

/** The source text a message covers ('' when it is empty or the source is unknown). */
export function coveredText(source: string | undefined, m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>, lineStarts?: number[]): string {
  if (source === undefined) return '';
  const starts = lineStarts ?? computeLineStarts(source);
  const at = (line: number, column: number) => {
    const ls = starts[Math.min(Math.max(line, 1), starts.length) - 1]!;
    return Math.min(ls + Math.max(column, 1) - 1, source.length);
  };
  const s = at(m.line, m.column);
  const e = at(m.endLine, m.endColumn);
  return e > s ? source.slice(s, e) : '';
}

function lineText(source: string | undefined, starts: number[] | undefined, line: number): string {
  if (source === undefined || !starts) return '';
  const s = starts[line - 1];
  if (s === undefined) return '';
  const e = starts[line] ?? source.length;
  return source.slice(s, e).trim();
}

function dataKey(data: Record<string, string | number> | undefined): string {
  if (!data) return '';
  return Object.keys(data)
    .sort()
    .map((k) => `${k}=${String(data[k])}`)
    .join('\u0001');
}

/**
 * Fingerprints of every message of a result, in message order. `base` is the directory paths are
 * made relative to (the baseline file's directory, or the working directory).
 */
export function fingerprints(result: LintResult, base: string): string[] {
  const path = fingerprintPath(result.filePath, base);
  const starts = result.source !== undefined ? computeLineStarts(result.source) : undefined;
  const order = result.messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.line - b.m.line || a.m.column - b.m.column || a.i - b.i);
  const seen = new Map<string, number>();
  const out: string[] = new Array(result.messages.length);
  for (const { m, i } of order) {
    const text = coveredText(result.source, m, starts);
    const what = m.ruleId.startsWith('meta/')
      ? `meta:${m.messageId}:${dataKey(m.data)}`
      : text
        ? `text:${text}`
        : `empty:${m.messageId}:${lineText(result.source, starts, m.line)}`;
    const key = `${m.ruleId}\u0000${path}\u0000${what}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out[i] = nodeCrypto().createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  }
  return out;
}

/** Recompute a result's counts after its messages were filtered. */
export function withMessages(r: LintResult, messages: LintMessage[]): LintResult {
  return {
    ...r,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
  };
}

export function buildBaseline(results: LintResult[], baselinePath: string): BaselineFile {
  const base = dirname(resolve(baselinePath));
  const entries: BaselineEntry[] = [];
  for (const r of results) {
    const fps = fingerprints(r, base);
    const file = fingerprintPath(r.filePath, base);
    r.messages.forEach((m, i) => entries.push({ fingerprint: fps[i]!, ruleId: m.ruleId, file, line: m.line }));
  }
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  return { tool: 'draftlint', version: BASELINE_VERSION, entries };
}

/**
 * Write a baseline file (atomically: a temporary file renamed over the target). A file that cannot
 * be written is a UsageError naming it; the temporary file is removed.
 */
export async function writeBaseline(results: LintResult[], baselinePath: string): Promise<BaselineFile> {
  const data = buildBaseline(results, baselinePath);
  const abs = resolve(baselinePath);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    makeDir(dirname(abs));
    await writeFile(tmp, JSON.stringify(data, null, 2) + '\n');
    await rename(tmp, abs);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new UsageError(`无法写入基线文件 / cannot write the baseline file ${abs}: ${(e as Error).message}`);
  }
  return data;
}

/** Read a baseline file; a missing or malformed file is a UsageError (exit 2). */
export function readBaseline(baselinePath: string): BaselineFile {
  const abs = resolve(baselinePath);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`--baseline ${baselinePath}: 无法读取基线文件 / cannot read the baseline file (${code === 'ENOENT' ? 'not found; create it with --baseline-write' : code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--baseline ${baselinePath}: 不是有效的 JSON / not valid JSON (${(e as Error).message})`);
  }
  const d = data as Partial<BaselineFile>;
  if (!d || typeof d !== 'object' || d.tool !== 'draftlint' || !Array.isArray(d.entries))
    throw new UsageError(`--baseline ${baselinePath}: 不是 draftlint 基线文件 / not a draftlint baseline file`);
  if (d.version !== BASELINE_VERSION)
    throw new UsageError(`--baseline ${baselinePath}: 基线文件版本 ${String(d.version)} 不受支持，请用 --baseline-write 重新生成 / unsupported baseline version; regenerate it with --baseline-write`);
  for (const e of d.entries)
    if (!e || typeof e !== 'object' || typeof e.fingerprint !== 'string')
      throw new UsageError(`--baseline ${baselinePath}: entries must each have a "fingerprint"`);
  return d as BaselineFile;
}

/** Drop the findings recorded in the baseline. Returns the filtered results and how many were dropped. */
export function applyBaseline(results: LintResult[], baseline: BaselineFile, baselinePath: string): { results: LintResult[]; known: number } {
  const base = dirname(resolve(baselinePath));
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  let dropped = 0;
  const out = results.map((r) => {
    if (!r.messages.length) return r;
    const fps = fingerprints(r, base);
    const kept = r.messages.filter((_, i) => !known.has(fps[i]!));
    dropped += r.messages.length - kept.length;
    return kept.length === r.messages.length ? r : withMessages(r, kept);
  });
  return { results: out, known: dropped };
}
