/**
 * 32-bit FNV-1a over the UTF-16 units of `s[from, to)`: stable across platforms and Node versions
 * (shard assignment, daemon and code-cache file names, the suffix matcher's key hashes). A
 * module of its own, with no imports: the daemon client reads it on every run.
 */
export function fnv1a(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `fnv1a(s)` as 8 hex digits, for file names: names, not secrets. */
export function fnv1aHex(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0');
}
