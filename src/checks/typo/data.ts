/**
 * Shared, lazily loaded data of the typo checks: the similar-character table, jieba's word
 * frequencies, and the word-boundary test. Everything loads once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadList } from '../../engine/dictionaries.js';
import { segmenter } from '../language-util.js';

export interface Similar {
  /** same syllable and tone */
  same: string;
  /** same syllable, other tone */
  other: string;
  /** similar shape */
  shape: string;
}

const similarCache = new Map<string, Map<string, Similar>>();
export function similarChars(packageRoot: string): Map<string, Similar> {
  const file = path.join(packageRoot, 'dictionaries', 'typo-similar-chars.tsv');
  let m = similarCache.get(file);
  if (m) return m;
  m = new Map();
  for (const e of loadList(file).entries) {
    const [c, same = '', other = '', shape = ''] = e.fields;
    if (c) m.set(c, { same, other, shape });
  }
  similarCache.set(file, m);
  return m;
}

let freq: Map<string, number> | null = null;
/** jieba's bundled dictionary (MIT): word → frequency. About 350k words; loaded on first use. */
export function wordFreq(): Map<string, number> {
  if (freq) return freq;
  const map = new Map<string, number>();
  forEachJiebaWord((word, text, sp, nl) => {
    const sp2 = text.indexOf(' ', sp + 1);
    map.set(word, Number(text.slice(sp + 1, sp2 > 0 && sp2 < nl ? sp2 : nl)) || 0);
  });
  freq = map;
  return freq;
}

/**
 * One pass over jieba's bundled dictionary text (`word freq tag` lines) without splitting it into
 * lines: `visit` gets each word, the text and the offsets of the space after the word and of the
 * line end.
 */
function forEachJiebaWord(visit: (word: string, text: string, sp: number, nl: number) => void): void {
  const req = createRequire(import.meta.url);
  const text = readFileSync(path.join(path.dirname(req.resolve('@node-rs/jieba/package.json')), 'dict.txt'), 'utf8');
  let p = 0;
  while (p < text.length) {
    let nl = text.indexOf('\n', p);
    if (nl < 0) nl = text.length;
    const sp = text.indexOf(' ', p);
    if (sp > p && sp < nl) visit(text.slice(p, sp), text, sp, nl);
    p = nl + 1;
  }
}

export interface FreqLookup {
  get(word: string): number | undefined;
  has(word: string): boolean;
}

function jiebaDictText(): string {
  const req = createRequire(import.meta.url);
  return readFileSync(path.join(path.dirname(req.resolve('@node-rs/jieba/package.json')), 'dict.txt'), 'utf8');
}

let short: FreqLookup | null = null;
/**
 * The frequencies of jieba's words of 2–4 UTF-16 units — all that typo/suspect asks about — in an
 * open-addressing table of typed arrays: the same answers as `wordFreq()` for those words, built
 * in a fraction of the time and kept out of the garbage-collected heap (350k strings there slow
 * every major collection of a long run).
 */
export function shortWordFreq(): FreqLookup {
  if (short) return short;
  if (freq) return (short = freq);
  const text = jiebaDictText();
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  let cap = 1;
  while (cap < (lines + 1) * 2) cap <<= 1;
  const mask = cap - 1;
  const hi = new Uint32Array(cap);
  const lo = new Uint32Array(cap);
  const len = new Uint8Array(cap); // 0 = empty slot
  const val = new Float64Array(cap);
  const keyOf = (s: string, from: number, n: number): [number, number] => {
    const c = (k: number) => (k < n ? s.charCodeAt(from + k) : 0);
    return [((c(0) << 16) | c(1)) >>> 0, ((c(2) << 16) | c(3)) >>> 0];
  };
  const slot = (h: number, l: number, n: number): number => {
    let x = Math.imul(h ^ Math.imul(l, 0x9e3779b1) ^ n, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    let i = x & mask;
    while (len[i] !== 0 && !(len[i] === n && hi[i] === h && lo[i] === l)) i = (i + 1) & mask;
    return i;
  };
  let p = 0;
  while (p < text.length) {
    let nl = text.indexOf('\n', p);
    if (nl < 0) nl = text.length;
    const sp = text.indexOf(' ', p);
    if (sp > p && sp < nl && sp - p >= 2 && sp - p <= 4) {
      const n = sp - p;
      const sp2 = text.indexOf(' ', sp + 1);
      const end = sp2 > 0 && sp2 < nl ? sp2 : nl;
      // as Number(field) || 0 for a field of digits, without making a string of it
      let f = 0;
      let digits = end > sp + 1;
      for (let k = sp + 1; k < end && digits; k++) {
        const d = text.charCodeAt(k) - 48;
        if (d < 0 || d > 9) digits = false;
        else f = f * 10 + d;
      }
      if (!digits) f = Number(text.slice(sp + 1, end)) || 0;
      const [h, l] = keyOf(text, p, n);
      const i = slot(h, l, n);
      hi[i] = h;
      lo[i] = l;
      len[i] = n;
      val[i] = f;
    }
    p = nl + 1;
  }
  const find = (w: string): number => {
    if (w.length < 2 || w.length > 4) return -1;
    const [h, l] = keyOf(w, 0, w.length);
    const i = slot(h, l, w.length);
    return len[i] === 0 ? -1 : i;
  };
  short = {
    get(w) {
      if (w.length < 2 || w.length > 4) return wordFreq().get(w); // not asked by typo/suspect
      const i = find(w);
      return i < 0 ? undefined : val[i];
    },
    has(w) {
      if (w.length < 2 || w.length > 4) return wordFreq().has(w);
      return find(w) >= 0;
    },
  };
  return short;
}

/**
 * Which of `words` are in jieba's dictionary. Uses the word list when it is already loaded;
 * otherwise one pass over the dictionary text without building the 350k-entry map (about a
 * tenth of the cost), for callers that ask about a few thousand strings once.
 */
export function inJiebaDict(words: Iterable<string>): Set<string> {
  const want = new Set(words);
  const out = new Set<string>();
  if (freq) {
    for (const w of want) if (freq.has(w)) out.add(w);
    return out;
  }
  forEachJiebaWord((w) => {
    if (want.has(w)) out.add(w);
  });
  return out;
}

/** true when no jieba token of `text` (no HMM) partially overlaps [s, e) (containing it is fine). */
export function alignedIn(text: string, s: number, e: number): boolean {
  let p = 0;
  for (const t of segmenter().cut(text, false)) {
    const ts = p;
    const te = p + t.length;
    p = te;
    if (ts >= e) break;
    if (ts < s && te > s && te < e) return false;
    if (ts > s && ts < e && te > e) return false;
  }
  return true;
}

/**
 * Would replacing text[s, e) by `right` respect word boundaries? The hit must not cut a word of
 * the original text (完成工作 has no 成工), and the replacement must not cut one of the fixed text.
 * Only a window of 8 characters on each side is segmented.
 */
export function boundaryOk(text: string, s: number, e: number, right: string): boolean {
  const a0 = Math.max(0, s - 8);
  const b0 = Math.min(text.length, e + 8);
  const win = text.slice(a0, b0);
  if (!alignedIn(win, s - a0, e - a0)) return false;
  const fixed = win.slice(0, s - a0) + right + win.slice(e - a0);
  return alignedIn(fixed, s - a0, s - a0 + right.length);
}

export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
