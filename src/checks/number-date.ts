/**
 * `number-date` kind: GB/T 15835-2011 出版物上数字用法, for dates in running text.
 *   zero     — 二0二一年 / 二O二一年 / 二零二一年: a Chinese-numeral year writes zero as 〇 (fix)
 *   short    — 21年3月: the year is written in full (2021年3月)
 *   dotted   — 2021.1.29 / 2021/1/29 in running text: 2021年1月29日 (fix)
 *   fullwidth — ２０２１年: digits are half-width (fix)
 * Table cells are not read (dates in tables may use the compact forms).
 */
import type { CheckKind, Draft } from '../types.js';
import { emit, proseRuns, type Hit } from './language-util.js';

const CN = '一二三四五六七八九';
// ○ (U+25CB) is left alone: GB2312-era official texts (the Constitution's 一八四○年) use it
const ZERO_RE = new RegExp(`(?<![${CN}〇零0OoΟ○])([${CN}〇零0OoΟ]{4})年`, 'g');
const SHORT_RE = /(?<![\d.\-/年第满为期过近逾约共有至和、~～—－])(\d{2})年(1[0-2]|0?[1-9])月(?!份?以[上下内])/g;
const DOTTED_RE = /(?<![\d.\/\-A-Za-z])((?:19|20)\d{2})([./])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d.\/A-Za-z])/g;
const FULLWIDTH_RE = /[０-９]{2,4}(?=年|月|日)/g;

export function findNumberDates(text: string): Hit[] {
  const hits: Hit[] = [];
  let m: RegExpExecArray | null;
  ZERO_RE.lastIndex = 0;
  while ((m = ZERO_RE.exec(text))) {
    const y = m[1]!;
    if (!/[一二三四五六七八九]/.test(y) || !/[0OoΟ零]/.test(y)) continue;
    const expected = y.replace(/[0OoΟ零]/g, '〇');
    hits.push({ start: m.index, end: m.index + y.length + 1, messageId: 'zero', data: { actual: y + '年', expected: expected + '年' }, fix: { start: m.index, end: m.index + y.length, text: expected } });
  }
  SHORT_RE.lastIndex = 0;
  while ((m = SHORT_RE.exec(text))) {
    hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'short', data: { actual: m[0], expected: `20${m[1]}年${Number(m[2])}月` } });
  }
  DOTTED_RE.lastIndex = 0;
  while ((m = DOTTED_RE.exec(text))) {
    const expected = `${m[1]}年${Number(m[3])}月${Number(m[4])}日`;
    hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'dotted', data: { actual: m[0], expected }, fix: { start: m.index, end: m.index + m[0].length, text: expected } });
  }
  FULLWIDTH_RE.lastIndex = 0;
  while ((m = FULLWIDTH_RE.exec(text))) {
    const expected = m[0].replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'fullwidth', data: { actual: m[0], expected }, fix: { start: m.index, end: m.index + m[0].length, text: expected } });
  }
  return hits.sort((a, b) => a.start - b.start);
}

const kind: CheckKind = {
  id: 'number-date',
  create() {
    return {
      run(draft: Draft, report) {
        for (const run of proseRuns(draft, ['title', 'heading', 'paragraph'])) emit(draft, run, findNumberDates(run.text), report);
      },
    };
  },
};
export default kind;
