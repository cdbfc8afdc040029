/**
 * Multi-pattern matching over prose with one Aho-Corasick automaton per word list, built once.
 * Never uses `\b` (which never matches between two Han characters).
 */
import { AhoCorasick } from '@monyone/aho-corasick';
import { fnv1a } from '../../engine/fnv.js';
import { loadCompiled } from '../../engine/compiled.js';
import { indexList } from '../../engine/dictionaries.js';
import { hasBit, setBit } from './bits.js';

export interface Match {
  start: number;
  end: number;
  word: string;
}

export interface Matcher {
  /** every occurrence, overlapping ones included, sorted by start then longest first */
  all(text: string): Match[];
  /** leftmost-longest, non-overlapping occurrences */
  find(text: string): Match[];
}

export const byStartThenLongest = (a: Match, b: Match) => a.start - b.start || b.end - a.end;

/** Leftmost-longest, non-overlapping matches out of all of them (sorted by byStartThenLongest). */
export function leftmostLongest(all: Match[]): Match[] {
  const out: Match[] = [];
  let last = -1;
  for (const m of all) {
    if (m.start < last) continue;
    out.push(m);
    last = m.end;
  }
  return out;
}

function uniqueWords(words: Iterable<string>): string[] {
  return [...new Set([...words].filter((w) => w.length > 0))];
}

/** A 16-bit hash of a word's first two UTF-16 code units (an index into `reach` below). */
const pairHash = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ b) & 0xffff;

export function buildMatcher(words: Iterable<string>): Matcher {
  const unique = uniqueWords(words);
  if (!unique.length) return { all: () => [], find: () => [] };
  const ac = new AhoCorasick(unique);
  // A gate in front of the automaton, whose Map lookups per character are what a scan costs:
  // a word can only start at a code unit that starts one (`starts`: 1, or 2 when that unit alone
  // is a word) and, for a longer word, where the next unit completes a pair whose hash bucket
  // holds a word (`reach`: the longest word of the bucket). Only the windows from such a start
  // to its reach, merged where they overlap, go through the automaton: every occurrence lies in
  // exactly one window, so the matches are the automaton's own. On prose most positions stop at
  // the first lookup (a 3,438-word typo list lets through about a tenth, an 82-word list 0.4%).
  const starts = new Uint8Array(0x10000);
  const reach = new Int32Array(0x10000);
  for (const w of unique) {
    const c = w.charCodeAt(0);
    if (w.length === 1) {
      starts[c] = 2;
      continue;
    }
    if (starts[c] === 0) starts[c] = 1;
    const h = pairHash(c, w.charCodeAt(1));
    if (w.length > reach[h]!) reach[h] = w.length;
  }
  /** how many code units a word starting at `i` may span (0: no word starts there) */
  const reachAt = (text: string, i: number): number => {
    const c = text.charCodeAt(i);
    const s = starts[c]!;
    if (s === 0) return 0;
    const r = i + 1 < text.length ? reach[pairHash(c, text.charCodeAt(i + 1))]! : 0;
    return r > 0 ? r : s === 2 ? 1 : 0;
  };
  const all = (text: string): Match[] => {
    const out: Match[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const r = reachAt(text, i);
      if (r === 0) {
        i++;
        continue;
      }
      const from = i;
      let to = Math.min(n, i + r);
      for (i++; i < to; i++) to = Math.max(to, Math.min(n, i + reachAt(text, i)));
      const window = from === 0 && to === n ? text : text.slice(from, to);
      for (const m of ac.matchInText(window)) out.push({ start: from + m.begin, end: from + m.end, word: m.keyword });
    }
    return out.sort(byStartThenLongest);
  };
  return { all, find: (text) => leftmostLongest(all(text)) };
}

/**
 * The same matches as buildMatcher, found from where a word ends instead of with an automaton.
 * For a short list, or a list whose words end in a few characters (law titles end in
 * 知/见/例/定/法/划/典/则). Words of one or two code units are their own keys; longer words are
 * keyed by their last units, as many as the shortest of them has (three to six). A scan looks
 * at a position only when typed arrays say that its code unit ends a word and either is a word
 * or comes after a unit that, by the hash of the pair, may begin a longer word's last two; there
 * a bitset of the keys' hashes is asked, and the words whose key has that hash are compared unit
 * by unit. With the 3,438 wrong forms of typo/confusion, 70% of positions of prose hold a last
 * character, 11% get past the pair hash, 1% past the bitsets. Everything is typed arrays
 * (`SuffixTables`), so that a long shipped list is compiled once into dist/.compiled and loads
 * with one read (`suffixMatcherOf`): building the tables of the 3,182 law titles, with the list's
 * parse, took 20-30 ms of a cold one-file run. Not for a 10k-word dictionary: there the
 * automaton wins.
 */
export function buildSuffixMatcher(words: Iterable<string>): Matcher {
  const list = [...words];
  // no word (a rule's exceptions, most often): no 400 KB of tables to clear
  return list.some((w) => w.length > 0) ? suffixMatcherOf(buildSuffixTables(list)) : NO_MATCHES;
}

const NO_MATCHES: Matcher = { all: () => [], find: () => [] };

/** The tables of a suffix matcher: typed arrays only (`serializeSuffixTables`). */
export interface SuffixTables {
  /** the unique words' code units, one word after another */
  codes: Uint16Array;
  /** word i is codes[starts[i], starts[i + 1]) */
  starts: Int32Array;
  /** bitset over code units: the unit ends a word */
  ends: Int32Array;
  /** bitset over code units: the unit is a word by itself */
  alone: Int32Array;
  /** bitset over pairHash: the hash of the last two units of a word of two or more */
  pairs: Int32Array;
  /** words of one unit, of two, and longer ones (keyed by their last `keyLength` units) */
  groups: [SuffixGroup | null, SuffixGroup | null, SuffixGroup | null];
}
interface SuffixGroup {
  keyLength: number;
  /** bitset of the tailHash of the group's keys */
  bits: Int32Array;
  /** the group's words (indexes into starts) sorted by the tailHash of their key, and those hashes */
  hashes: Int32Array;
  words: Int32Array;
}

export function buildSuffixTables(words: Iterable<string>): SuffixTables {
  const unique = uniqueWords(words);
  // bitsets of 8 KB each, not byte tables of 64 KB: every rule of this kind reads them at every
  // unit of every paragraph, and with the tables of five lists between two reads, bytes missed the
  // CPU's caches (typo/confusion took about 10% less over the laws)
  const ends = new Int32Array(0x800);
  const alone = new Int32Array(0x800);
  const pairs = new Int32Array(0x800);
  let total = 0;
  for (const w of unique) total += w.length;
  const codes = new Uint16Array(total);
  const starts = new Int32Array(unique.length + 1);
  // the longer words share one key length: as long as the shortest of them, up to six units (law
  // titles: few titles end in the same six characters, many in the same three)
  let longKey = 6;
  for (const w of unique) if (w.length >= 3) longKey = Math.min(longKey, w.length);
  const members: Array<Array<[number, number]>> = [[], [], []]; // [hash, word] per group
  let at = 0;
  unique.forEach((w, i) => {
    starts[i] = at;
    for (let k = 0; k < w.length; k++) codes[at++] = w.charCodeAt(k);
    setBit(ends, w.charCodeAt(w.length - 1));
    if (w.length === 1) setBit(alone, w.charCodeAt(0));
    else setBit(pairs, pairHash(w.charCodeAt(w.length - 2), w.charCodeAt(w.length - 1)));
    const g = Math.min(w.length, 3) - 1;
    members[g]!.push([tailHash(w, w.length, g === 2 ? longKey : g + 1), i]);
  });
  starts[unique.length] = at;
  const groups = members.map((list, g) => {
    if (!list.length) return null;
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const bits = new Int32Array(1 << (TAIL_BITS - 5));
    for (const [h] of list) setBit(bits, h);
    return { keyLength: g === 2 ? longKey : g + 1, bits, hashes: Int32Array.from(list, (m) => m[0]), words: Int32Array.from(list, (m) => m[1]) };
  }) as SuffixTables['groups'];
  return { codes, starts, ends, alone, pairs, groups };
}

/** The matcher over `SuffixTables` (built, or loaded from a compiled file). */
export function suffixMatcherOf(t: SuffixTables): Matcher {
  const { codes, starts, ends, alone, pairs, groups } = t;
  if (starts.length < 2) return NO_MATCHES;
  const [one, two, long] = groups;
  const wordCache = new Map<number, string>();
  const wordAt = (w: number): string => {
    let s = wordCache.get(w);
    if (s === undefined) wordCache.set(w, (s = String.fromCharCode(...codes.subarray(starts[w]!, starts[w + 1]!))));
    return s;
  };
  const endsAt = (text: string, end: number, w: number): boolean => {
    const from = starts[w]!;
    const len = starts[w + 1]! - from;
    if (len > end) return false;
    for (let k = len - 1, j = end - 1; k >= 0; k--, j--) if (text.charCodeAt(j) !== codes[from + k]) return false;
    return true;
  };
  const look = (g: SuffixGroup, text: string, end: number, out: Match[]): void => {
    const { keyLength, bits, hashes, words } = g;
    if (end < keyLength) return;
    const h = tailHash(text, end, keyLength);
    if ((bits[h >>> 5]! & (1 << (h & 31))) === 0) return;
    let lo = 0;
    let hi = hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hashes[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < hashes.length && hashes[j] === h; j++) {
      const w = words[j]!;
      if (endsAt(text, end, w)) out.push({ start: end - (starts[w + 1]! - starts[w]!), end, word: wordAt(w) });
    }
  };
  const all = (text: string): Match[] => {
    const out: Match[] = [];
    // each code unit is read once: the one before the last is kept from the step before
    let last = -1;
    for (let end = 1; end <= text.length; end++) {
      const before = last;
      last = text.charCodeAt(end - 1);
      // (hasBit written out: one bit mask for both tables, and 10% faster than the calls here)
      const at = last >>> 5;
      const bit = 1 << (last & 31);
      if ((ends[at]! & bit) === 0) continue; // (a word of one unit ends there too)
      if (one && (alone[at]! & bit) !== 0) look(one, text, end, out);
      if (end < 2) continue;
      if (hasBit(pairs, pairHash(before, last))) {
        if (two) look(two, text, end, out);
        if (long) look(long, text, end, out);
      }
    }
    return out.sort(byStartThenLongest);
  };
  return { all, find: (text) => leftmostLongest(all(text)) };
}

/** Bump when the tables or their bytes change: compiled files of another version are made again. */
const SUFFIX_FORMAT = 2;
/** The suffix matcher of each list file (`listSuffixMatcher`), once per process. */
const listMatchers = new Map<string, Matcher>();

/** `compiledSuffixMatcher(file)`, once per process. */
export function listSuffixMatcher(file: string): Matcher {
  let m = listMatchers.get(file);
  if (!m) listMatchers.set(file, (m = compiledSuffixMatcher(file)));
  return m;
}

/**
 * The suffix matcher of the first fields of the list `file` (indexList), compiled into `dir`
 * (dist/.compiled) the first time and read from there after (src/engine/compiled.ts).
 */
export function compiledSuffixMatcher(file: string, dir?: string): Matcher {
  const compile = () => serializeSuffixTables(buildSuffixTables(indexList(file).keys()));
  return suffixMatcherOf(loadCompiled('suffix', SUFFIX_FORMAT, file, compile, deserializeSuffixTables, dir));
}

/**
 * `base`'s matches less those of the words in `excluded`, plus those of `extra`: the same matches
 * as one matcher over the list with a site's own words added and removed, without building the
 * list's matcher again.
 */
export function adjustMatcher(base: Matcher, extra: string[], excluded: ReadonlySet<string>): Matcher {
  if (!extra.length && !excluded.size) return base;
  const more = buildSuffixMatcher(extra.filter((w) => !excluded.has(w)));
  const all = (text: string): Match[] => {
    const found = [...base.all(text).filter((m) => !excluded.has(m.word)), ...more.all(text)].sort(byStartThenLongest);
    // a word both in the list and added: one match
    return found.filter((m, i) => i === 0 || m.start !== found[i - 1]!.start || m.end !== found[i - 1]!.end);
  };
  return { all, find: (text) => leftmostLongest(all(text)) };
}

const SUFFIX_MAGIC = 0x53554631; // 'SUF1'


/**
 * `SuffixTables` as bytes: an Int32 header (magic, words, code units, key length of the long
 * group, and each group's size or -1), then starts, each group's bits, hashes and words, the code
 * units, then the three bitsets (ends, alone, pairs). Int32 parts first, code units padded to
 * four bytes, so that every view is aligned.
 */
export function serializeSuffixTables(t: SuffixTables): Buffer {
  const header = Int32Array.of(SUFFIX_MAGIC, t.starts.length - 1, t.codes.length, t.groups[2]?.keyLength ?? 0, ...t.groups.map((g) => (g ? g.hashes.length : -1)));
  const parts: ArrayBufferView[] = [header, t.starts];
  for (const g of t.groups) if (g) parts.push(g.bits, g.hashes, g.words);
  parts.push(t.codes);
  if (t.codes.length % 2) parts.push(new Uint16Array(1));
  parts.push(t.ends, t.alone, t.pairs);
  return Buffer.concat(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
}

/** `SuffixTables` over the bytes of `serializeSuffixTables` (views, not copies: `buf` must be 4-byte aligned). */
export function deserializeSuffixTables(buf: Uint8Array): SuffixTables {
  const { buffer, byteOffset } = buf;
  let at = byteOffset;
  const int32 = (n: number) => {
    const v = new Int32Array(buffer, at, n);
    at += n * 4;
    return v;
  };
  const header = int32(7);
  if (header[0] !== SUFFIX_MAGIC) throw new Error('not a compiled suffix matcher');
  const [, nWords, nCodes, longKey] = header as unknown as number[];
  const starts = int32(nWords! + 1);
  const groups = [0, 1, 2].map((g) => {
    const size = header[4 + g]!;
    if (size < 0) return null;
    return { keyLength: g === 2 ? longKey! : g + 1, bits: int32(1 << (TAIL_BITS - 5)), hashes: int32(size), words: int32(size) };
  }) as SuffixTables['groups'];
  const codes = new Uint16Array(buffer, at, nCodes!);
  at += (nCodes! + (nCodes! % 2)) * 2;
  const ends = new Int32Array(buffer, at, 0x800);
  const alone = new Int32Array(buffer, at + 0x2000, 0x800);
  const pairs = new Int32Array(buffer, at + 0x4000, 0x800);
  if (at + 0x6000 - byteOffset !== buf.byteLength) throw new Error('compiled suffix matcher of the wrong size');
  return { codes, starts, ends, alone, pairs, groups };
}

/** bits of the suffix matcher's key hashes (a 128 KB bitset per key length) */
const TAIL_BITS = 20;
/** A TAIL_BITS-bit hash of the `length` code units of `s` that end at `end`. */
function tailHash(s: string, end: number, length: number): number {
  const h = fnv1a(s, end - length, end);
  return (h ^ (h >>> 15)) >>> (32 - TAIL_BITS);
}
