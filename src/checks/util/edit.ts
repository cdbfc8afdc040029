import type { Fix, Range } from '../../types.js';

/**
 * The smallest edit that turns `actual` (found verbatim at `range`) into `expected`:
 * 再接再励→再接再厉 edits only 励, so the fix touches as little of the editor's text as possible.
 */
export function minimalEdit(range: Range, actual: string, expected: string): Fix {
  let pre = 0;
  while (pre < actual.length && pre < expected.length && actual[pre] === expected[pre]) pre++;
  let suf = 0;
  while (
    suf < actual.length - pre &&
    suf < expected.length - pre &&
    actual[actual.length - 1 - suf] === expected[expected.length - 1 - suf]
  )
    suf++;
  return { range: [range[0] + pre, range[1] - suf], text: expected.slice(pre, expected.length - suf) };
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
  const s = run.starts[a]!;
  const e = run.ends[b - 1]!;
  if (source.slice(s, e) !== actual.slice(pre, actual.length - suf)) return undefined;
  return { range: [s, e], text };
}
