/**
 * Policy interpretation (notice 一(二)): an important policy document issued in the name
 * of the county government or its office needs its 解读, published the same month in the
 * 政策解读 column (谁起草、谁解读). Pure functions; file access is in the check.
 */
import { monthOf, parseDate } from './dates.js';

export interface InterpretationOptions {
  /** `type` values that always make a draft an important policy document */
  types: string[];
  /** issuer prefixes of the county government and its office (the part before 〔year〕) */
  issuers: string[];
  /** title endings that mark a policy document when the doc number qualifies */
  genres: string[];
  /** the column interpretations are published in */
  column: string;
}

export const DEFAULT_TYPES = ['规范性文件', '政策文件', '实施方案', '行动计划'];
/**
 * 盘县政发 = 盘山县人民政府, 盘县政办发 / 盘县政办 = 盘山县人民政府办公室 (the notice itself is
 * 盘县政办发〔2021〕10号 and cites 盘县政办〔2020〕14号). 盘政发 is the city (盘锦市), not the county.
 */
export const DEFAULT_ISSUERS = ['盘县政发', '盘县政办发', '盘县政办'];
export const DEFAULT_GENRES = ['方案', '计划', '办法', '意见', '规定', '措施'];
export const DEFAULT_COLUMN = '政策解读';

/** The issuer part of a doc number: 盘县政办发〔2021〕10号 → 盘县政办发. */
export function issuerOf(docNumber: string): string | null {
  const m = /^\s*([^〔［\[(（\d]+?)\s*[〔［\[(（]?\s*\d{4}/.exec(docNumber);
  return m ? m[1]!.trim() : null;
}

/** Title ends in one of the genres, allowing （试行）, 》 and 的通知 after it. */
export function titleHasGenre(title: string, genres: string[]): string | null {
  let t = title.trim();
  t = t.replace(/的(通知|通告|决定)$/, '');
  t = t.replace(/[》」”"]+$/, '');
  t = t.replace(/[（(](试行|暂行|修订|征求意见稿|草案)[)）]$/, '');
  for (const g of genres) if (t.endsWith(g)) return g;
  return null;
}

export type ImportantReason = { by: 'type'; value: string } | { by: 'docNumber'; value: string; genre: string };

/** Why a draft counts as an important policy document, or null when it does not. */
export function importantPolicy(meta: Record<string, unknown>, opts: InterpretationOptions): ImportantReason | null {
  const type = typeof meta.type === 'string' ? meta.type.trim() : '';
  if (type && opts.types.includes(type)) return { by: 'type', value: type };
  const doc = typeof meta.doc_number === 'string' ? meta.doc_number.trim() : '';
  const title = typeof meta.title === 'string' ? meta.title : '';
  if (doc && title) {
    const issuer = issuerOf(doc);
    const genre = titleHasGenre(title, opts.genres);
    if (issuer && opts.issuers.includes(issuer) && genre) return { by: 'docNumber', value: doc, genre };
  }
  return null;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(s.trim());
}

/** The `interpretation` value as a list of references (paths or URLs). */
export function interpretationRefs(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  if (typeof v === 'string' && v.trim() !== '') return [v.trim()];
  return [];
}

export interface MismatchProblem {
  messageId: 'column' | 'month';
  data: Record<string, string>;
}

/**
 * Compares a named interpretation draft with the policy draft: it must be in the
 * interpretation column and dated in the same month as the policy document.
 */
export function checkInterpretationTarget(
  policyMeta: Record<string, unknown>,
  target: string,
  targetMeta: Record<string, unknown>,
  opts: Pick<InterpretationOptions, 'column'>,
): MismatchProblem[] {
  const out: MismatchProblem[] = [];
  const column = typeof targetMeta.column === 'string' ? targetMeta.column.trim() : '';
  if (column !== opts.column && !column.startsWith(opts.column + '/')) {
    out.push({ messageId: 'column', data: { target, column: column || '（未填写）', expected: opts.column } });
  }
  const date = parseDate(policyMeta.date);
  const tdate = parseDate(targetMeta.date);
  if (date && monthOf(tdate ?? '') !== monthOf(date)) {
    out.push({ messageId: 'month', data: { target, targetDate: tdate ?? '（未填写）', date } });
  }
  return out;
}
