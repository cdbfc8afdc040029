/**
 * Shared, lazily loaded data of the typo checks: the similar-character table, jieba's word
 * frequencies (from the compiled lexicon), and the word-boundary test. Everything loads once per process.
 */
import path from 'node:path';
import { loadCompiled } from '../../engine/compiled.js';
import { indexList } from '../../engine/dictionaries.js';
import { segmenter } from '../language-util.js';
import { lexicon } from '../lexicon.js';

export interface Similar {
  /** same syllable and tone */
  same: string;
  /** same syllable, other tone */
  other: string;
  /** similar shape */
  shape: string;
}

/** The similar-character table (`similarChars`, compiled). */
export interface SimilarTable {
  get(c: string): Similar | undefined;
  /** the code unit of every character listed (each is one UTF-16 unit), in ascending order */
  units: Uint16Array;
}

const similarCache = new Map<string, SimilarTable>();
/**
 * dictionaries/typo-similar-chars.tsv by character, compiled once into dist/.compiled
 * (`compileSimilar`): the characters sorted, and each one's three fields. A one-file run asks about
 * a few hundred of the 3,500 characters, and used to spend ~7 ms indexing the file first. A
 * character listed twice takes its last line, as a Map filled in file order would.
 */
export function similarChars(packageRoot: string): SimilarTable {
  const file = path.join(packageRoot, 'dictionaries', 'typo-similar-chars.tsv');
  let m = similarCache.get(file);
  if (!m) similarCache.set(file, (m = loadCompiled('similar', SIMILAR_FORMAT, file, () => compileSimilar(file), similarTableOf)));
  return m;
}

export const SIMILAR_FORMAT = 1;

/**
 * The table as bytes: Int32 count n and offsets (n + 1) into the fields' code units, then the n
 * characters (UTF-16, sorted), then each character's fields joined by tabs. Every character of the
 * list is one UTF-16 unit (a list with a longer key is refused).
 */
export function compileSimilar(file: string): Buffer {
  const list = indexList(file);
  const keys = [...list.keys()].filter((c) => c !== '').sort();
  const values = keys.map((c) => {
    if (c.length !== 1) throw new Error(`${file}: "${c}" is not one character`);
    const lines = list.entries(c);
    const [, same = '', other = '', shape = ''] = lines[lines.length - 1]!.fields;
    return `${same}\t${other}\t${shape}`;
  });
  const offsets = new Int32Array(keys.length + 2);
  offsets[0] = keys.length;
  let at = 0;
  values.forEach((v, i) => {
    offsets[i + 1] = at;
    at += v.length;
  });
  offsets[keys.length + 1] = at;
  const units = new Uint16Array(keys.length + at);
  keys.forEach((c, i) => (units[i] = c.charCodeAt(0)));
  let u = keys.length;
  for (const v of values) for (let k = 0; k < v.length; k++) units[u++] = v.charCodeAt(k);
  return Buffer.concat([new Uint8Array(offsets.buffer), new Uint8Array(units.buffer)]);
}

/** The table over `compileSimilar`'s bytes (4-byte aligned). */
export function similarTableOf(raw: Uint8Array): SimilarTable {
  const n = new Int32Array(raw.buffer, raw.byteOffset, 1)[0]!;
  if (!(n >= 0) || 4 * (n + 2) + 2 * n > raw.length) throw new Error('not a compiled similar-character table');
  const offsets = new Int32Array(raw.buffer, raw.byteOffset + 4, n + 1);
  if (4 * (n + 2) + 2 * n + 2 * offsets[n]! !== raw.length) throw new Error('compiled similar-character table of the wrong size');
  const chars = new Uint16Array(raw.buffer, raw.byteOffset + 4 * (n + 2), n);
  const fields = new Uint16Array(raw.buffer, raw.byteOffset + 4 * (n + 2) + 2 * n, offsets[n]!);
  const got = new Map<string, Similar | undefined>();
  return {
    get(c) {
      if (got.has(c)) return got.get(c);
      let s: Similar | undefined;
      if (c.length === 1) {
        const code = c.charCodeAt(0);
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (chars[mid]! < code) lo = mid + 1;
          else hi = mid;
        }
        if (lo < n && chars[lo] === code) {
          const [same = '', other = '', shape = ''] = String.fromCharCode(...fields.subarray(offsets[lo]!, offsets[lo + 1]!)).split('\t');
          s = { same, other, shape };
        }
      }
      got.set(c, s);
      return s;
    },
    units: chars,
  };
}

export interface FreqLookup {
  get(word: string): number | undefined;
  has(word: string): boolean;
}

/**
 * jieba's bundled dictionary (MIT): word → frequency, about 349k words, from the compiled
 * lexicon (one read per thread; see lexicon.ts).
 */
export function wordFreq(): FreqLookup {
  const lx = lexicon();
  return { get: (w) => lx.freq(w), has: (w) => lx.has(w) };
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
