/**
 * Source ranges of nested front matter values (e.g. `审核: 复审: 日期:`), for findings
 * that point at the exact field. Falls back to the nearest enclosing key that exists.
 */
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { canonicalKey } from '../document/frontmatter.js';
import type { Draft, Range } from '../types.js';

const docs = new WeakMap<Draft, ReturnType<typeof parseDocument> | null>();

function doc(draft: Draft) {
  if (docs.has(draft)) return docs.get(draft)!;
  const fm = draft.frontMatter;
  let d: ReturnType<typeof parseDocument> | null = null;
  if (fm) {
    const [s, e] = fm.contentRange;
    const parsed = parseDocument(draft.source.slice(s, e), { prettyErrors: false });
    d = parsed.errors.length ? null : parsed;
  }
  docs.set(draft, d);
  return d;
}

/** The first line of the draft (the front matter fence when there is one). */
export function headRange(draft: Draft): Range {
  if (draft.frontMatter) return [draft.frontMatter.range[0], Math.min(draft.frontMatter.range[0] + 3, draft.source.length)];
  const nl = draft.source.indexOf('\n');
  let end = nl < 0 ? draft.source.length : nl;
  if (end > 0 && draft.source[end - 1] === '\r') end--;
  return [0, end];
}

/**
 * Locates a value by a path of key matchers: the first matcher applies to top-level keys
 * as canonical names (`review`), the rest get the key as written. Returns the range of the
 * deepest value found (or of its key when the value is a mapping), or null when even the
 * top-level key is absent.
 */
export function locate(draft: Draft, top: string, ...rest: Array<(key: string) => boolean>): Range | null {
  const d = doc(draft);
  const fm = draft.frontMatter;
  if (!d || !fm) return null;
  const base = fm.contentRange[0];
  let node: unknown = d.contents;
  let best: Range | null = null;
  const matchers: Array<(key: string) => boolean> = [(k) => canonicalKey(k) === top, ...rest];
  for (const m of matchers) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && m(String(p.key.value)));
    if (!pair) break;
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    const vr = value?.range;
    const kr = key.range;
    if (value && vr && !isMap(value)) best = [base + vr[0], base + vr[1]];
    else if (kr) best = [base + kr[0], base + kr[1]];
    node = value;
  }
  return best;
}
