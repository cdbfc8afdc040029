/**
 * `placeholder` kind: template text left in a draft — XX/××/〇〇 standing for a name, number
 * or date, 【此处填写…】, “待补充”, “某某单位”, Word's “单击此处输入文字”.
 * Legitimate look-alikes are left alone: X光/X射线, 3×4, 二〇〇九年 (〇 as a numeral), and the
 * anonymised names of judgments (张某某). Attachments (after a 附件N heading) are blank forms and
 * are not read.
 */
import type { CheckKind, Draft } from '../types.js';
import { addPatternHits, emit, proseRuns, type Hit } from './language-util.js';
import { hasBit, setBit } from './util/bits.js';

const ORG = '(?:单位|公司|部门|局|委|办|县|市|区|镇|乡|村|街道|社区|同志|学校|医院|小区|项目|企业|集团|中心|委员会|协会|银行)';
// `gate`: characters of which every match of `re` holds one. A pattern runs only on text that
// holds one of its gate characters (most paragraphs have no X, ×, 〇 or 此 at all): one pass over
// the text notes which occur (see patternsIn). The lookbehinds of the mark patterns made them
// the slowest part of the rule, and a test per pattern read every paragraph nine times.
export const PATTERNS: Array<{ re: RegExp; kind: string; gate: string }> = [
  // 【此处填写…】 (any bracket) and bare instructions
  { re: /[【［\[（(〔<]\s*(?:此处|请在此|在此|请)(?:填写|填入|输入|插入|补充|添加|修改)[^】］\]）)〕>]{0,30}[】］\]）)〕>]/g, kind: 'instruction', gate: '此请' },
  { re: /(?:单击|点击)此处(?:输入|添加)(?:文字|内容|标题|正文)?/g, kind: 'instruction', gate: '此' },
  { re: /此处(?:填写|填入|插入)[^\s，。；]{0,20}/g, kind: 'instruction', gate: '此' },
  { re: /待(?:补充|填写|完善)(?=[）)】\]。，；\s]|$)/g, kind: 'todo', gate: '待' },
  { re: /\b(?:TODO|TBD|FIXME)\b/g, kind: 'todo', gate: 'TF' },
  // 某某单位 / 某某同志 (not 张某某, an anonymised name)
  { re: new RegExp(`(?<!某)某某${ORG}`, 'g'), kind: 'name', gate: '某' },
  // XX / ×× / 〇〇 / ○○ / XXX next to Chinese text
  // (not in a numbering-format description such as ×1械备××××2××××3)
  { re: /(?<![\dA-Za-zＸｘ×✕])(?:[XxＸｘ]{2,}|[×✕]{2,})(?=[\u4e00-\u9fa5])|(?<=[\u4e00-\u9fa5])(?:[XxＸｘ]{2,}|[×✕]{2,})(?![\dA-Za-zＸｘ×✕])/g, kind: 'mark', gate: 'XxＸｘ×✕' },
  { re: /(?<![〇零一二三四五六七八九十\d])[〇○]{2,}(?![〇零一二三四五六七八九十\d年])/g, kind: 'mark', gate: '〇○' },
  // 20XX年 / X月X日 / ×月×日 / XX号
  { re: /(?:19|20)[XxＸｘ×]{2}年|[XxＸｘ×○〇]{1,2}月[XxＸｘ×○〇]{1,2}日|第?[XxＸｘ×○〇]{1,3}号/g, kind: 'date', gate: 'XxＸｘ×○〇' },
];

/** gate character → bit k set for each PATTERNS[k] it opens */
const GATE_BITS = new Map<number, number>();
/** bitset over code units: a gate character (8 KB, read at every character; the map only at these) */
const IS_GATE = new Int32Array(0x800);
PATTERNS.forEach((p, k) => {
  for (const c of p.gate) {
    const u = c.charCodeAt(0);
    GATE_BITS.set(u, (GATE_BITS.get(u) ?? 0) | (1 << k));
    setBit(IS_GATE, u);
  }
});
/** The patterns whose gate characters occur in the text, in order. */
function patternsIn(text: string): typeof PATTERNS {
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (hasBit(IS_GATE, u)) bits |= GATE_BITS.get(u)!;
  }
  return bits === 0 ? [] : PATTERNS.filter((_, k) => bits & (1 << k));
}

const ATTACHMENT = /^\s*附件\s*[\d一二三四五六七八九十]*\s*[：:]?\s*\S{0,30}$/;

export function findPlaceholders(text: string): Hit[] {
  const hits: Hit[] = [];
  addPatternHits(text, patternsIn(text), hits, (p, m) => ({ messageId: 'default', data: { actual: m[0], kind: p.kind } }));
  return hits.sort((a, b) => a.start - b.start);
}

const kind: CheckKind = {
  id: 'placeholder',
  create() {
    return {
      run(draft: Draft, report) {
        // an attachment (附件1 / 附件：…) is often a blank form whose ×××/××年××月××日 are meant
        // to be filled in by its users: placeholders are read up to the first attachment heading
        for (const run of proseRuns(draft)) {
          if (run.scope !== 'title' && ATTACHMENT.test(run.text)) break;
          emit(draft, run, findPlaceholders(run.text), report);
        }
      },
    };
  },
};
export default kind;
