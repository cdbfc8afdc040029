/**
 * Approval records for external links, read from the draft's front matter:
 *
 * ```yaml
 * links:            # or 外链:
 *   - url: https://www.example.org/zt/2021/      # a URL or a URL prefix
 *     approved_by: 李四                            # 分管领导 who approved it
 *     approved_on: 2021-03-01
 * ```
 *
 * The YAML is parsed again here (the Draft only keeps the data) so every record and field
 * has an exact source range.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Draft, Range } from '../../types.js';
import { parsePattern, type Pattern } from './policy.js';

export interface ApprovalRecord {
  url: string | null;
  by: string | null;
  /** approved_on as written */
  on: string | null;
  /** approved_on as YYYY-MM-DD, or null when missing/unreadable */
  date: string | null;
  pattern: Pattern | null;
  /** the whole record */
  range: Range;
  /** the url value (or the record when there is none) */
  urlRange: Range;
  onRange: Range | null;
}

export interface ApprovalSection {
  /** the key as written (`links` or `外链`) */
  key: string;
  keyRange: Range;
  records: ApprovalRecord[];
  /** parts that are not records (a number, a nested list …) */
  invalid: Range[];
}

const SECTION_KEYS = new Set(['links', '外链']);
const URL_KEYS = ['url', 'href', 'link', '网址', '链接', '地址', '链接地址'];
const BY_KEYS = ['approved_by', 'approvedBy', 'approver', '批准人', '审批人', '批准领导', '审批领导', '分管领导'];
const ON_KEYS = ['approved_on', 'approvedOn', 'approved_at', 'date', '批准日期', '审批日期', '批准时间', '审批时间', '日期'];

/** Normalise a date written in front matter to YYYY-MM-DD (null when it is not a date). */
export function normalizeDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function scalarText(n: unknown): string | null {
  if (!isScalar(n)) return null;
  const v = n.value;
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v).trim();
  return s === '' ? null : s;
}

const cache = new WeakMap<Draft, ApprovalSection | null>();

/** The approval section of a draft, or null when the front matter has none. */
export function readApprovals(draft: Draft): ApprovalSection | null {
  if (cache.has(draft)) return cache.get(draft)!;
  const section = parse(draft);
  cache.set(draft, section);
  return section;
}

function parse(draft: Draft): ApprovalSection | null {
  const fm = draft.frontMatter;
  if (!fm) return null;
  // The document layer has parsed this YAML already (strictly, unique keys): when that parse had
  // no error, its keys are every top-level key there is, and when none of them is (or maps to) a
  // section key this parse would find no section either. Most drafts have no approval records.
  if (!fm.errors.length && !fm.keys.some((k) => k.canonical === 'links' || SECTION_KEYS.has(k.key.trim()))) return null;
  const keyNames = new Set(SECTION_KEYS);
  for (const k of fm.keys ?? []) if (k.canonical === 'links') keyNames.add(k.key);
  const base = fm.contentRange[0];
  const text = draft.source.slice(fm.contentRange[0], fm.contentRange[1]);
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  } catch {
    return null;
  }
  if (doc.errors.length || !isMap(doc.contents)) return null;
  const abs = (r: readonly number[] | undefined | null, fallback: Range): Range => {
    if (!r) return fallback;
    let e = base + r[1]!;
    while (e > base + r[0]! && /\s/.test(draft.source[e - 1]!)) e--;
    return [base + r[0]!, e];
  };

  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = scalarText(keyNode);
    if (key === null || !keyNames.has(key)) continue;
    const keyRange = abs(isScalar(keyNode) ? keyNode.range : null, fm.range);
    const section: ApprovalSection = { key, keyRange, records: [], invalid: [] };
    const value = pair.value as YamlNode | null;
    if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) return section;
    const items: unknown[] = isSeq(value) ? value.items : [value];
    for (const item of items) {
      const itemRange = abs((item as YamlNode | null)?.range ?? null, keyRange);
      if (isScalar(item)) {
        const url = scalarText(item);
        if (url === null) {
          section.invalid.push(itemRange);
          continue;
        }
        section.records.push({ url, by: null, on: null, date: null, pattern: parsePattern(url), range: itemRange, urlRange: itemRange, onRange: null });
        continue;
      }
      if (!isMap(item)) {
        section.invalid.push(itemRange);
        continue;
      }
      const field = (names: string[]) => {
        for (const p of item.items) {
          const k = scalarText(p.key);
          if (k !== null && names.includes(k)) return p;
        }
        return null;
      };
      const u = field(URL_KEYS);
      const b = field(BY_KEYS);
      const o = field(ON_KEYS);
      const url = u ? scalarText(u.value) : null;
      const by = b ? scalarText(b.value) : null;
      const onRaw = o && isScalar(o.value) ? o.value.value : null;
      const on = o ? scalarText(o.value) : null;
      section.records.push({
        url,
        by,
        on,
        date: normalizeDate(onRaw),
        pattern: url ? parsePattern(url) : null,
        range: itemRange,
        urlRange: u && isScalar(u.value) && u.value.range ? abs(u.value.range, itemRange) : itemRange,
        onRange: o && isScalar(o.value) && o.value.range ? abs(o.value.range, itemRange) : null,
      });
    }
    return section;
  }
  return null;
}
