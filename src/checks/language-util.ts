/**
 * Shared helpers for the language checks (phrasing/…, expression/…, punctuation/…, spelling/en).
 * Pure functions find hits in a ProseRun's `text` (text indices); `emit` maps them to source
 * ranges and drops fixes whose span is not verbatim source.
 */
import { loadList, type WordList } from '../engine/dictionaries.js';
import { isVerbatim as isVerbatimIn } from './util/edit.js';
import type { Draft, Fix, ProseRun, Report, Severity } from '../types.js';
import { lexicon, type Lexicon } from './lexicon.js';

/** A hit in text coordinates: [start, end) into run.text. */
export interface Hit {
  start: number;
  end: number;
  messageId?: string;
  data?: Record<string, string | number>;
  /** replace text[fix.start, fix.end) with fix.text */
  fix?: { start: number; end: number; text: string };
  suggestions?: Array<{ start: number; end: number; text: string; desc?: string }>;
}

const CJK_RE = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Does `ch` contain a CJK ideograph (or 〇)? Code-unit tests, not CJK_RE: this runs per character. */
export function isCJK(ch: string | undefined): boolean {
  if (!ch) return false;
  for (let k = 0; k < ch.length; k++) if (isCJKCode(ch.charCodeAt(k))) return true;
  return false;
}
/** isCJK of one UTF-16 code unit. */
export function isCJKCode(c: number): boolean {
  return c === 0x3007 || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}
/** CJK character or full-width CJK punctuation. */
export function isCJKOrPunct(ch: string | undefined): boolean {
  return !!ch && (CJK_RE.test(ch) || /[\u3000-\u303f\uff00-\uffef“”‘’…—]/.test(ch));
}

/** Source range of text[i, j). */
export function rangeOf(run: ProseRun, i: number, j: number): [number, number] {
  if (j <= i) {
    const at = i < run.starts.length ? run.starts[i]! : run.ends[run.ends.length - 1] ?? 0;
    return [at, at];
  }
  return [run.starts[i]!, run.ends[j - 1]!];
}

/** true when text[i, j) maps 1:1 onto contiguous source characters equal to the text. */
export function isVerbatim(draft: Draft, run: ProseRun, i: number, j: number): boolean {
  return isVerbatimIn(draft.source, run, i, j);
}

/** A Fix for replacing text[i, j) by `text`, or undefined when the span is not verbatim. */
export function fixOf(draft: Draft, run: ProseRun, i: number, j: number, text: string): Fix | undefined {
  if (j > i) {
    if (!isVerbatim(draft, run, i, j)) return undefined;
    return { range: rangeOf(run, i, j), text };
  }
  // insertion: needs a verbatim neighbour
  if (i < run.text.length && isVerbatim(draft, run, i, i + 1)) return { range: [run.starts[i]!, run.starts[i]!], text };
  if (i > 0 && isVerbatim(draft, run, i - 1, i)) return { range: [run.ends[i - 1]!, run.ends[i - 1]!], text };
  return undefined;
}

/** The runs of the given scopes (default: all). */
export function proseRuns(draft: Draft, scopes?: readonly string[]): readonly ProseRun[] {
  return scopes ? draft.runs.filter((r) => scopes.includes(r.scope)) : draft.runs;
}

export function isTitleOrHeading(run: ProseRun): boolean {
  return run.scope === 'title' || run.scope === 'heading';
}

/** Report hits of one run. `escalate` raises the severity to error in a title or heading. */
export function emit(
  draft: Draft,
  run: ProseRun,
  hits: Hit[],
  report: (r: Report) => void,
  opts?: { escalate?: boolean; severity?: Severity },
): void {
  // (no default object for `opts`: rules call this for every paragraph, most often with no hit)
  for (const h of hits) {
    const r: Report = { range: rangeOf(run, h.start, h.end) };
    if (h.messageId) r.messageId = h.messageId;
    if (h.data) r.data = h.data;
    if (h.fix) {
      const f = fixOf(draft, run, h.fix.start, h.fix.end, h.fix.text);
      if (f) r.fix = f;
    }
    if (h.suggestions?.length) {
      const s = [];
      for (const sg of h.suggestions) {
        const f = fixOf(draft, run, sg.start, sg.end, sg.text);
        if (f) s.push({ desc: sg.desc ?? `→ ${sg.text || '∅'}`, fix: f });
      }
      if (s.length) r.suggestions = s;
    }
    if (opts?.escalate && isTitleOrHeading(run)) r.severity = 'error';
    else if (opts?.severity) r.severity = opts.severity;
    report(r);
  }
}

// ---------------------------------------------------------------- segmenter (lazy, shared)
interface JiebaLike {
  /** jieba's non-HMM cut; `hmm` must be false (the only mode draftlint uses) */
  cut(s: string, hmm?: false): string[];
  tag(s: string, hmm?: false): Array<{ word: string; tag: string }>;
}
let jieba: JiebaLike | null = null;
/**
 * jieba's segmentation over its own dictionary, loaded once per thread from the compiled lexicon
 * (lexicon.ts: the same words as @node-rs/jieba's `cut(text, false)`, without rebuilding its trie
 * on every start).
 */
export function segmenter(): JiebaLike {
  if (!jieba) {
    const lx = lexicon();
    jieba = { cut: (s) => cutShared(lx, s), tag: (s) => lx.tag(s) };
  }
  return jieba;
}

/**
 * One segmentation per paragraph for every rule that needs it (issue 9): the rules take turns over
 * a draft's paragraphs (phrasing/repeat, expression/political, punctuation…), so the words of
 * recent paragraphs are kept. Two generations of CUT_CACHE_CHARS characters of text each: when the
 * newer is full it becomes the older and the older is dropped. (Dropping the oldest entry at each
 * insert made V8 walk over the holes that deleted entries leave at the front of a Map: 2.6 µs an
 * insert over the laws' paragraphs.) Short texts (the 8-character windows of boundary tests) are
 * cut afresh. The returned array is shared: callers only read it.
 */
const CUT_CACHE_CHARS = 200_000;
const CUT_CACHE_MIN = 24;
let cutCache = new Map<string, string[]>();
let cutCacheOlder = new Map<string, string[]>();
let cutCacheChars = 0;
function cutShared(lx: Lexicon, text: string): string[] {
  if (text.length < CUT_CACHE_MIN) return lx.cut(text);
  const hit = cutCache.get(text) ?? cutCacheOlder.get(text);
  if (hit) return hit;
  const words = lx.cut(text);
  if (cutCacheChars >= CUT_CACHE_CHARS) {
    cutCacheOlder = cutCache;
    cutCache = new Map();
    cutCacheChars = 0;
  }
  cutCache.set(text, words);
  cutCacheChars += text.length;
  return words;
}

/** Token boundaries (a Set of text offsets, including 0 and text.length) of a jieba cut. */
export function tokenize(text: string): { tokens: Array<{ start: number; end: number; word: string }>; bounds: Set<number> } {
  const words = segmenter().cut(text, false);
  const tokens: Array<{ start: number; end: number; word: string }> = [];
  const bounds = new Set<number>([0]);
  let pos = 0;
  for (const w of words) {
    const at = text.indexOf(w, pos);
    const start = at < 0 ? pos : at;
    tokens.push({ start, end: start + w.length, word: w });
    pos = start + w.length;
    bounds.add(start);
    bounds.add(pos);
  }
  return { tokens, bounds };
}

/** Split a text into sentences [start, end) at 。！？ (and ；when `semicolon`), keeping the mark. */
export function sentences(text: string, semicolon = false): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = semicolon ? /[。！？；!?;]+[”’）」』]*/g : /[。！？!?]+[”’）」』]*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    if (end > last) out.push([last, end]);
    last = end;
  }
  if (last < text.length) out.push([last, text.length]);
  return out;
}

/** A word list from dictionaries/ (one loader for all kinds: cached, provenance header enforced). */
export function readList(file: string): WordList {
  return loadList(file);
}

/**
 * Add a hit for every match of each pattern that does not overlap a hit already found (earlier
 * patterns, and hits already in `hits`, win).
 */
export function addPatternHits<P extends { re: RegExp }>(text: string, patterns: readonly P[], hits: Hit[], toHit: (p: P, m: RegExpExecArray) => Omit<Hit, 'start' | 'end'>): void {
  for (const p of patterns) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const s = m.index;
      const e = s + m[0].length;
      if (hits.some((h) => h.start < e && s < h.end)) continue;
      hits.push({ start: s, end: e, ...toHit(p, m) });
    }
  }
}
