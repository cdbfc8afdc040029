/**
 * Bitsets in Int32Arrays: the per-character tables that the scans read at every code unit (8 KB
 * over all UTF-16 code units stay in the CPU's caches, where byte tables of 64 KB did not).
 */

export const setBit = (bits: Int32Array, i: number): void => {
  bits[i >>> 5]! |= 1 << (i & 31);
};

export const hasBit = (bits: Int32Array, i: number): boolean => (bits[i >>> 5]! & (1 << (i & 31))) !== 0;

/** A bitset over the 65,536 UTF-16 code units with those of `units` set. */
export function unitBits(units: Iterable<number>): Int32Array {
  const bits = new Int32Array(0x800);
  for (const u of units) setBit(bits, u);
  return bits;
}
