/**
 * Context-aware term matching for the prohibited/* rules (pure; no engine types beyond strings).
 *
 * A dictionary line is `pattern<TAB>mode<TAB>messageId<TAB>requires<TAB>unless` (`-` = none):
 * - pattern: a literal term, or `re:<regex>` (checked with safe-regex2 when loaded);
 * - mode:
 *   - `mark`    — only when the term stands as a label: bracketed （讨论稿）【内部资料】, alone in its
 *                 line/cell, at the start of a line followed by a separator, or at the end of a title/line;
 *   - `titlemark` — like `mark`, and also at the very end of the draft's title (XX方案讨论稿);
 *   - `phrase`  — anywhere, unless cited/quoted or preceded in its clause by words that talk *about*
 *                 the category (严禁/不得/涉及/属于/标注…);
 *   - `always`  — anywhere except inside 《》 (a regex that is itself unambiguous, e.g. 秘密★1年);
 * - messageId: the rule message to use (names the category);
 * - requires / unless: regexes tested on the sentence around the match;
 * - unlessTitle (optional 6th field): a regex; the hit is dropped when the draft's title matches.
 */
import { execAll } from '../util/regex.js';

export type TermMode = 'mark' | 'titlemark' | 'phrase' | 'always';

export interface TermEntry {
  pattern: string;
  re: RegExp;
  mode: TermMode;
  messageId: string;
  requires?: RegExp;
  unless?: RegExp;
  unlessTitle?: RegExp;
  /** dictionary line (0 for config terms) */
  line: number;
  source: string;
}

export interface TermHit {
  start: number;
  end: number;
  text: string;
  entry: TermEntry;
}

const ESC = /[.*+?^${}()|[\]\\]/g;

export function compileEntry(
  fields: string[],
  line: number,
  source: string,
  isSafe: (re: RegExp) => boolean = () => true,
): TermEntry | string {
  const [pattern = '', mode = 'phrase', messageId = 'default', requires = '-', unless = '-', unlessTitle = '-'] = fields.map((f) => f.trim());
  if (!pattern) return `${source}:${line}: empty pattern`;
  if (!['mark', 'titlemark', 'phrase', 'always'].includes(mode)) return `${source}:${line}: unknown mode "${mode}"`;
  const mk = (src: string, what: string): RegExp | string => {
    try {
      const re = new RegExp(src, 'gu');
      if (!isSafe(re)) return `${source}:${line}: ${what} regex may backtrack catastrophically`;
      return re;
    } catch (e) {
      return `${source}:${line}: bad ${what} regex: ${(e as Error).message}`;
    }
  };
  const re = mk(pattern.startsWith('re:') ? pattern.slice(3) : pattern.replace(ESC, '\\$&'), 'pattern');
  if (typeof re === 'string') return re;
  const entry: TermEntry = { pattern, re, mode: mode as TermMode, messageId: messageId || 'default', line, source };
  if (requires && requires !== '-') {
    const r = mk(requires, 'requires');
    if (typeof r === 'string') return r;
    entry.requires = new RegExp(r.source, 'u');
  }
  if (unless && unless !== '-') {
    const r = mk(unless, 'unless');
    if (typeof r === 'string') return r;
    entry.unless = new RegExp(r.source, 'u');
  }
  if (unlessTitle && unlessTitle !== '-') {
    const r = mk(unlessTitle, 'unlessTitle');
    if (typeof r === 'string') return r;
    entry.unlessTitle = new RegExp(r.source, 'u');
  }
  return entry;
}

/** Clause words that show the text talks ABOUT a category instead of carrying it. */
const TALK_ABOUT =
  /(?:严禁|禁止|不得|不准|不宜|杜绝|防止|避免|不予|属于|保守|保护|泄露|泄漏|违反|涉及|有关|关于|标有|标注|标明|注明|加强|规范|管理|防范|查处|打击|认定|确定为|列为|定为|界定)[^，。；！？\n]{0,14}$/u;

const OPEN_CLOSE: Array<[string, string]> = [
  ['《', '》'],
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
];

/** Is position `i` inside an unclosed 《…》 or quotation on its line? Returns the opener or null. */
export function enclosingQuote(text: string, i: number): string | null {
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  for (const [o, c] of OPEN_CLOSE) {
    const lo = text.lastIndexOf(o, i - 1);
    if (lo < lineStart) continue;
    const lc = text.lastIndexOf(c, i - 1);
    if (lc > lo) continue;
    const nc = text.indexOf(c, i);
    if (nc >= 0) return o;
  }
  // ASCII double quotes: odd count before on the line
  const before = text.slice(lineStart, i);
  if ((before.match(/"/g) ?? []).length % 2 === 1 && text.indexOf('"', i) >= 0) return '"';
  return null;
}

const SENT_END = /[。！？!?；;\n]/u;

export function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !SENT_END.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !SENT_END.test(text[b]!)) b++;
  return text.slice(a, b);
}

const LABEL_OPEN = /[（(【\[〔［<＜]\s*$/u;
const LABEL_CLOSE = /^\s*(?:[★☆*]\s*[^）)】\]〕］>＞]{0,8})?[）)】\]〕］>＞]/u;
const SEP_AFTER = /^(?:\s|[★☆*：:，,、。！!]|$)/u;
const SEP_BEFORE = /(?:^|\s)$/u;

/** Does the match stand as a label (marking) rather than a word in a sentence? */
export function isLabel(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  // a bracketed label annotates the whole line: （讨论稿） at its end, 【内部资料】 at its start —
  // not 计划指标（草案） in the middle of a sentence
  if (LABEL_OPEN.test(before) && LABEL_CLOSE.test(after)) {
    const rest = after.replace(LABEL_CLOSE, '').trim();
    const lead = before.replace(LABEL_OPEN, '').trim();
    if (/^[。.！!]?$/u.test(rest) || lead === '') return true;
    return false;
  }
  const b = before.trim();
  const a = after.trim().replace(/^[★☆*]\s*\S{0,6}$/u, '').replace(/^[。.！!]$/u, '');
  if (b === '' && (a === '' || SEP_AFTER.test(after))) return true;
  if (a === '' && SEP_BEFORE.test(before)) return true;
  return false;
}

export function* findTerms(
  text: string,
  entries: readonly TermEntry[],
  opts: { title?: boolean; draftTitle?: string } = {},
): Generator<TermHit> {
  for (const entry of entries) {
    if (entry.unlessTitle && opts.draftTitle && entry.unlessTitle.test(opts.draftTitle)) continue;
    for (const m of execAll(entry.re, text)) {
      if (!m[0]) continue;
      const start = m.index!;
      const end = start + m[0].length;
      const q = enclosingQuote(text, start);
      if (q === '《') continue;
      if (entry.mode === 'mark' || entry.mode === 'titlemark') {
        if (q) continue;
        const titleEnd = entry.mode === 'titlemark' && opts.title && /^[\s。.]*$/u.test(text.slice(end));
        if (!isLabel(text, start, end) && !titleEnd) continue;
      } else if (entry.mode === 'phrase') {
        if (q) continue;
        const clauseBefore = text.slice(Math.max(0, start - 20), start);
        if (TALK_ABOUT.test(clauseBefore)) continue;
      }
      const sentence = sentenceAround(text, start, end);
      if (entry.requires && !entry.requires.test(sentence)) continue;
      if (entry.unless && entry.unless.test(sentence)) continue;
      yield { start, end, text: m[0], entry };
    }
  }
}

/** Remove hits that overlap an earlier (longer-first) hit. */
export function dedupeHits(hits: TermHit[]): TermHit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TermHit[] = [];
  let lastEnd = -1;
  for (const h of sorted) {
    if (h.start < lastEnd) continue;
    out.push(h);
    lastEnd = h.end;
  }
  return out;
}

/** Column names that mark a public consultation (意见征集). */
export const CONSULTATION_COLUMNS = /意见征集|征求意见|征集意见|民意征集|公众参与|网上调查|互动交流/u;
const ASKS_PUBLIC = /(?:公开|向社会|向公众|社会各界|广大群众|广大市民)[^。]{0,20}(?:征求|征集)[^。]{0,10}意见|(?:征求|征集)(?:社会|公众|各界)[^。]{0,6}意见|欢迎[^。]{0,16}(?:提出|反馈)[^。]{0,6}(?:意见|建议)/u;
const DEADLINE = /截止|截至|\d{1,2}月\d{1,2}日(?:[^。]{0,8})?(?:前|之前|止)|反馈(?:时间|期限|方式)|意见反馈|电子邮箱|传真/u;

/** A public consultation is exempt from 一(三)1④: column 意见征集, or the text asks the public for comments with a deadline. */
export function isConsultation(column: unknown, body: string): { yes: boolean; why: string } {
  if (typeof column === 'string' && CONSULTATION_COLUMNS.test(column)) return { yes: true, why: `column ${column}` };
  const m = ASKS_PUBLIC.exec(body);
  if (m && DEADLINE.test(body)) return { yes: true, why: m[0] };
  return { yes: false, why: '' };
}
