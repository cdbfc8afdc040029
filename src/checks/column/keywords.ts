/**
 * The catalog's keywords found in a text: leftmost-longest, non-overlapping occurrences, the
 * same as `buildMatcher(words).find(text)` (util/matcher.ts). A trie walked from each position
 * does it with typed-array lookups only; the Aho-Corasick automaton's per-character Map lookups
 * and its objects for every overlapping occurrence made keywords the slowest part of
 * column/mismatch.
 */
import { hasBit, setBit } from '../util/bits.js';

const edgeHash = (parent: number, c: number) => Math.imul(parent, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);

/** The catalog's keywords (genre phrases included, weight 3), numbered, with the columns that list each. */
export interface KeywordList {
  words: string[];
  /** per keyword: [column index, weight] of each column that lists it */
  owners: Array<Array<[number, number]>>;
  /** per column: the keyword number of each genre phrase */
  genre: number[][];
}

export function keywordListOf(columns: ReadonlyArray<{ genre: string[]; keywords: Record<string, number> }>): KeywordList {
  const owners = new Map<string, Array<[number, number]>>();
  columns.forEach((c, ci) => {
    const words: Record<string, number> = { ...Object.fromEntries(c.genre.map((g) => [g, 3])), ...c.keywords };
    for (const [w, weight] of Object.entries(words)) {
      const list = owners.get(w) ?? [];
      list.push([ci, weight]);
      owners.set(w, list);
    }
  });
  const words = [...owners.keys()];
  const index = new Map(words.map((w, i) => [w, i] as const));
  return { words, owners: [...owners.values()], genre: columns.map((c) => c.genre.map((g) => index.get(g)!)) };
}

/** tries compiled with a catalog (catalog.ts), by their words joined with NUL */
const compiledTries = new Map<string, KeywordTrie>();

/** Offers a trie compiled for exactly `words` (the default catalog's, read with it). */
export function offerCompiledTrie(words: readonly string[], trie: KeywordTrie): void {
  compiledTries.set(words.join('\0'), trie);
}

/**
 * The trie of `words`: the compiled one offered for the same words (the default catalog's, about
 * 3 ms of a cold one-file run to build), else built. A trie is never changed once made, so
 * scorers share it.
 */
export function keywordTrieOf(words: readonly string[]): KeywordTrie {
  return compiledTries.get(words.join('\0')) ?? new KeywordTrie(words);
}

/** magic number of `KeywordTrie.toBytes()` ("KWT1") */
const TRIE_MAGIC = 0x3154574b;
const BITSET_WORDS = 0x10000 / 32;

/** Trie over UTF-16 code units; node 0 is the root. */
export class KeywordTrie {
  /** the root's child per first code unit (0: none) */
  private readonly first: Int32Array;
  /**
   * deeper edges, an open-addressing table: slot → parent node (0: empty slot), code unit,
   * child node
   */
  private readonly edgeParent: Int32Array;
  private readonly edgeUnit: Uint16Array;
  private readonly edgeChild: Int32Array;
  /**
   * one bit per 16-bit hash of (parent, code unit), set for every edge: most walks end at a
   * clear bit in this small (L1-sized) set without probing the table
   */
  private readonly edgeBits: Int32Array;
  /**
   * where a word can start: one bit per code unit that is a whole word, and one per 16-bit hash
   * of the first two code units of each longer word. Nine positions in ten of a text start no
   * word and are passed over by two bit tests.
   */
  private readonly singleBits: Int32Array;
  private readonly pairBits: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  /** per node: the index in `words` of the word ending there, or -1 */
  private readonly ends: Int32Array;

  /** `words`: no empty word, no word twice */
  constructor(words: readonly string[]);
  /** (the tables of `fromBytes`) */
  constructor(words: null, tables: TrieTables);
  constructor(words: readonly string[] | null, tables?: TrieTables) {
    const t = tables ?? buildTables(words!);
    this.first = t.first;
    this.edgeParent = t.edgeParent;
    this.edgeUnit = t.edgeUnit;
    this.edgeChild = t.edgeChild;
    this.edgeBits = t.edgeBits;
    this.singleBits = t.singleBits;
    this.pairBits = t.pairBits;
    this.ends = t.ends;
    this.mask = t.edgeParent.length - 1;
    this.shift = 32 - Math.log2(t.edgeParent.length);
  }

  /**
   * The trie as bytes (`fromBytes`), for a compiled catalog: an Int32 header (magic, nodes, edge
   * slots, root edges), then the Int32 tables (ends, edge parents and children, the three
   * bitsets, the root's edges as code unit/child pairs), then the edges' code units.
   */
  toBytes(): Buffer {
    const root: number[] = [];
    this.first.forEach((child, c) => {
      if (child) root.push(c, child);
    });
    const head = Int32Array.of(TRIE_MAGIC, this.ends.length, this.edgeParent.length, root.length / 2);
    const parts = [head, this.ends, this.edgeParent, this.edgeChild, this.edgeBits, this.singleBits, this.pairBits, Int32Array.from(root), this.edgeUnit];
    return Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  }

  /** The trie over `toBytes()`'s bytes (views where it can: `buf` must be 4-byte aligned); throws on damaged bytes. */
  static fromBytes(buf: Uint8Array): KeywordTrie {
    const { buffer, byteOffset, byteLength } = buf;
    if (byteLength < 16 || byteOffset % 4) throw new Error('not a keyword trie');
    const [magic, nodes, slots, rootEdges] = new Int32Array(buffer, byteOffset, 4) as unknown as number[];
    if (magic !== TRIE_MAGIC || !(nodes! > 0) || !(slots! > 0) || (slots! & (slots! - 1)) !== 0 || !(rootEdges! >= 0)) throw new Error('not a keyword trie');
    const need = 16 + 4 * (nodes! + 2 * slots! + 3 * BITSET_WORDS + 2 * rootEdges!) + 2 * slots!;
    if (byteLength !== need) throw new Error('keyword trie cut short');
    let at = byteOffset + 16;
    const ints = (n: number) => {
      const a = new Int32Array(buffer, at, n);
      at += 4 * n;
      return a;
    };
    const ends = ints(nodes!);
    const edgeParent = ints(slots!);
    const edgeChild = ints(slots!);
    const edgeBits = ints(BITSET_WORDS);
    const singleBits = ints(BITSET_WORDS);
    const pairBits = ints(BITSET_WORDS);
    const root = ints(2 * rootEdges!);
    const edgeUnit = new Uint16Array(buffer, at, slots!);
    const first = new Int32Array(0x10000);
    for (let i = 0; i < root.length; i += 2) first[root[i]!] = root[i + 1]!;
    return new KeywordTrie(null, { first, edgeParent, edgeUnit, edgeChild, edgeBits, singleBits, pairBits, ends });
  }

  /** The child of `parent` (not the root) by code unit `c`, or 0. */
  private child(parent: number, c: number): number {
    const h = edgeHash(parent, c);
    if (!hasBit(this.edgeBits, h >>> 16)) return 0;
    for (let s = h >>> this.shift; ; s = (s + 1) & this.mask) {
      const p = this.edgeParent[s]!;
      if (p === parent && this.edgeUnit[s] === c) return this.edgeChild[s]!;
      if (p === 0) return 0;
    }
  }

  /**
   * Calls `hit(word, end)` for each leftmost-longest, non-overlapping occurrence in `text`, in
   * order (`word`: its index in the constructor's `words`; `end`: the index after it).
   */
  find(text: string, hit: (word: number, end: number) => void): void {
    const { pairBits, singleBits, first, ends } = this;
    const n = text.length;
    let i = 0;
    // the unit after i, read once: it is the next step's own unit
    let next = n > 0 ? text.charCodeAt(0) : 0;
    while (i < n) {
      const c = next;
      next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (!hasBit(pairBits, edgeHash(c, next) >>> 16) && !hasBit(singleBits, c)) {
        i++;
        continue;
      }
      let node = first[c]!;
      let word = -1;
      let end = i;
      for (let j = i + 1; node !== 0; j++) {
        const w = ends[node]!;
        if (w >= 0) {
          word = w;
          end = j;
        }
        if (j >= n) break;
        node = this.child(node, text.charCodeAt(j));
      }
      if (word < 0) i++;
      else {
        hit(word, end);
        i = end;
        next = i < n ? text.charCodeAt(i) : 0;
      }
    }
  }
}

interface TrieTables {
  first: Int32Array;
  edgeParent: Int32Array;
  edgeUnit: Uint16Array;
  edgeChild: Int32Array;
  edgeBits: Int32Array;
  singleBits: Int32Array;
  pairBits: Int32Array;
  ends: Int32Array;
}

function buildTables(words: readonly string[]): TrieTables {
  const first = new Int32Array(0x10000);
  const singleBits = new Int32Array(BITSET_WORDS);
  const pairBits = new Int32Array(BITSET_WORDS);
  const edgeBits = new Int32Array(BITSET_WORDS);
  const ends: number[] = [-1];
  const edges = new Map<number, number>(); // parent * 0x10000 + code unit → child, while building
  words.forEach((w, index) => {
    if (!w.length) return;
    let node = 0;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      const key = node * 0x10000 + c;
      let child = node === 0 ? first[c]! : (edges.get(key) ?? 0);
      if (child === 0) {
        child = ends.length;
        ends.push(-1);
        if (node === 0) first[c] = child;
        else edges.set(key, child);
      }
      node = child;
    }
    ends[node] = index;
    if (w.length === 1) setBit(singleBits, w.charCodeAt(0));
    else setBit(pairBits, edgeHash(w.charCodeAt(0), w.charCodeAt(1)) >>> 16);
  });
  let bits = 4;
  while (1 << bits < 2 * edges.size) bits++;
  const edgeParent = new Int32Array(1 << bits);
  const edgeUnit = new Uint16Array(1 << bits);
  const edgeChild = new Int32Array(1 << bits);
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  for (const [key, child] of edges) {
    const parent = Math.floor(key / 0x10000);
    const c = key % 0x10000;
    const h = edgeHash(parent, c);
    setBit(edgeBits, h >>> 16);
    let s = h >>> shift;
    while (edgeParent[s] !== 0) s = (s + 1) & mask;
    edgeParent[s] = parent;
    edgeUnit[s] = c;
    edgeChild[s] = child;
  }
  return { first, edgeParent, edgeUnit, edgeChild, edgeBits, singleBits, pairBits, ends: Int32Array.from(ends) };
}
