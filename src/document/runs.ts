/**
 * The prose runs of a Draft as they are collected, each character with its source span, and the
 * steps that both ways of building a Draft share (./draft.ts walks the mdast tree, ./events.ts
 * the parser's events).
 */
import { htmlText } from './html.js';
import type { Draft, DraftComment, ProseRun, Range, Scope } from '../types.js';

/** Object replacement character: stands for code, HTML, images and URLs inside prose. */
export const PLACEHOLDER = '\ufffc';

/**
 * The characters of a run as they are collected, each with its source span: typed arrays and one
 * join at the end, one builder per draft reused for every run. Building a draft touches every
 * character of the corpus; arrays of one-character strings and boxed numbers, and two fresh typed
 * arrays per paragraph, made parsing much slower (issue 9).
 */
export class RunBuilder {
  private parts: string[] = [];
  n = 0;
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  reset(): void {
    this.parts.length = 0;
    this.n = 0;
  }
  private reserve(count: number): void {
    const need = this.n + count;
    if (need <= this.starts.length) return;
    let cap = this.starts.length * 2;
    while (cap < need) cap *= 2;
    const s = new Uint32Array(cap);
    s.set(this.starts.subarray(0, this.n));
    const e = new Uint32Array(cap);
    e.set(this.ends.subarray(0, this.n));
    this.starts = s;
    this.ends = e;
  }
  /** every character of `text` spans the whole of [start, end) */
  push(text: string, start: number, end: number): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      this.starts[this.n] = start;
      this.ends[this.n] = end;
      this.n++;
    }
    this.parts.push(text);
  }
  /** `text` is the source itself from `start` on: character i spans [start + i, start + i + 1) */
  pushVerbatim(text: string, start: number): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      this.starts[this.n] = start + i;
      this.ends[this.n] = start + i + 1;
      this.n++;
    }
    this.parts.push(text);
  }
  /** source offset where the last character ends, if any */
  lastEnd(): number | undefined {
    return this.n ? this.ends[this.n - 1] : undefined;
  }
  text(): string {
    return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
  }
}

/**
 * The source spans of all runs of one draft, in one pair of arrays: a run's `starts`/`ends` are
 * views into it (a view costs an object, a fresh typed array a backing store).
 */
export class SpanPool {
  starts: Uint32Array;
  ends: Uint32Array;
  used = 0;
  constructor(size: number) {
    this.starts = new Uint32Array(Math.max(size, 64));
    this.ends = new Uint32Array(Math.max(size, 64));
  }
  /** room for `count` more spans; a full pool is replaced (earlier views keep the old one) */
  reserve(count: number): void {
    if (this.used + count <= this.starts.length) return;
    const cap = Math.max(count, this.starts.length);
    this.starts = new Uint32Array(cap);
    this.ends = new Uint32Array(cap);
    this.used = 0;
  }
}

const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/;

/**
 * Align a node's decoded `value` with its source slice `[from, to)`, pushing each character with
 * its own source span. Handles backslash escapes, character references (unless `references` is
 * false: code and YAML text are literal, with YAML's own escapes), line prefixes of blockquotes
 * and lists, and CRLF.
 */
export function alignInto(b: RunBuilder, value: string, source: string, from: number, to: number, references = true): void {
  // most text nodes are their source slice as it stands (no escape, entity or line prefix)
  if (to - from === value.length && source.startsWith(value, from)) {
    b.pushVerbatim(value, from);
    return;
  }
  let p = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const entity = references && source[p] === '&' ? entityAt(source, p) : null;
    if (entity) {
      // the decoded entity may be one or two UTF-16 units (or several characters); map all to the entity
      i = pushEntity(b, value, i, p, entity);
      p += entity.length;
      continue;
    }
    if (c === '\n') {
      // a line break, then the next line's indentation and quote markers (not in the value)
      const nl = source[p] === '\n' ? p : source.indexOf('\n', p);
      if (nl >= 0 && nl < to) {
        b.push(c, nl, nl + 1);
        p = nl + 1;
        const next = value[i + 1];
        while (p < to && (source[p] === ' ' || source[p] === '\t' || source[p] === '>') && source[p] !== next) p++;
        continue;
      }
    }
    if (p < to && source[p] === c) {
      b.push(c, p, p + 1);
      p++;
      continue;
    }
    if (source[p] === '\\' && source[p + 1] === c) {
      b.push(c, p, p + 2);
      p += 2;
      continue;
    }
    const escape = !references && source[p] === '\\' ? yamlEscapeAt(source, p, value, i) : null;
    if (escape) {
      i = pushEntity(b, value, i, p, escape);
      p += escape.length;
      continue;
    }
    // Markdown replaces NUL with U+FFFD: the next NUL, unless a U+FFFD of the source comes first
    const q = c === '\ufffd' ? firstOf(source, '\u0000', c, p) : source.indexOf(c, p);
    if (q >= 0 && q < to) {
      b.push(c, q, q + 1);
      p = q + 1;
      continue;
    }
    // not written as itself: the next character reference (after markup the value leaves out,
    // such as stray HTML end tags)
    const amp = references ? source.indexOf('&', p) : -1;
    const ref = amp >= 0 && amp < to ? entityAt(source, amp) : null;
    if (ref) {
      i = pushEntity(b, value, i, amp, ref);
      p = amp + ref.length;
      continue;
    }
    b.push(c, Math.min(p, to), Math.min(p + 1, to));
  }
}

/** The character reference at `at` (`&amp;`, `&#20013;`, `&#x4e2d;`): its length and how many UTF-16 units it decodes to. */
function entityAt(source: string, at: number): { length: number; units: number } | null {
  const m = ENTITY.exec(source.slice(at, at + 40));
  if (!m) return null;
  let units = 1;
  if (m[1] || m[2]) units = (m[1] ? parseInt(m[1], 10) : parseInt(m[2]!, 16)) > 0xffff ? 2 : 1;
  return { length: m[0].length, units };
}

const YAML_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

/**
 * The YAML escape at `at` in a double-quoted title (`\u4e2d`, `\x41`, `\U0001F600`, `\n`…) when it
 * decodes to the value's text at `i`: its length and how many UTF-16 units it decodes to.
 * (`\"`, `\\` and `\/` are a backslash before the character itself.)
 */
function yamlEscapeAt(source: string, at: number, value: string, i: number): { length: number; units: number } | null {
  const k = source[at + 1]!;
  const digits = k === 'x' ? 2 : k === 'u' ? 4 : k === 'U' ? 8 : 0;
  let decoded: string | undefined;
  if (digits) {
    const hex = source.slice(at + 2, at + 2 + digits);
    const cp = hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
    if (cp < 0 || cp > 0x10ffff) return null;
    decoded = String.fromCodePoint(cp);
  } else decoded = YAML_ESCAPES[k];
  if (decoded === undefined || !value.startsWith(decoded, i)) return null;
  return { length: 2 + digits, units: decoded.length };
}

/** Pushes the value's units from `i` that the reference at `at` decodes to; returns the index of the last. */
function pushEntity(b: RunBuilder, value: string, i: number, at: number, entity: { length: number; units: number }): number {
  for (let k = 0; k < entity.units && i + k < value.length; k++) b.push(value[i + k]!, at, at + entity.length);
  return i + entity.units - 1;
}

/** The first of `a` or `b` in `s` from `from`, or -1. */
function firstOf(s: string, a: string, b: string, from: number): number {
  const i = s.indexOf(a, from);
  const j = s.indexOf(b, from);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}

/** Where a block sits: inside a blockquote, inside a list item. */
export type BlockFlags = { quoted: boolean; listItem: boolean };
/** A run's flags: its block's, and a heading's depth (0 otherwise). */
export type RunFlags = BlockFlags & { depth: number };

/** Turn the collected characters into a run, dropping soft breaks between CJK characters. */
export function finishRun(b: RunBuilder, pool: SpanPool, scope: Scope, flags: RunFlags): ProseRun | null {
  const src = b.text();
  const n = b.n;
  pool.reserve(n);
  const base = pool.used;
  const starts = pool.starts;
  const ends = pool.ends;
  const pieces: string[] = [];
  let kept = 0;
  let prev = -1; // last kept code unit
  let from = 0; // start of the stretch of src kept as it is
  for (let i = 0; i < n; i++) {
    let c = src.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (i > from) pieces.push(src.slice(from, i));
      from = i + 1;
      if (c === 13) continue;
      let j = i + 1;
      while (j < n && (src.charCodeAt(j) === 13 || src.charCodeAt(j) === 10)) j++;
      if (prev < 0 || j >= n) continue;
      if (isCjkCode(prev) && isCjkCode(src.charCodeAt(j))) continue;
      c = 32;
      pieces.push(' ');
    }
    starts[base + kept] = b.starts[i]!;
    ends[base + kept] = b.ends[i]!;
    kept++;
    prev = c;
  }
  const text = from === 0 ? src : (n > from && pieces.push(src.slice(from, n)), pieces.join(''));
  // trim
  let lo = 0;
  let hi = kept;
  while (lo < hi && /\s/.test(text[lo]!)) lo++;
  while (hi > lo && /\s/.test(text[hi - 1]!)) hi--;
  if (hi <= lo) return null;
  pool.used = base + hi;
  return {
    scope,
    text: lo === 0 && hi === text.length ? text : text.slice(lo, hi),
    starts: starts.subarray(base + lo, base + hi),
    ends: ends.subarray(base + lo, base + hi),
    ...flags,
  };
}

/** A CJK character or full-width mark (U+2E80–9FFF, F900–FAFF, FE30–FE4F, FF00–FFEF): soft line breaks between two of them are dropped. */
function isCjkCode(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x2fff) || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef);
}

export const COMMENT = /<!--([\s\S]*?)-->/g;
export const HAN = /\p{Script=Han}/u;

/** an indented (not fenced) code block whose text has a Han character */
export function isIndentedText(value: string, source: string, r: Range): boolean {
  if (!HAN.test(value)) return false;
  let i = r[0];
  while (source[i] === ' ' || source[i] === '\t') i++;
  const c = source[i];
  return !((c === '`' || c === '~') && source[i + 1] === c && source[i + 2] === c);
}

/**
 * What both walks share: the run builder and span pool of one draft, the title's run, and the
 * runs of code and HTML blocks. Methods of a class rather than closures made anew per draft
 * (issue 9): V8 keeps a closure's optimised code only while some closure of that function is
 * alive, so per-draft closures lost theirs at every full collection that fell between two drafts.
 */
export class DraftFiller {
  protected readonly builder = new RunBuilder();
  protected readonly pool: SpanPool;
  constructor(
    protected readonly draft: Draft,
    protected readonly source: string,
  ) {
    this.pool = new SpanPool(source.length);
  }

  /** the front matter's title as a prose run: `title` as parsed, [from, to) its source */
  titleRun(title: string, from: number, to: number): ProseRun | null {
    this.builder.reset();
    // YAML decodes its own escapes (`\"`), not HTML character references
    alignInto(this.builder, title, this.source, from, to, false);
    return finishRun(this.builder, this.pool, 'title', { quoted: false, listItem: false, depth: 0 });
  }

  /** A code block (fenced or indented): not prose, unless it is Chinese text indented by mistake. */
  protected codeBlock(value: string, r: Range, flags: BlockFlags): void {
    this.draft.codeRanges.push(r);
    if (isIndentedText(value, this.source, r)) {
      this.draft.indentedText.push(r);
      this.indentedRuns(value, r, flags);
    }
  }

  /** An HTML block: its comments, and the text of its elements as runs. */
  protected htmlBlock(value: string, r: Range, flags: BlockFlags): void {
    this.collectHtml(value, r);
    this.htmlRuns(value, r, flags);
  }

  /** A heading and its run (null when it has no text). */
  protected heading(run: ProseRun | null, depth: number, r: Range | null): void {
    if (r) this.draft.headings.push({ depth, text: run?.text.replaceAll(PLACEHOLDER, '') ?? '', range: r });
    if (run) this.draft.runs.push(run);
  }

  protected locate(url: string, r: Range): Range {
    if (!url) return r;
    const i = this.source.indexOf(url, r[0]);
    return i >= 0 && i + url.length <= r[1] ? [i, i + url.length] : r;
  }

  protected collectHtml(value: string, r: Range | null): void {
    if (!r) return;
    this.draft.codeRanges.push(r);
    COMMENT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = COMMENT.exec(value))) {
      const s = this.source.indexOf(m[0], r[0]);
      const start = s >= 0 && s < r[1] ? s : r[0] + m.index;
      this.draft.comments.push({ value: m[1]!.trim(), range: [start, start + m[0].length] } satisfies DraftComment);
    }
  }

  /**
   * An indented code block holding Chinese text is almost always text indented with ASCII spaces
   * (首行缩进 typed as four spaces, a signature pushed to the right, a paste from a word processor).
   * It will show as code, which rule markdown/indented-text reports; its text is still published,
   * so it is read as prose too. Each line is a run of its own: the block shows its lines apart,
   * and a line pasted from a word processor is a paragraph (the rule's fix makes it one).
   */
  protected indentedRuns(value: string, r: Range, flags: BlockFlags): void {
    let from = r[0];
    for (const line of value.split('\n')) {
      const text = line.replace(/^[ \t]+/, '').replace(/\r$/, '');
      if (!text.trim()) continue;
      this.builder.reset();
      // a code block's text is its source as it stands (no escapes or entities to decode)
      const at = this.source.indexOf(text, from);
      if (at >= 0 && at + text.length <= r[1]) this.builder.pushVerbatim(text, at);
      else alignInto(this.builder, text, this.source, from, r[1], false);
      from = this.builder.lastEnd() ?? from;
      const run = finishRun(this.builder, this.pool, 'paragraph', { ...flags, depth: 0 });
      if (run) this.draft.runs.push(run);
    }
  }

  /**
   * The text of an HTML block (a table pasted from the CMS, `<p>` paragraphs) is published as any
   * paragraph is: one run per block-level element (`tableCell` for a cell), when the HTML parser
   * is loaded (see ./html.ts). Inside a quote or a list, Markdown strips each line's markers from
   * the value: `valueToSource` puts them back.
   */
  protected htmlRuns(value: string, r: Range, flags: BlockFlags): void {
    if (!HAN.test(value.replace(COMMENT, ''))) return;
    const at = this.valueToSource(value, r);
    if (!at) return;
    const blocks = htmlText(value);
    if (!blocks) return;
    for (const block of blocks) {
      this.builder.reset();
      for (const p of block.pieces) alignInto(this.builder, p.text, this.source, at(p.start), at(p.end));
      const run = finishRun(this.builder, this.pool, block.cell ? 'tableCell' : 'paragraph', { ...flags, depth: 0 });
      if (run) this.draft.runs.push(run);
    }
  }

  /**
   * Where each offset of a block's `value` is in the source: the value is the source slice as it
   * stands, or (inside a quote or a list) each of its lines is the end of a source line, whose
   * start holds the markers. Null when the lines do not match so.
   */
  protected valueToSource(value: string, r: Range): ((offset: number) => number) | null {
    const source = this.source;
    if (source.startsWith(value, r[0]) && r[1] - r[0] === value.length) return (o) => r[0] + o;
    const lines = value.split('\n');
    // per value line: its offset in the value and in the source
    const inValue: number[] = [];
    const inSource: number[] = [];
    let v = 0;
    let lineStart = r[0];
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!;
      const end = source.indexOf('\n', lineStart);
      const lineEnd = end < 0 || end > r[1] ? r[1] : end;
      const from = k === 0 ? r[0] : lineEnd - line.length;
      if (from < lineStart || !source.startsWith(line, from) || from + line.length !== lineEnd) return null;
      inValue.push(v);
      inSource.push(from);
      v += line.length + 1;
      lineStart = lineEnd + 1;
    }
    return (o) => {
      let k = inValue.length - 1;
      while (k > 0 && inValue[k]! > o) k--;
      return inSource[k]! + (o - inValue[k]!);
    };
  }

}
