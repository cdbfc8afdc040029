/**
 * What an editor actually writes: Markdown, Word (`.docx`) and plain text (`.txt`) drafts, turned
 * into the Markdown text the engine lints — plus, for Word and text, front matter and a position
 * map so that findings are reported where the editor will look for them (Word: paragraph and
 * character; text: line and column of the original file).
 *
 * Front matter for a Word or text draft comes from a sidecar file next to it (`通知.docx.yml`,
 * plain YAML without `---` fences), then from the config's `defaults:` section (keys the sidecar
 * lacks), or is left out. Without any, the column and workflow rules (which need 栏目, 发布单位,
 * 日期, 审核…) stay quiet and the result says why, once.
 *
 * Used by `lintFile` (the CLI) and by the editors' desk server (uploads).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { decode } from './decode.js';
import { computeLineStarts } from './draft.js';
import { canonicalKey, scanFrontMatter } from './frontmatter.js';
import { docxToMarkdown } from './docx.js';
import { txtToMarkdown, type PositionMap } from './txt.js';
import type { Lang } from '../types.js';

export type DraftKind = 'markdown' | 'docx' | 'txt';

/** Extensions read by each reader (lower case). */
export const DOCX_EXTENSIONS = ['.docx'];
export const TXT_EXTENSIONS = ['.txt'];

/** The reader for a file name: `.docx` → Word, `.txt` → text, anything else → Markdown. */
export function draftKind(name: string): DraftKind {
  const ext = extname(name).toLowerCase();
  if (DOCX_EXTENSIONS.includes(ext)) return 'docx';
  if (TXT_EXTENSIONS.includes(ext)) return 'txt';
  return 'markdown';
}

/** A draft read for linting. */
export interface DraftInput {
  /** the Markdown text to lint (front matter included when there is any) */
  text: string;
  kind: DraftKind;
  /** the file's base name */
  name: string;
  /** how positions of this draft are to be read, for reports (absent for Markdown) */
  positionNote?: string;
  /** Word and text: where each character of the body of `text` comes from */
  map?: PositionMap;
  /** Word and text: the original as lines (Word: one paragraph a line), in which map positions are line:column */
  view?: string;
  /** offset in `text` where the body (the converted document) starts */
  bodyStart: number;
  /** where the front matter comes from */
  frontMatter: 'own' | 'sidecar' | 'defaults' | 'none';
  /** the sidecar file used, if any */
  sidecar?: string;
  /** reader warnings (e.g. Word styles mammoth did not recognise) */
  warnings: string[];
}

/** Thrown when a file cannot be turned into text (a broken `.docx`, undecodable bytes). */
export class DraftInputError extends Error {
  constructor(
    message: string,
    readonly ruleId: 'meta/unreadable' | 'meta/binary' | 'meta/encoding',
    readonly data: Record<string, string | number>,
  ) {
    super(message);
  }
}

/**
 * Rules that need front matter a Word or text draft does not have: they stay quiet for such
 * drafts when neither a sidecar nor config defaults give one.
 */
export const NEEDS_FRONT_MATTER = ['column/*', 'review/*', 'interpretation/*', 'meta/required', 'meta/backdated'];

function matches(pattern: string, id: string): boolean {
  return pattern === id || (pattern.endsWith('/*') && id.startsWith(pattern.slice(0, -1)));
}

/**
 * Front matter YAML (without fences) from a sidecar's text and config defaults: the sidecar
 * verbatim (so that its own line numbers stay meaningful), then each default whose key the
 * sidecar lacks. Returns null when there is neither.
 */
export function composeFrontMatter(sidecar: string | null, defaults: Record<string, unknown> | undefined): string | null {
  const defs = defaults && typeof defaults === 'object' ? Object.entries(defaults).filter(([, v]) => v !== undefined && v !== null && v !== '') : [];
  if (sidecar === null && !defs.length) return null;
  let yaml = sidecar === null ? '' : sidecar.replace(/^\ufeff/, '');
  if (yaml && !yaml.endsWith('\n')) yaml += '\n';
  let present = new Set<string>();
  if (sidecar !== null) {
    try {
      const data = parseYaml(yaml) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) present = new Set(Object.keys(data).map((k) => canonicalKey(k) ?? k));
      else if (data !== null && data !== undefined) return yaml; // not a mapping: leave it for meta/yaml to report
    } catch {
      return yaml; // invalid YAML: reported by meta/yaml at its own line; defaults would only add noise
    }
  }
  const missing = Object.fromEntries(defs.filter(([k]) => !present.has(canonicalKey(k) ?? k)));
  if (Object.keys(missing).length) yaml += stringifyYaml(missing);
  return yaml;
}

/** Draft fields an editor picks in the desk (or any front matter fields) — Chinese or English keys. */
export type FrontMatterFields = Record<string, string | undefined>;

/**
 * Fill front matter fields into Markdown text: when the text has no front matter, a new block
 * with the given fields is put in front; when it has one, the fields it lacks are added at its
 * end. Fields with empty values are ignored; fields the text already has are never changed.
 */
export function withFrontMatter(text: string, fields: FrontMatterFields | undefined): string {
  const given = Object.entries(fields ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as Array<[string, string]>;
  if (!given.length) return text;
  const clean = text.replace(/^\ufeff/, '');
  const { frontMatter, unclosed } = scanFrontMatter(clean);
  if (unclosed) return text; // broken block: leave it to meta/yaml
  const nl = clean.includes('\r\n') ? '\r\n' : '\n';
  const block = (pairs: Array<[string, string]>) =>
    stringifyYaml(Object.fromEntries(pairs.map(([k, v]) => [k, v.trim()])))
      .replace(/\n$/, '')
      .split('\n')
      .join(nl);
  if (!frontMatter) return `---${nl}${block(given)}${nl}---${nl}${nl}${clean}`;
  if (!frontMatter.data) return text; // invalid YAML: do not touch
  const have = new Set(frontMatter.keys.map((k) => k.canonical ?? k.key));
  const missing = given.filter(([k]) => !have.has(canonicalKey(k) ?? k));
  if (!missing.length) return text;
  const [, ce] = frontMatter.contentRange;
  const before = clean.slice(0, ce);
  const sep = before.endsWith('\n') || before.length === frontMatter.contentRange[0] ? '' : nl;
  return before + sep + block(missing) + nl + clean.slice(ce);
}

export interface ConvertOptions {
  /** front matter YAML (no fences) to put in front of a Word or text draft */
  frontMatterYaml?: string | null;
  /** where that YAML comes from */
  frontMatterSource?: 'sidecar' | 'defaults';
  sidecar?: string;
  lang?: Lang;
}

function positionNote(kind: DraftKind, lang: Lang): string | undefined {
  if (kind === 'docx')
    return lang === 'en'
      ? 'Word document: positions are paragraph:character (every paragraph counts, including empty ones and table cells).'
      : 'Word 文档：位置为“第几段:第几个字”（空段落和表格中的段落也计数）。';
  if (kind === 'txt') return lang === 'en' ? 'Text file: positions are line:column of the original file.' : '文本文件：位置为原文件的“行:列”。';
  return undefined;
}

/**
 * Turn a file's bytes into the text to lint. `name` picks the reader (by extension).
 * Throws DraftInputError when the bytes cannot be read as that kind of file.
 */
export async function convertDraft(bytes: Uint8Array, name: string, options: ConvertOptions = {}): Promise<DraftInput> {
  const kind = draftKind(name);
  const lang = options.lang ?? 'zh';
  if (kind === 'markdown') {
    const d = decode(bytes);
    if (!d.ok)
      throw d.kind === 'binary'
        ? new DraftInputError('binary file', 'meta/binary', {})
        : new DraftInputError('cannot decode', 'meta/encoding', { offset: d.offset ?? 0 });
    return { text: d.text, kind, name: basename(name), bodyStart: 0, frontMatter: scanFrontMatter(d.text).frontMatter ? 'own' : 'none', warnings: [] };
  }
  let converted: { markdown: string; map: PositionMap; view: string; warnings?: string[] };
  if (kind === 'docx') {
    try {
      converted = await docxToMarkdown(bytes);
    } catch (e) {
      const reason = lang === 'en' ? `not a readable Word (.docx) document: ${(e as Error).message}` : `不是可读取的 Word（.docx）文档：${(e as Error).message}`;
      throw new DraftInputError(reason, 'meta/unreadable', { reason });
    }
  } else {
    const d = decode(bytes);
    if (!d.ok)
      throw d.kind === 'binary'
        ? new DraftInputError('binary file', 'meta/binary', {})
        : new DraftInputError('cannot decode', 'meta/encoding', { offset: d.offset ?? 0 });
    converted = txtToMarkdown(d.text);
  }
  const yaml = options.frontMatterYaml ?? null;
  const head = yaml === null ? '' : `---\n${yaml}${yaml.endsWith('\n') || !yaml ? '' : '\n'}---\n\n`;
  const input: DraftInput = {
    text: head + converted.markdown,
    kind,
    name: basename(name),
    map: converted.map,
    view: converted.view,
    bodyStart: head.length,
    frontMatter: yaml === null ? 'none' : (options.frontMatterSource ?? 'sidecar'),
    warnings: converted.warnings ?? [],
    positionNote: positionNote(kind, lang),
  };
  if (options.sidecar) input.sidecar = options.sidecar;
  return input;
}

/** The sidecar front matter file of a Word or text draft: `通知.docx` → `通知.docx.yml` (or `.yaml`). */
export async function readSidecar(path: string): Promise<{ file: string; text: string } | null> {
  for (const file of [`${path}.yml`, `${path}.yaml`]) {
    try {
      return { file, text: await readFile(file, 'utf8') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
    }
  }
  return null;
}

export interface ReadOptions {
  /** the file's bytes when the caller has read them already */
  bytes?: Uint8Array;
  /** config `defaults:` (front matter fields for Word and text drafts) */
  defaults?: Record<string, unknown>;
  lang?: Lang;
}

/**
 * Read a draft file for linting: Markdown as it is; Word and text converted to Markdown, with
 * front matter from the sidecar `<file>.yml` and config `defaults`.
 */
export async function readDraftInput(path: string, options: ReadOptions = {}): Promise<DraftInput> {
  const bytes = options.bytes ?? (await readFile(path));
  const kind = draftKind(path);
  if (kind === 'markdown') return convertDraft(bytes, path, options);
  const side = await readSidecar(path);
  const yaml = composeFrontMatter(side?.text ?? null, options.defaults);
  return convertDraft(bytes, path, {
    lang: options.lang,
    frontMatterYaml: yaml,
    frontMatterSource: side ? 'sidecar' : 'defaults',
    sidecar: side?.file,
  });
}

/** The positions and notes a lint result of a converted draft carries. */
export interface InputExtras {
  /** how to read the positions (Word: paragraph:character; text: line:column) */
  positionNote?: string;
  /** things the editor should know about the whole file (said once) */
  notes?: string[];
  /** the reader used */
  kind?: DraftKind;
}

interface Positioned {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Map a lint result of `input.text` back to the original document: positions become Word
 * paragraph:character (or text line:column); findings in a sidecar's front matter name the
 * sidecar and its line; without front matter the rules in NEEDS_FRONT_MATTER are dropped and a
 * note says why. Fix ranges stay offsets into `input.text` (the converted Markdown, which is
 * `result.source`). Markdown results are returned unchanged.
 */
export function mapResultToInput<R extends { messages: Positioned[]; suppressedMessages?: Positioned[]; errorCount: number; warningCount: number; fixableErrorCount: number; fixableWarningCount: number }>(
  result: R,
  input: DraftInput,
  lang: Lang = 'zh',
): R & InputExtras {
  if (input.kind === 'markdown' || !input.map) return result;
  const starts = computeLineStarts(input.text);
  const map = input.map;
  const n = map.para.length;
  const offsetOf = (line: number, column: number) => Math.min(input.text.length, (starts[line - 1] ?? input.text.length) + column - 1);
  const side = input.sidecar ? basename(input.sidecar) : null;
  const remap = <M extends Positioned>(m: M): M => {
    const s = offsetOf(m.line, m.column);
    const e = Math.max(s, offsetOf(m.endLine, m.endColumn));
    if (s < input.bodyStart) {
      // in the front matter: line 2 of the text is line 1 of the sidecar
      const where =
        input.frontMatter === 'sidecar' && side
          ? lang === 'en'
            ? `[${side} line ${Math.max(1, m.line - 1)}] `
            : `〔${side} 第${Math.max(1, m.line - 1)}行〕`
          : lang === 'en'
            ? '[front matter from config defaults] '
            : '〔配置 defaults 中的文件头〕';
      return { ...m, message: where + m.message, line: 1, column: 1, endLine: 1, endColumn: 1 };
    }
    if (!n) return { ...m, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const i = Math.min(n - 1, s - input.bodyStart);
    const out = { ...m, line: map.para[i]!, column: map.char[i]! };
    if (e > s) {
      const j = Math.min(n - 1, e - 1 - input.bodyStart);
      out.endLine = map.para[j]!;
      out.endColumn = map.char[j]! + 1;
    } else {
      out.endLine = out.line;
      out.endColumn = out.column;
    }
    return out;
  };
  // fixes: offsets into the view, when the edit lies inside one paragraph's own text
  const viewStarts = computeLineStarts(input.view ?? '');
  const viewOffset = (i: number): number | null => {
    const k = i - input.bodyStart;
    if (k < 0 || k >= n) return null;
    return (viewStarts[map.para[k]! - 1] ?? NaN) + map.char[k]! - 1;
  };
  const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  const mapFix = (f: { range: [number, number]; text: string }): { range: [number, number]; text: string } | null => {
    if (input.view === undefined) return null;
    const [s, e] = f.range;
    const a = viewOffset(s);
    if (a === null || Number.isNaN(a)) return null;
    const b = e > s ? viewOffset(e - 1) : a - 1;
    if (b === null || Number.isNaN(b)) return null;
    const range: [number, number] = [a, b + 1];
    if (range[1] < range[0] || input.view.slice(range[0], range[1]) !== unescape(input.text.slice(s, e))) return null;
    return { range, text: unescape(f.text) };
  };
  const withFixes = <M extends Positioned>(m: M): M => {
    const x = m as M & { fix?: { range: [number, number]; text: string }; suggestions?: Array<{ desc: string; fix: { range: [number, number]; text: string } }> };
    const out = { ...x };
    if (x.fix) {
      const f = mapFix(x.fix);
      if (f) out.fix = f;
      else delete out.fix;
    }
    if (x.suggestions) {
      const sg = x.suggestions.flatMap((g) => {
        const f = mapFix(g.fix);
        return f ? [{ ...g, fix: f }] : [];
      });
      if (sg.length) out.suggestions = sg;
      else delete out.suggestions;
    }
    return out;
  };
  let messages = result.messages.map((m) => withFixes(remap(m)));
  const extras: InputExtras = { kind: input.kind };
  if (input.positionNote) extras.positionNote = input.positionNote;
  const notes: string[] = [];
  if (input.frontMatter === 'none') {
    messages = messages.filter((m) => !needsFrontMatter(m.ruleId));
    notes.push(noFrontMatterNote(lang, `${input.name}.yml`));
  }
  for (const w of input.warnings) notes.push((lang === 'en' ? 'Word reader: ' : 'Word 读取提示：') + w);
  if (notes.length) extras.notes = notes;
  const out = recount({ ...result, messages, ...extras } as R & InputExtras);
  // the source is the original as the editor sees it, so that excerpts and fix ranges fit
  if (input.view !== undefined && 'source' in result) (out as { source?: string }).source = input.view;
  if (result.suppressedMessages) (out as { suppressedMessages: Positioned[] }).suppressedMessages = result.suppressedMessages.map(remap);
  return out;
}

/** True for the rules that stay quiet on a draft without front matter (NEEDS_FRONT_MATTER). */
export function needsFrontMatter(ruleId: string): boolean {
  return NEEDS_FRONT_MATTER.some((p) => matches(p, ruleId));
}

/** The note said once when a draft has no front matter. `sidecar` names where the fields could go. */
export function noFrontMatterNote(lang: Lang, sidecar?: string): string {
  if (lang === 'en')
    return `No front matter (column, unit, date, review…): the column and workflow rules were not run. ${
      sidecar ? `Put the fields in a sidecar file next to the draft (${sidecar}) or in the config's "defaults".` : 'Pick the column, unit, channel and date above.'
    }`;
  return `未提供文件头（栏目、发布单位、日期、审核等），栏目和审核流程类检查未进行。${
    sidecar ? `可在稿件旁放同名文件 ${sidecar}，或在配置 defaults 中填写。` : '请在上方选择栏目、发布单位、渠道和日期。'
  }`;
}

/** Recompute the counts of a result after its messages changed. */
export function recount<R extends { messages: Positioned[]; errorCount: number; warningCount: number; fixableErrorCount: number; fixableWarningCount: number }>(out: R): R {
  const messages = out.messages;
  const fixable = (m: Positioned) => !!(m as { fix?: unknown }).fix;
  const sev = (m: Positioned) => (m as unknown as { severity: number }).severity;
  out.errorCount = messages.filter((m) => sev(m) === 2).length;
  out.warningCount = messages.filter((m) => sev(m) === 1).length;
  out.fixableErrorCount = messages.filter((m) => sev(m) === 2 && fixable(m)).length;
  out.fixableWarningCount = messages.filter((m) => sev(m) === 1 && fixable(m)).length;
  return out;
}

/**
 * Why `--fix` does not write a file, or null when it may: a Word document cannot be rewritten
 * from its Markdown text (the report shows the fixes instead), nor can a text file whose
 * Markdown form differs from it.
 */
export function fixRefusal(path: string, lang: Lang = 'zh'): string | null {
  const kind = draftKind(path);
  if (kind === 'docx')
    return lang === 'en'
      ? `${path}: --fix cannot rewrite a Word document; apply the fixes shown in the report in Word (or use "draftlint serve").`
      : `${path}：--fix 不能改写 Word 文档，请按报告中的修正建议在 Word 中修改（或使用 draftlint serve 网页）。`;
  if (kind === 'txt')
    return lang === 'en'
      ? `${path}: --fix does not rewrite text files; apply the fixes shown in the report.`
      : `${path}：--fix 不改写文本文件，请按报告中的修正建议修改。`;
  return null;
}

/**
 * A title for a draft that has none: its first heading, else its first line when that is short
 * and reads like a title (no closing punctuation). Null when there is no such line.
 */
export function deriveTitle(markdown: string): string | null {
  const { frontMatter } = scanFrontMatter(markdown);
  const body = frontMatter ? markdown.slice(frontMatter.range[1]) : markdown;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('<!--')) continue;
    const h = /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    const text = (h ? h[1]! : line).replace(/\\([!-/:-@[-`{-~])/g, '$1').trim();
    if (h) return text || null;
    return text.length <= 60 && !/[：:。；;，,]$/.test(text) && !/^[-*+>|]/.test(line) ? text : null;
  }
  return null;
}
