/**
 * The character n-gram language model of typo/suspect (dictionaries/lm-char.bin, trained by
 * scripts/build-typo-lm.mjs). Loaded lazily, once per process; lookups are binary searches in
 * sorted typed arrays. Scores use stupid backoff (Brants et al. 2007), in natural log.
 */
import { compiledFileOf, loadCompiled } from '../../engine/compiled.js';

export interface CharLM {
  total: number;
  /** count of a character */
  uni(c: number): number;
  bi(a: number, b: number): number;
  /** bi(a, b) > 0, answered from a bitset for two Han characters the model knows (typo/suspect asks it of every character) */
  seen(a: number, b: number): boolean;
  tri(a: number, b: number, c: number): number;
  /** log S(c | a b) with stupid backoff; a or b may be -1 (no history) */
  logp(a: number, b: number, c: number): number;
}

/** 32-bit hash of a trigram (must equal tri32 in scripts/build-typo-lm.mjs). */
export function tri32(a: number, b: number, c: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function search(keys: Uint32Array, k: number, lo = 0, hi = keys.length - 1): number {
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid]!;
    if (v === k) return mid;
    if (v < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The model file (a provenance header, `#---`, then varint-coded sorted keys and counts) decoded
 * into plain arrays: [total, nUni, nBi, nTri] as float64, then keys and counts of each order as
 * uint32. Decoded once and kept compiled (engine/compiled.ts), as decoding took most of a
 * one-file run's time in this rule.
 */
function compileLM(buf: Buffer, file: string): Buffer {
  const marker = buf.indexOf('#---\n');
  if (marker < 0) throw new Error(`${file}: not a draftlint language model (no "#---" line)`);
  const header = buf.subarray(0, marker).toString('utf8');
  if (!/^# source:/m.test(header) || !/^# license:/m.test(header)) throw new Error(`${file}: header lacks source/license`);
  let p = marker + 5;
  const varint = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[p++]!;
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
  };
  const section = (): [Uint32Array, Uint32Array] => {
    const n = varint();
    const keys = new Uint32Array(n);
    const counts = new Uint32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      k += varint();
      keys[i] = k;
      counts[i] = varint();
    }
    return [keys, counts];
  };
  const total = varint();
  const sections = [section(), section(), section()];
  // bigrams once more as an open-addressing table of (key, count) pairs side by side (count 0 =
  // empty): typo/suspect asks whether the pair of every two characters occurs, and a probe that
  // reads one cache line beats a binary search (and key, index and count in three arrays)
  const [bk, bc] = sections[1]!;
  let cap = 2;
  while (cap < bk.length * 2) cap <<= 1;
  const table = new Uint32Array(cap * 2);
  for (let i = 0; i < bk.length; i++) {
    if (bc[i] === 0) continue; // as good as absent, and 0 marks an empty slot
    let j = biSlot(bk[i]!, cap);
    while (table[2 * j + 1] !== 0) j = (j + 1) & (cap - 1);
    table[2 * j] = bk[i]!;
    table[2 * j + 1] = bc[i]!;
  }
  // and once more as one bit per pair of Han characters the model knows (`seen` in lmOf)
  const ids = denseIds(sections[0]![0], sections[0]![1]);
  const seen = new Uint32Array(seenWords(ids.count));
  for (let i = 0; i < bk.length; i++) {
    if (bc[i] === 0) continue;
    const a = ids.of[Math.floor(bk[i]! / 65536)]!;
    const b = ids.of[bk[i]! % 65536]!;
    if (a === NO_ID || b === NO_ID) continue;
    const k = a * ids.count + b;
    seen[k >>> 5]! |= 1 << (k & 31);
  }
  // the sorted bigram arrays are not kept: every bigram lookup goes through the table (1.7 MB
  // less for every one-file run to read)
  const arrays = [...sections[0]!, ...sections[2]!, table, seen];
  const out = Buffer.alloc(HEAD + arrays.reduce((s, a) => s + a.byteLength, 0));
  const head = new Float64Array(HEAD / 8);
  head.set([total, sections[0]![0].length, bk.length, sections[2]![0].length, cap, ids.count]);
  let o = 0;
  Buffer.from(head.buffer).copy(out, o);
  o += HEAD;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, o);
    o += a.byteLength;
  }
  return out;
}

const cache = new Map<string, CharLM>();
/** bytes of the compiled file's header: total, the three section sizes, the bigram table's size, the Han characters of the bitset of seen pairs */
const HEAD = 48;

/** denseIds' number of a code unit that is no Han character of the model */
const NO_ID = 0xffff;

/**
 * A dense number for each Han code unit the model has counted, NO_ID for any other: the index of
 * the bitset of seen pairs. Computed the same way when compiling and loading. 16 bits each: the
 * table is read twice for most characters of every paragraph, and its part for the Han
 * characters is 40 KB so (no speed-up was measured from it, nor a slow-down).
 */
function denseIds(keys: Uint32Array, counts: Uint32Array): { of: Uint16Array; count: number } {
  const of = new Uint16Array(65536).fill(NO_ID);
  const han: number[] = [];
  for (let i = 0; i < keys.length; i++) if (keys[i]! < 65536 && counts[i]! > 0 && isHanCode(keys[i]!)) han.push(i);
  // the most frequent characters first: the pairs of common characters, which are most of any
  // text, then lie in a few kilobytes at the start of the bitset's rows instead of all over its
  // megabytes, and typo/suspect's lookup of every character's pairs stays in the CPU's cache
  han.sort((a, b) => counts[b]! - counts[a]! || keys[a]! - keys[b]!);
  han.forEach((i, id) => (of[keys[i]!] = id));
  return { of, count: han.length };
}

/** 32-bit words of the bitset of seen pairs over `n` characters */
function seenWords(n: number): number {
  return Math.ceil((n * n) / 32);
}

/** HAN.test() of one UTF-16 code unit, without a regular expression (typo/suspect runs it on every character). */
export function isHanCode(c: number): boolean {
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}
/** home slot of a bigram key in a table of `cap` (a power of two) slots */
function biSlot(key: number, cap: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - (31 - Math.clz32(cap))); // the product's high bits
}

/** the compiled model's format (compileLM); bump when it changes */
export const LM_FORMAT = 6;

/** The compiled model of `file` while it is not loaded yet (for `Check.readAhead`). */
export function lmReadAhead(file: string): string[] {
  if (cache.has(file)) return [];
  try {
    return [compiledFileOf('lm', LM_FORMAT, file)];
  } catch {
    return []; // no such model: loadLM reports it
  }
}

export function loadLM(file: string): CharLM {
  const hit = cache.get(file);
  if (hit) return hit;
  const lm = loadCompiled('lm', LM_FORMAT, file, (buf) => compileLM(buf, file), lmOf);
  cache.set(file, lm);
  return lm;
}

/** The model over `compileLM`'s bytes (8-byte aligned); throws on bytes of the wrong size. */
function lmOf(raw: Uint8Array): CharLM {
  if (raw.length < HEAD) throw new Error('not a compiled language model');
  const head = new Float64Array(raw.buffer, raw.byteOffset, HEAD / 8);
  const total = head[0]!;
  const [nu, nt, cap, nHan] = [head[1]!, head[3]!, head[4]!, head[5]!]; // head[2]: the bigrams (in the table only)
  if (HEAD + (2 * nu + 2 * nt + 2 * cap + seenWords(nHan)) * 4 !== raw.length) throw new Error('compiled language model of the wrong size');
  let off = raw.byteOffset + HEAD;
  const view = (n: number): Uint32Array => {
    const a = new Uint32Array(raw.buffer, off, n);
    off += n * 4;
    return a;
  };
  const uk = view(nu);
  const uc = view(nu);
  const tk = view(nt);
  const tc = view(nt);
  const table = view(cap * 2);
  const seenBits = view(seenWords(nHan));
  // Hot lookups (typo/suspect asks about every character of every paragraph): unigram counts in
  // a dense table by code unit, bigrams in the hash table compiled with the model.
  const uniDense = new Uint32Array(65536);
  for (let i = 0; i < uk.length; i++) if (uk[i]! < 65536) uniDense[uk[i]!] = uc[i]!;
  const uni = (c: number): number => (c < 65536 ? uniDense[c]! : 0);
  const bi = (a: number, b: number): number => {
    const key = (a * 65536 + b) >>> 0;
    for (let j = biSlot(key, cap); ; j = (j + 1) & (cap - 1)) {
      const n = table[2 * j + 1]!;
      if (n === 0) return 0;
      if (table[2 * j] === key) return n;
    }
  };
  const ids = denseIds(uk, uc);
  if (ids.count !== nHan) throw new Error('compiled language model does not match its characters');
  const han = ids.of;
  const seen = (a: number, b: number): boolean => {
    const x = a < 65536 ? han[a]! : NO_ID;
    const y = b < 65536 ? han[b]! : NO_ID;
    if (x === NO_ID || y === NO_ID) return bi(a, b) > 0;
    const k = x * nHan + y;
    return (seenBits[k >>> 5]! & (1 << (k & 31))) !== 0;
  };
  const tri = (a: number, b: number, c: number): number => {
    const i = search(tk, tri32(a, b, c));
    return i < 0 ? 0 : tc[i]!;
  };
  const V = uk.length + 1;
  const ALPHA = Math.log(0.4);
  const lm: CharLM = {
    total,
    uni,
    bi,
    seen,
    tri,
    logp(a, b, c) {
      if (a >= 0 && b >= 0) {
        const t = tri(a, b, c);
        if (t > 0) {
          const d = bi(a, b);
          if (d > 0) return Math.log(t / d);
        }
      }
      if (b >= 0) {
        const n = bi(b, c);
        if (n > 0) {
          const d = uni(b);
          if (d > 0) return (a >= 0 ? ALPHA : 0) + Math.log(n / d);
        }
      }
      return (b >= 0 ? ALPHA : 0) + (a >= 0 ? ALPHA : 0) + Math.log((uni(c) + 0.5) / (total + 0.5 * V));
    },
  };
  return lm;
}

/**
 * Sum of log S over text[from, to), each character conditioned on the two before it; with
 * `replace`, as if the code unit at `replace.at` were `replace.code` (no new string is made).
 */
export function scoreSpan(lm: CharLM, text: string, from: number, to: number, replace?: { at: number; code: number }): number {
  const at = replace?.at ?? -1;
  const code = (j: number): number => (j === at ? replace!.code : text.charCodeAt(j));
  let s = 0;
  for (let k = from; k < to; k++) {
    const a = k >= 2 ? code(k - 2) : k === 1 ? 2 : -1;
    const b = k >= 1 ? code(k - 1) : 2;
    s += lm.logp(a, b, code(k));
  }
  return s;
}
