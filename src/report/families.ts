/**
 * The rule families (the part of a rule id before the slash), in the order reports and the
 * editors' desk list them: what fails an inspection first. Each has a short name (the HTML
 * report's headings) and a long one (the desk, where there is room to say what the family is).
 */
import type { Lang } from '../types.js';

type Names = Record<Lang, string>;

const FAMILY_NAMES: Record<string, { short: Names; long: Names }> = {
  prohibited: { short: { zh: '禁止发布', en: 'Prohibited content' }, long: { zh: '禁止发布的内容', en: 'Prohibited content' } },
  column: { short: { zh: '栏目', en: 'Columns' }, long: { zh: '栏目（文不对题）', en: 'Column' } },
  typo: { short: { zh: '错别字', en: 'Typos' }, long: { zh: '错别字', en: 'Typos' } },
  expression: { short: { zh: '表达', en: 'Expression' }, long: { zh: '规范表述', en: 'Standard expressions' } },
  phrasing: { short: { zh: '表述', en: 'Phrasing' }, long: { zh: '语病与表述', en: 'Phrasing' } },
  punctuation: { short: { zh: '标点', en: 'Punctuation' }, long: { zh: '标点符号', en: 'Punctuation' } },
  spelling: { short: { zh: '拼写', en: 'Spelling' }, long: { zh: '英文拼写', en: 'English spelling' } },
  markdown: { short: { zh: '排版', en: 'Layout' }, long: { zh: '排版', en: 'Layout' } },
  link: { short: { zh: '外链', en: 'Links' }, long: { zh: '链接', en: 'Links' } },
  interpretation: { short: { zh: '政策解读', en: 'Interpretation' }, long: { zh: '政策解读', en: 'Policy interpretation' } },
  review: { short: { zh: '三级审核', en: 'Review' }, long: { zh: '三级审核', en: 'Three-tier review' } },
  meta: { short: { zh: '文件头', en: 'Front matter' }, long: { zh: '文件头', en: 'Front matter' } },
};

/** The families in listing order. */
export const FAMILY_ORDER: readonly string[] = Object.keys(FAMILY_NAMES);

/** A family's name, or null for a family of no shipped rule (a site's own `rulePaths`). */
export function familyName(family: string, lang: Lang, form: 'short' | 'long'): string | null {
  return FAMILY_NAMES[family]?.[form][lang] ?? null;
}

/** Where a family goes in listing order (a site's own families after the shipped ones). */
export function familyRank(family: string): number {
  const i = FAMILY_ORDER.indexOf(family);
  return i < 0 ? FAMILY_ORDER.length : i;
}
