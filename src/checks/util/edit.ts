import type { Fix } from '../../types.js';

/** true when run.text[i, j) maps 1:1 onto contiguous source characters equal to the text. */
export function isVerbatim(source: string, run: { text: string; starts: Uint32Array; ends: Uint32Array }, i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    if (run.ends[k]! - run.starts[k]! !== 1) return false;
    if (k > i && run.starts[k] !== run.ends[k - 1]) return false;
    if (source[run.starts[k]!] !== run.text[k]) return false;
  }
  return true;
}

/**
 * A fix replacing run.text[start, end) with `replacement`, edited minimally, or undefined when the
 * changed characters do not map verbatim onto the source (an entity, an escape, markup in between).
 */
export function fixInRun(
  run: { text: string; starts: Uint32Array; ends: Uint32Array },
  source: string,
  start: number,
  end: number,
  replacement: string,
): Fix | undefined {
  const actual = run.text.slice(start, end);
  if (actual === replacement) return undefined;
  let pre = 0;
  while (pre < actual.length && pre < replacement.length && actual[pre] === replacement[pre]) pre++;
  let suf = 0;
  while (suf < actual.length - pre && suf < replacement.length - pre && actual[actual.length - 1 - suf] === replacement[replacement.length - 1 - suf]) suf++;
  const a = start + pre;
  const b = end - suf;
  const text = replacement.slice(pre, replacement.length - suf);
  if (a === b) {
    // pure insertion: insert after the previous character (or before the next one)
    const at = a > 0 ? run.ends[a - 1]! : run.starts[a]!;
    return { range: [at, at], text };
  }
  if (!isVerbatim(source, run, a, b)) return undefined;
  return { range: [run.starts[a]!, run.ends[b - 1]!], text };
}
