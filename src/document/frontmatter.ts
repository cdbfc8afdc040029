/**
 * YAML front matter: located by its `---` fences, parsed with the `yaml` package keeping every
 * key's and value's source position, with Chinese keys mapped onto the canonical English ones.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { FrontMatter, Range } from '../types.js';

/** Canonical key → accepted spellings (the canonical one first). */
export const FIELD_ALIASES: Record<string, string[]> = {
  title: ['title', '标题'],
  column: ['column', '栏目'],
  unit: ['unit', '发布单位', '单位'],
  author: ['author', '撰稿人', '作者'],
  date: ['date', '日期', '发布日期'],
  channel: ['channel', '渠道'],
  account: ['account', '账号', '帐号'],
  type: ['type', '类型'],
  doc_number: ['doc_number', '文号'],
  interpretation: ['interpretation', '解读'],
  links: ['links', '外链'],
  review: ['review', '审核'],
  url: ['url', '链接', '网址'],
  summary: ['summary', '摘要'],
  source: ['source', '来源'],
  keywords: ['keywords', '关键词'],
  draftlint: ['draftlint'],
};

const aliasToCanonical = new Map<string, string>();
for (const [canonical, names] of Object.entries(FIELD_ALIASES)) for (const n of names) aliasToCanonical.set(n, canonical);

export function canonicalKey(key: string): string | null {
  return aliasToCanonical.get(key) ?? null;
}

/** Keys that must never be copied into plain objects. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deep copy into objects without a prototype chain to pollute; drops `__proto__`-like keys. */
export function safeCopy(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((v) => safeCopy(v, depth + 1));
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (UNSAFE_KEYS.has(k)) continue;
      out[k] = safeCopy(v, depth + 1);
    }
    return out;
  }
  return value;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

export interface FrontMatterScan {
  frontMatter: FrontMatter | null;
  /** set when a `---` block opens but never closes */
  unclosed: Range | null;
}

export function scanFrontMatter(source: string): FrontMatterScan {
  const open = OPEN.exec(source);
  if (!open) return { frontMatter: null, unclosed: null };
  const contentStart = open[0].length;
  CLOSE.lastIndex = 0;
  const rest = source.slice(contentStart);
  const close = CLOSE.exec(rest);
  if (!close) {
    const lineEnd = source.indexOf('\n');
    return { frontMatter: null, unclosed: [0, lineEnd < 0 ? source.length : lineEnd] };
  }
  const contentEnd = contentStart + close.index;
  let end = contentEnd + close[0].length;
  if (source[end] === '\r') end++;
  if (source[end] === '\n') end++;
  return { frontMatter: parseFrontMatter(source, [0, end], [contentStart, contentEnd]), unclosed: null };
}

function parseFrontMatter(source: string, range: Range, contentRange: Range): FrontMatter {
  const [cs, ce] = contentRange;
  const content = source.slice(cs, ce);
  const fm: FrontMatter = { range, contentRange, data: null, keys: [], valueRanges: {}, errors: [] };
  const doc = parseDocument(content, { uniqueKeys: true, prettyErrors: false, lineCounter: new LineCounter(), strict: true });
  for (const e of doc.errors) {
    const [s, t] = e.pos;
    fm.errors.push({ message: e.message.split('\n')[0]!, range: [cs + s, cs + Math.max(t, s + 1)] });
  }
  if (fm.errors.length) return fm;
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    fm.data = {};
    return fm;
  }
  if (!isMap(contents)) {
    const r = (contents as { range?: [number, number, number] }).range;
    fm.errors.push({ message: 'front matter is not a mapping of keys to values', range: r ? [cs + r[0], cs + r[1]] : contentRange });
    return fm;
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    fm.errors.push({ message: (e as Error).message, range: contentRange });
    return fm;
  }
  const raw = (js ?? {}) as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const kr = isScalar(keyNode) && keyNode.range ? keyNode.range : null;
    const keyRange: Range = kr ? [cs + kr[0], cs + kr[1]] : contentRange;
    const vNode = pair.value as { range?: [number, number, number] } | null;
    const valueRange: Range | null = vNode?.range ? [cs + vNode.range[0], cs + vNode.range[1]] : null;
    const canonical = UNSAFE_KEYS.has(key) ? null : canonicalKey(key);
    fm.keys.push({ key, canonical, keyRange, valueRange });
    if (canonical && !(canonical in data)) {
      data[canonical] = safeCopy(Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : undefined);
      if (valueRange) fm.valueRanges[canonical] = valueRange;
    }
  }
  fm.data = data;
  return fm;
}
