/**
 * `doc-number` kind: 发文字号 per GB/T 9704-2012 7.2.4 — 机关代字〔年份〕序号号, with 六角括号
 * 〔〕 (not [] 【】 （） () ［］ ﹝﹞), no 第 before the number, no leading zeros.
 * Read in the body (a 机关代字 must precede the bracket, so court case numbers such as
 * （2021）京01民初123号 are not touched) and in the front matter field `doc_number`.
 */
import type { CheckKind, Draft } from '../types.js';
import { emit, proseRuns, type Hit } from './language-util.js';

const OPEN = '〔\\[【（(［﹝〈｛';
const CLOSE = '〕\\]】）)］﹞〉｝';
const BODY_RE = new RegExp(`(?<=[\\u4e00-\\u9fa5])([${OPEN}])((?:19|20)\\d{2})([${CLOSE}])(第?)(0*)([1-9]\\d{0,4})号`, 'g');
const FIELD_RE = new RegExp(`([${OPEN}])((?:19|20)\\d{2})([${CLOSE}])(第?)(0*)([1-9]\\d{0,4})号`, 'g');

/** Wrong 发文字号 forms in a text; `field` drops the 机关代字 requirement (front matter). */
export function findDocNumbers(text: string, field = false): Hit[] {
  const hits: Hit[] = [];
  if (!text.includes('号')) return hits; // every match ends in 号 (most paragraphs have none)
  const re = field ? FIELD_RE : BODY_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const [all, open, year, close, di, zeros, num] = m as unknown as string[];
    const problems: string[] = [];
    if (open !== '〔' || close !== '〕') problems.push('年份须用六角括号〔〕');
    if (di) problems.push('序号前不加“第”');
    if (zeros) problems.push('序号不编虚位（不加前导0）');
    if (!problems.length) continue;
    const expected = `〔${year}〕${num}号`;
    hits.push({
      start: m.index,
      end: m.index + all!.length,
      data: { actual: all!, expected, problems: problems.join('；') },
      fix: { start: m.index, end: m.index + all!.length, text: expected },
    });
  }
  return hits;
}

const kind: CheckKind = {
  id: 'doc-number',
  create() {
    return {
      run(draft: Draft, report) {
        for (const run of proseRuns(draft)) emit(draft, run, findDocNumbers(run.text), report);
        const r = draft.frontMatter?.valueRanges.doc_number;
        const v = draft.meta.doc_number;
        if (r && typeof v === 'string') {
          const raw = draft.source.slice(r[0], r[1]);
          const off = raw.indexOf(v);
          if (off < 0) return;
          for (const h of findDocNumbers(v, true)) {
            const start = r[0] + off + h.start;
            const end = r[0] + off + h.end;
            report({ range: [start, end], data: h.data, fix: { range: [start, end], text: h.fix!.text } });
          }
        }
      },
    };
  },
};
export default kind;
