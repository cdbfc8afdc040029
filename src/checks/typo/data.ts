/**
 * Shared, lazily loaded data of the typo checks: the similar-character table, jieba's word
 * frequencies (from the compiled lexicon), and the word-boundary test. Everything loads once per process.
 */
import path from 'node:path';
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

/** The similar-character table: a Map, or the lazily split file (`similarChars`). */
export interface SimilarTable {
  get(c: string): Similar | undefined;
  keys(): Iterable<string>;
}

const similarCache = new Map<string, SimilarTable>();
/**
 * dictionaries/typo-similar-chars.tsv by character. A line is split only when its character is
 * asked about (a one-file run asks about a few hundred of the 3,500); a character listed twice
 * takes its last line, as a Map filled in file order would.
 */
export function similarChars(packageRoot: string): SimilarTable {
  const file = path.join(packageRoot, 'dictionaries', 'typo-similar-chars.tsv');
  let m = similarCache.get(file);
  if (m) return m;
  const list = indexList(file);
  const got = new Map<string, Similar | undefined>();
  m = {
    get(c) {
      if (got.has(c)) return got.get(c);
      const lines = c ? list.entries(c) : [];
      const last = lines[lines.length - 1];
      const [, same = '', other = '', shape = ''] = last?.fields ?? [];
      const s = last ? { same, other, shape } : undefined;
      got.set(c, s);
      return s;
    },
    keys: () => [...list.keys()].filter((c) => c !== ''),
  };
  similarCache.set(file, m);
  return m;
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
