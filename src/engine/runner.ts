/**
 * Linting a list of files: read, lint, optionally fix and write back, per file. The CLI (and any
 * other front end) calls `lintFiles`; how the work is spread (in-process or over workers) lives here.
 */
import { createTwoFilesPatch } from 'diff';
import { fix, lintFile, type LintOptions, type LintResult } from './index.js';
import { writeFixed } from './write.js';

export interface RunOptions extends LintOptions {
  maxFileSize?: number;
  /** apply fixes and write the files */
  fix?: boolean;
  /** compute fixes and return them as a unified diff; write nothing */
  fixDryRun?: boolean;
}

export interface FileOutcome {
  result: LintResult;
  /** unified diff of the fixes (with fixDryRun) */
  diff?: string;
  /** a problem writing the fixes back */
  note?: string;
}

export async function lintOneFile(file: string, base: RunOptions): Promise<FileOutcome> {
  const o = { ...base, filename: file };
  const { result, info } = await lintFile(file, o);
  if (!(base.fix || base.fixDryRun) || !info.decoded || !result.messages.some((m) => m.fix)) return { result };
  const r = await fix(info.decoded.text, o);
  if (!r.changed) return { result };
  if (base.fixDryRun) return { result, diff: createTwoFilesPatch(file, file, info.decoded.text, r.output) };
  const w = await writeFixed(file, r.output, info.decoded, info, info.bytes);
  let note: string | undefined;
  if (w.outcome === 'changed-on-disk') note = `${file}: 文件在检查期间被修改，未写入修正 / changed on disk since it was read; fixes not written`;
  else if (w.outcome === 'unencodable') note = `${file}: 修正后的文字无法用原编码保存，未写入 / cannot be saved in the file's encoding; not written`;
  else if (w.outcome === 'failed') note = `${file}: 写入失败 / write failed (${w.reason})`;
  if (note) return { result, note };
  return { result: { ...r.result, filePath: file } };
}

export async function lintFiles(files: string[], base: RunOptions, onProgress?: (done: number, total: number) => void): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  for (const file of files) {
    out.push(await lintOneFile(file, base));
    onProgress?.(out.length, files.length);
  }
  return out;
}
