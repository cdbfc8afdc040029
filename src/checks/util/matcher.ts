/**
 * Multi-pattern matching over prose with one Aho-Corasick automaton per word list, built once.
 * Never uses `\b` (which never matches between two Han characters).
 */
import { AhoCorasick } from '@monyone/aho-corasick';
import { fnv1a } from '../../engine/fnv.js';

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
 * a bitset of the keys' hashes is asked before any string is cut, and the key picks the few words
 * to compare. With the 3,438 wrong forms of typo/confusion, 70% of positions of prose hold a last
 * character, 11% get past the pair hash, 1% past the bitsets. Building is a Map over the words
 * (about a millisecond for 3,000 titles, against 70+ ms for the automaton). Not for a 10k-word
 * dictionary: there the automaton wins.
 */
export function buildSuffixMatcher(words: Iterable<string>): Matcher {
  const unique = uniqueWords(words);
  if (!unique.length) return { all: () => [], find: () => [] };
  const isLast = new Uint8Array(0x10000); // code units that end a word
  const single = new Uint8Array(0x10000); // code units that are a word by themselves
  const pairs = new Uint8Array(0x10000); // pairHash of the last two units of each word of two or more
  // the longer words share one key length: as long as the shortest of them, up to six units (law
  // titles: few titles end in the same six characters, many in the same three)
  let longKey = 6;
  for (const w of unique) if (w.length >= 3) longKey = Math.min(longKey, w.length);
  const groups = [1, 2, longKey].map((keyLength) => ({ keyLength, bits: new Int32Array(1 << (TAIL_BITS - 5)), byKey: new Map<string, string[]>() }));
  for (const w of unique) {
    isLast[w.charCodeAt(w.length - 1)] = 1;
    if (w.length === 1) single[w.charCodeAt(0)] = 1;
    else pairs[pairHash(w.charCodeAt(w.length - 2), w.charCodeAt(w.length - 1))] = 1;
    const g = groups[Math.min(w.length, 3) - 1]!;
    const h = tailHash(w, w.length, g.keyLength);
    g.bits[h >>> 5]! |= 1 << (h & 31);
    const key = w.slice(w.length - g.keyLength);
    const bucket = g.byKey.get(key);
    if (bucket) bucket.push(w);
    else g.byKey.set(key, [w]);
  }
  const [one, two, long] = groups.map((g) => (g.byKey.size > 0 ? g : null)) as [Group | null, Group | null, Group | null];
  const look = (g: Group, text: string, end: number, out: Match[]): void => {
    const { keyLength, bits } = g;
    if (end < keyLength) return;
    const h = tailHash(text, end, keyLength);
    if ((bits[h >>> 5]! & (1 << (h & 31))) === 0) return;
    const bucket = g.byKey.get(text.slice(end - keyLength, end));
    if (bucket) for (const w of bucket) if (w.length <= end && text.startsWith(w, end - w.length)) out.push({ start: end - w.length, end, word: w });
  };
  const all = (text: string): Match[] => {
    const out: Match[] = [];
    for (let end = 1; end <= text.length; end++) {
      const last = text.charCodeAt(end - 1);
      if (!isLast[last]) continue;
      if (one && single[last]) look(one, text, end, out);
      if (end >= 2 && pairs[pairHash(text.charCodeAt(end - 2), last)]) {
        if (two) look(two, text, end, out);
        if (long) look(long, text, end, out);
      }
    }
    return out.sort(byStartThenLongest);
  };
  return { all, find: (text) => leftmostLongest(all(text)) };
}

interface Group {
  keyLength: number;
  bits: Int32Array;
  byKey: Map<string, string[]>;
}

/** bits of the suffix matcher's key hashes (a 128 KB bitset per key length) */
const TAIL_BITS = 20;
/** A TAIL_BITS-bit hash of the `length` code units of `s` that end at `end`. */
function tailHash(s: string, end: number, length: number): number {
  const h = fnv1a(s, end - length, end);
  return (h ^ (h >>> 15)) >>> (32 - TAIL_BITS);
}
