/**
 * jieba's bundled dictionary (about 349k words, MIT, shipped in the @node-rs/jieba package as
 * `dict.txt`) as a compact lookup table, and the segmentation over it.
 *
 * Why not `Jieba.withDict()` of @node-rs/jieba: it rebuilds its trie from the 5 MB text on every
 * start, 90–160 ms, and each rule that wanted word frequencies parsed the same text again in JS
 * (another 100–200 ms) — most of a pre-commit run over one file (issue 9). Here the table is
 * compiled once, at build time, into `dist/.jieba-lexicon.bin` and loaded with one read (a few
 * ms); with the file missing or stale it is built in memory (and saved, best effort).
 *
 * `cut()` is jieba's non-HMM mode, the only one draftlint uses: the same splitting of the text
 * into Han/alphanumeric blocks, the same DAG of dictionary words, the same maximum-probability
 * route (ties go to the longer word) and the same joining of single ASCII letters and digits, so
 * it gives the same words as @node-rs/jieba's `cut(text, false)` — test/lexicon.test.ts checks
 * that against the library on the fixtures and real published text. `tag()` likewise gives the
 * dictionary's part-of-speech tag, or jieba's `eng`/`m`/`x` for words it does not know.
 *
 * File layout (little-endian): a 64-byte header, then open-addressing slots in parallel typed
 * arrays (frequency, key offset, length|tag|flags), then the keys' UTF-16 code units, then
 * the tag names. Every prefix of a word has a slot too (flag PREFIX), so the DAG walk stops as
 * soon as no word can continue.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAligned } from '../engine/compiled.js';

const MAGIC = 0x584c4c44; // 'DLLX'
const VERSION = 2;
const HEADER = 64;
const WORD = 1;
const PREFIX = 2;

export interface Lexicon {
  /** number of dictionary words */
  readonly size: number;
  /** sum of all word frequencies (jieba's `total`) */
  readonly total: number;
  /** the word's frequency, or undefined when it is not a dictionary word */
  freq(word: string): number | undefined;
  has(word: string): boolean;
  /** the word's part-of-speech tag in the dictionary, or undefined */
  tagOf(word: string): string | undefined;
  /** jieba's `cut(text, false)`: the words of `text`, in order; they concatenate to `text` */
  cut(text: string): string[];
  /** jieba's `tag(text, false)` */
  tag(text: string): Array<{ word: string; tag: string }>;
  /**
   * The words `cut(text)` gives for the block (a run of Han characters, ASCII letters and digits)
   * that holds code unit `i`, and where the block starts; null when `i` is in no block. Cutting
   * one block is cutting it in the whole text: for a rule that needs the words around a few
   * places of a long paragraph (typo/suspect).
   */
  blockAt(text: string, i: number): { start: number; words: string[] } | null;
}

// ------------------------------------------------------------------ hashing
/** FNV-1a step over one UTF-16 code unit; `mix` spreads the bits before masking. */
const step = (h: number, c: number): number => Math.imul(h ^ c, 16777619);
const SEED = 0x811c9dc5 | 0;
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

interface Table {
  mask: number;
  key: Uint32Array;
  /** length (bits 0–7), tag index (8–23), flags (24–31); 0 = empty slot */
  meta: Uint32Array;
  freq: Uint32Array;
  units: Uint16Array;
  tags: string[];
  total: number;
  words: number;
}

// ------------------------------------------------------------------ building
/** Build the table from dict.txt's text (`word freq tag` lines), with jieba's rules for duplicates. */
export function buildTable(text: string): Table {
  // 1. parse: first occurrence keeps its tag, a later one overrides the frequency (as jieba does)
  const index = new Map<string, number>();
  const wordList: string[] = [];
  const freqList: number[] = [];
  const tagList: number[] = [];
  const tagIndex = new Map<string, number>();
  const tags: string[] = [];
  let p = 0;
  while (p < text.length) {
    let nl = text.indexOf('\n', p);
    if (nl < 0) nl = text.length;
    const fields = text.slice(p, nl).trim().split(/\s+/);
    p = nl + 1;
    const w = fields[0];
    if (!w) continue;
    const f = fields[1] === undefined ? 0 : Number.parseInt(fields[1], 10);
    if (!Number.isFinite(f) || f < 0 || f > 0xffffffff) throw new Error(`jieba dictionary: bad frequency for ${w}`);
    const known = index.get(w);
    if (known !== undefined) {
      freqList[known] = f;
      continue;
    }
    const t = fields[2] ?? '';
    let ti = tagIndex.get(t);
    if (ti === undefined) tagIndex.set(t, (ti = tags.push(t) - 1));
    index.set(w, wordList.length);
    wordList.push(w);
    freqList.push(f);
    tagList.push(ti);
  }
  let total = 0;
  for (const f of freqList) total += f;
  // 2. slots for every word and every proper prefix
  let unitsLen = 0;
  for (const w of wordList) unitsLen += w.length;
  let cap = 1;
  while (cap < (wordList.length * 2 + 1) * 1.4) cap <<= 1;
  const t: Table = {
    mask: cap - 1,
    key: new Uint32Array(cap),
    meta: new Uint32Array(cap),
    freq: new Uint32Array(cap),
    units: new Uint16Array(unitsLen),
    tags,
    total,
    words: wordList.length,
  };
  let off = 0;
  for (let wi = 0; wi < wordList.length; wi++) {
    const w = wordList[wi]!;
    if (w.length > 255) continue;
    for (let k = 0; k < w.length; k++) t.units[off + k] = w.charCodeAt(k);
    let h = SEED;
    for (let k = 1; k <= w.length; k++) {
      h = step(h, w.charCodeAt(k - 1));
      const slot = find(t, h, t.units, off, k);
      const isWord = k === w.length;
      if (t.meta[slot] === 0) {
        t.key[slot] = off;
        t.meta[slot] = k | ((isWord ? WORD : PREFIX) << 24);
      } else if (isWord) t.meta[slot] = t.meta[slot]! | (WORD << 24);
      if (isWord) {
        t.meta[slot] = (t.meta[slot]! & 0xff0000ff) | (tagList[wi]! << 8);
        t.freq[slot] = freqList[wi]!;
      }
    }
    off += w.length;
  }
  return t;
}

/** The slot of key `src[from, from+n)` with running hash `h`: its own slot, or the empty one where it would go. */
function find(t: Table, h: number, src: Uint16Array | string, from: number, n: number): number {
  let i = mix(h) & t.mask;
  for (;;) {
    const m = t.meta[i]!;
    if (m === 0) return i;
    if ((m & 0xff) === n && sameKey(t.units, t.key[i]!, src, from, n)) return i;
    i = (i + 1) & t.mask;
  }
}

function sameKey(units: Uint16Array, at: number, src: Uint16Array | string, from: number, n: number): boolean {
  if (typeof src === 'string') {
    for (let k = 0; k < n; k++) if (units[at + k] !== src.charCodeAt(from + k)) return false;
  } else for (let k = 0; k < n; k++) if (units[at + k] !== src[from + k]) return false;
  return true;
}

// ------------------------------------------------------------------ the file
/** Bytes of the table, for `dist/.jieba-lexicon.bin`; `stamp` identifies the dict.txt it came from. */
export function serialize(t: Table, stamp: string): Buffer {
  const tagText = Buffer.from(JSON.stringify({ tags: t.tags, stamp }), 'utf8');
  const cap = t.mask + 1;
  const unitsBytes = (t.units.length * 2 + 7) & ~7;
  const size = HEADER + cap * 12 + unitsBytes + tagText.length;
  const buf = Buffer.alloc(size);
  const head = new DataView(buf.buffer, buf.byteOffset, HEADER);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, VERSION, true);
  head.setUint32(8, cap, true);
  head.setUint32(12, t.units.length, true);
  head.setUint32(16, tagText.length, true);
  head.setUint32(20, t.words, true);
  head.setFloat64(24, t.total, true);
  let o = HEADER;
  for (const a of [t.freq, t.key, t.meta, t.units] as const) {
    buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o);
    o += a === t.units ? unitsBytes : a.byteLength;
  }
  tagText.copy(buf, o);
  return buf;
}

/** The table stored in `buf` (views, no copy), or null when it is not one of ours or not for `stamp`. */
export function deserialize(buf: Buffer, stamp: string): Table | null {
  if (buf.length < HEADER || buf.byteOffset % 8 !== 0) return null;
  const head = new DataView(buf.buffer, buf.byteOffset, HEADER);
  if (head.getUint32(0, true) !== MAGIC || head.getUint32(4, true) !== VERSION) return null;
  const cap = head.getUint32(8, true);
  const nUnits = head.getUint32(12, true);
  const tagLen = head.getUint32(16, true);
  const unitsBytes = (nUnits * 2 + 7) & ~7;
  if (cap & (cap - 1) || buf.length !== HEADER + cap * 12 + unitsBytes + tagLen) return null;
  let o = buf.byteOffset + HEADER;
  const freq = new Uint32Array(buf.buffer, o, cap);
  o += cap * 4;
  const key = new Uint32Array(buf.buffer, o, cap);
  o += cap * 4;
  const meta = new Uint32Array(buf.buffer, o, cap);
  o += cap * 4;
  const units = new Uint16Array(buf.buffer, o, nUnits);
  o += unitsBytes;
  let info: { tags: string[]; stamp: string };
  try {
    info = JSON.parse(buf.subarray(o - buf.byteOffset, o - buf.byteOffset + tagLen).toString('utf8')) as typeof info;
  } catch {
    return null;
  }
  if (info.stamp !== stamp) return null;
  return { mask: cap - 1, key, meta, freq, units, tags: info.tags, total: head.getFloat64(24, true), words: head.getUint32(20, true) };
}

/** Where dict.txt is, and a stamp that changes when it does (size and mtime: no need to hash 5 MB). */
export function jiebaDictFile(): { file: string; stamp: string } {
  const dir = jiebaPackageDir();
  const file = join(dir, 'dict.txt');
  const st = statSync(file);
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return { file, stamp: `@node-rs/jieba@${version} dict.txt ${st.size} ${Math.floor(st.mtimeMs)}` };
}

/**
 * The folder of the @node-rs/jieba package: the nearest `node_modules/@node-rs/jieba` above this
 * file, where require.resolve finds it in an npm installation, else what require.resolve says.
 * Asking the module loader took 1.3–1.9 ms of every one-file run (issue 9); this takes 0.1 ms.
 */
export function jiebaPackageDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    const candidate = join(dir, 'node_modules', '@node-rs', 'jieba');
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/package.json'));
}

/** The compiled file, in dist/ (also when the TypeScript runs, as in the tests: the stamp keeps it honest). */
export const lexiconFile = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/.jieba-lexicon.bin' : '../.jieba-lexicon.bin', import.meta.url));

/** Compile dict.txt into `out` (the build does this); returns the table. */
export function compileLexicon(out: string | null = lexiconFile): Table {
  const { file, stamp } = jiebaDictFile();
  const table = buildTable(readFileSync(file, 'utf8'));
  if (out) {
    try {
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(table, stamp));
      renameSync(tmp, out);
    } catch {
      /* read-only install: build in memory each time */
    }
  }
  return table;
}

let shared: Lexicon | null = null;
/** The compiled lexicon's file while it is not loaded yet (for `Check.readAhead`). */
export function lexiconReadAhead(): string[] {
  return shared ? [] : [lexiconFile];
}

/** The lexicon, loaded once per thread on first use. */
export function lexicon(): Lexicon {
  if (shared) return shared;
  const { stamp } = jiebaDictFile();
  let table: Table | null = null;
  try {
    table = deserialize(readAligned(lexiconFile), stamp);
  } catch {
    table = null; // not built yet: compiled below
  }
  shared = makeLexicon(table ?? compileLexicon());
  return shared;
}

// ------------------------------------------------------------------ lookups and segmentation
/** jieba's block of text cut by the DAG: Han (BMP and supplementary planes), ASCII letters, digits and +#&._%- */
const HAN_BLOCK =
  /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B820}-\u{2CEAF}\u{2CEB0}-\u{2EBEF}\u{2F800}-\u{2FA1F}a-zA-Z0-9+#&._%-]+/gu;
/** Unicode White_Space (what jieba's `\s` means), one at a time, CRLF as one */
const SKIP = /\r\n|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

export function makeLexicon(t: Table): Lexicon {
  const logTotal = Math.log(t.total);
  const slotOf = (w: string): number => {
    if (w.length === 0 || w.length > 255) return -1;
    let h = SEED;
    for (let k = 0; k < w.length; k++) h = step(h, w.charCodeAt(k));
    const i = find(t, h, w, 0, w.length);
    return t.meta[i]! >>> 24 & WORD ? i : -1;
  };
  // reused work arrays of the route (grown as needed)
  let routeP = new Float64Array(256);
  let routeE = new Int32Array(256);

  /** The DAG and best route of one block text[a, b); pushes its words. */
  function cutBlock(text: string, a: number, b: number, out: string[]): void {
    const n = b - a;
    if (routeP.length < n + 1) {
      routeP = new Float64Array(n * 2 + 1);
      routeE = new Int32Array(n * 2 + 1);
    }
    routeP[n] = 0;
    routeE[n] = n;
    let next = n; // start of the following character
    for (let i = n - 1; i >= 0; i--) {
      if (i > 0 && isHigh(text.charCodeAt(a + i - 1)) && !isHigh(text.charCodeAt(a + i))) continue; // low surrogate: not a character start
      let bestP = -Infinity;
      let bestE = -1;
      let h = SEED;
      for (let j = i; j < n; j++) {
        h = step(h, text.charCodeAt(a + j));
        const s = find(t, h, text, a + i, j - i + 1);
        const m = t.meta[s]!;
        if (m === 0) break; // no word continues
        if ((m >>> 24) & WORD) {
          const p = Math.log(t.freq[s]!) - logTotal + routeP[j + 1]!;
          if (p >= bestP) {
            bestP = p; // ties: the longer word, as jieba's max_by over (prob, end)
            bestE = j + 1;
          }
        }
      }
      if (bestE < 0) {
        bestP = Math.log(1) - logTotal + routeP[next]!;
        bestE = next;
      }
      routeP[i] = bestP;
      routeE[i] = bestE;
      next = i;
    }
    // walk the route; single ASCII letters/digits are joined
    let left = -1;
    for (let x = 0; x < n; ) {
      const y = routeE[x]!;
      if (y - x === 1 && isAlnum(text.charCodeAt(a + x))) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          out.push(text.slice(a + left, a + x));
          left = -1;
        }
        out.push(text.slice(a + x, a + y));
      }
      x = y;
    }
    if (left >= 0) out.push(text.slice(a + left, b));
  }

  function cutOther(text: string, a: number, b: number, out: string[]): void {
    SKIP.lastIndex = a;
    let p = a;
    while (p < b) {
      const m = SKIP.exec(text);
      const ms = m && m.index < b ? m.index : b;
      for (let k = p; k < ms; ) {
        const w = isHigh(text.charCodeAt(k)) && k + 1 < ms ? 2 : 1;
        out.push(text.slice(k, k + w));
        k += w;
      }
      if (ms >= b) break;
      out.push(m![0]);
      p = ms + m![0].length;
      SKIP.lastIndex = p;
    }
  }

  function cut(text: string): string[] {
    const out: string[] = [];
    let p = 0;
    HAN_BLOCK.lastIndex = 0;
    for (let m = HAN_BLOCK.exec(text); m; m = HAN_BLOCK.exec(text)) {
      if (m.index > p) cutOther(text, p, m.index, out);
      cutBlock(text, m.index, m.index + m[0].length, out);
      p = m.index + m[0].length;
    }
    if (p < text.length) cutOther(text, p, text.length, out);
    return out;
  }

  // the last block blockAt cut (a rule asks about several places of one paragraph in turn)
  let lastText = '';
  let lastBlock: { start: number; end: number; words: string[] } | null = null;
  function blockAt(text: string, i: number): { start: number; words: string[] } | null {
    if (lastBlock && text === lastText && lastBlock.start <= i && i < lastBlock.end) return lastBlock;
    HAN_BLOCK.lastIndex = 0;
    for (let m = HAN_BLOCK.exec(text); m && m.index <= i; m = HAN_BLOCK.exec(text)) {
      const end = m.index + m[0].length;
      if (end <= i) continue;
      const words: string[] = [];
      cutBlock(text, m.index, end, words);
      lastText = text;
      lastBlock = { start: m.index, end, words };
      return lastBlock;
    }
    return null;
  }

  const tagOf = (w: string): string | undefined => {
    const i = slotOf(w);
    return i < 0 ? undefined : t.tags[(t.meta[i]! >>> 8) & 0xffff];
  };

  return {
    size: t.words,
    total: t.total,
    freq(w) {
      const i = slotOf(w);
      return i < 0 ? undefined : t.freq[i];
    },
    has: (w) => slotOf(w) >= 0,
    tagOf,
    cut,
    blockAt,
    tag(text) {
      return cut(text).map((word) => {
        const known = tagOf(word);
        if (known !== undefined) return { word, tag: known };
        let eng = 0;
        let digits = 0;
        for (let k = 0; k < word.length; k++) {
          const c = word.charCodeAt(k);
          if (isAlnum(c)) {
            eng++;
            if (c <= 57) digits++;
          }
        }
        return { word, tag: eng === 0 ? 'x' : eng === digits ? 'm' : 'eng' };
      });
    },
  };
}
