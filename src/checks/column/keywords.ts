/**
 * The catalog's keywords found in a text: leftmost-longest, non-overlapping occurrences, the
 * same as `buildMatcher(words).find(text)` (util/matcher.ts). A trie walked from each position
 * does it with typed-array lookups only; the Aho-Corasick automaton's per-character Map lookups
 * and its objects for every overlapping occurrence made keywords the slowest part of
 * column/mismatch.
 */

const edgeHash = (parent: number, c: number) => Math.imul(parent, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
const setBit = (bits: Int32Array, i: number) => {
  bits[i >>> 5]! |= 1 << (i & 31);
};
const hasBit = (bits: Int32Array, i: number) => (bits[i >>> 5]! & (1 << (i & 31))) !== 0;

/** Trie over UTF-16 code units; node 0 is the root. */
export class KeywordTrie {
  /** the root's child per first code unit (0: none) */
  private readonly first = new Int32Array(0x10000);
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
  private readonly edgeBits = new Int32Array(0x10000 / 32);
  /**
   * where a word can start: one bit per code unit that is a whole word, and one per 16-bit hash
   * of the first two code units of each longer word. Nine positions in ten of a text start no
   * word and are passed over by two bit tests.
   */
  private readonly singleBits = new Int32Array(0x10000 / 32);
  private readonly pairBits = new Int32Array(0x10000 / 32);
  private readonly shift: number;
  private readonly mask: number;
  /** per node: the index in `words` of the word ending there, or -1 */
  private readonly ends: number[] = [-1];

  /** `words`: no empty word, no word twice */
  constructor(words: readonly string[]) {
    const edges = new Map<number, number>(); // parent * 0x10000 + code unit → child, while building
    words.forEach((w, index) => {
      if (!w.length) return;
      let node = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        const key = node * 0x10000 + c;
        let child = node === 0 ? this.first[c]! : (edges.get(key) ?? 0);
        if (child === 0) {
          child = this.ends.length;
          this.ends.push(-1);
          if (node === 0) this.first[c] = child;
          else edges.set(key, child);
        }
        node = child;
      }
      this.ends[node] = index;
      if (w.length === 1) setBit(this.singleBits, w.charCodeAt(0));
      else setBit(this.pairBits, edgeHash(w.charCodeAt(0), w.charCodeAt(1)) >>> 16);
    });
    let bits = 4;
    while (1 << bits < 2 * edges.size) bits++;
    this.edgeParent = new Int32Array(1 << bits);
    this.edgeUnit = new Uint16Array(1 << bits);
    this.edgeChild = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (const [key, child] of edges) {
      const parent = Math.floor(key / 0x10000);
      const c = key % 0x10000;
      const h = edgeHash(parent, c);
      setBit(this.edgeBits, h >>> 16);
      let s = h >>> this.shift;
      while (this.edgeParent[s] !== 0) s = (s + 1) & this.mask;
      this.edgeParent[s] = parent;
      this.edgeUnit[s] = c;
      this.edgeChild[s] = child;
    }
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
    while (i < n) {
      const c = text.charCodeAt(i);
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
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
      }
    }
  }
}
