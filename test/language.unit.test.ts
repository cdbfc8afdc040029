/**
 * Unit tests of the language finders (pure functions over a run's text) and of the spelling
 * engines. The rules' own YAML examples run in rules.examples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { findRepeats, findRedundancy, findDoubleNegation, findMissingSubject, findMixed, findLongSentences } from '../src/checks/phrasing.js';
import { dropHouseStyle, findHalfWidth, findDoubled, findUnbalanced, findUnbalancedAcross, findEllipsis, findDash, findSpaces } from '../src/checks/punctuation.js';
import { findDocNumbers } from '../src/checks/doc-number.js';
import { findNumberDates } from '../src/checks/number-date.js';
import { findPlaceholders } from '../src/checks/placeholder.js';
import { englishWords, isPinyin, loadNodehun, loadNspell, findMisspellings } from '../src/checks/spelling.js';
import { readList } from '../src/checks/language-util.js';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const legit = new Set(readList(resolve(root, 'dictionaries/reduplication.txt')).entries.map((e) => e.fields[0]!));
const spans = (text: string, hits: Array<{ start: number; end: number }>) => hits.map((h) => text.slice(h.start, h.end));

describe('phrasing/repeat', () => {
  it('finds doubled function characters and repeated words', () => {
    const t = '我们要进一步进一步加强管理，落实的的责任。';
    expect(spans(t, findRepeats(t, legit))).toEqual(['进一步进一步', '的的']);
  });
  it('keeps legitimate reduplication, AABB forms and lexicalised words', () => {
    for (const t of ['天天向上，人人有责', '谢谢大家', '认认真真学习', '的的确确如此', '不了了之', '一一对应', '一个问题一个问题解决', '倚建建（构）筑物', '专业组织组织利用网络', '集体经济组织的土地的土地承包经营权'])
      expect(findRepeats(t, legit), t).toEqual([]);
  });
  it('fixes by deleting the second occurrence', () => {
    const t = '合格的的产品';
    expect(findRepeats(t, legit)[0]!.fix).toEqual({ start: 3, end: 4, text: '' });
  });
});

describe('phrasing (other sub-checks)', () => {
  it('redundancy pairs around a quantity', () => {
    expect(spans('大约有300人左右', findRedundancy('大约有300人左右'))).toEqual(['大约有300人左右']);
    expect(findRedundancy('依照合约100元左右')).toEqual([]); // 合约 is not 约
    expect(spans('超过七日以上', findRedundancy('超过七日以上'))).toEqual(['超过七日以上']);
  });
  it('double negation, but not 不必要/不法', () => {
    expect(findDoubleNegation('防止事故不再发生')).toHaveLength(1);
    expect(findDoubleNegation('防止不发生事故')).toHaveLength(1);
    expect(findDoubleNegation('避免不必要的损失，严防不法分子')).toEqual([]);
  });
  it('missing subject after 通过/在…下, not after a subject or in 使用者', () => {
    expect(findMissingSubject('通过学习，使大家提高了认识。')).toHaveLength(1);
    expect(findMissingSubject('我们通过学习，使大家提高了认识。')).toEqual([]);
    expect(findMissingSubject('通过购买取得房屋的，使用者应当登记。')).toEqual([]);
    expect(findMissingSubject('（一）通过虚构事实，使他人产生错误认识。')).toEqual([]);
    expect(findMissingSubject("二、通过开展整治，使形势好转。")).toHaveLength(1);
  });
  it('mixed constructions', () => {
    expect(findMixed('事故原因是管理不到位造成的。')).toHaveLength(1);
    expect(findMixed('事故原因是管理不到位。')).toEqual([]);
  });
  it('long sentences count characters without punctuation', () => {
    const s = '字'.repeat(20) + '，' + '字'.repeat(20) + '。';
    expect(findLongSentences(s, 39)).toHaveLength(1);
    expect(findLongSentences(s, 40)).toEqual([]);
  });
});

describe('punctuation', () => {
  it('half-width marks next to Chinese, not in numbers or English', () => {
    const t = '会议8:30开始,预算1,000万元,增长3.14%.';
    expect(findHalfWidth(t).map((h) => h.data!.actual)).toEqual([',', ',']);
    expect(findHalfWidth('请按时报送.').map((h) => h.fix!.text)).toEqual(['。']);
    expect(findHalfWidth('Hello, world. 中文')).toEqual([]);
    expect(findHalfWidth('通知如下:各单位').map((h) => h.fix!.text)).toEqual(['：']);
    expect(findHalfWidth('(一)加强领导')[0]!.fix!.text).toBe('（一）');
    expect(findHalfWidth('详见 (https://x) 说明').length).toBe(0);
  });
  it('brackets with no Chinese inside are an accepted form', () => {
    for (const t of ['滨州市城乡规划条例(2017-10-09)', '第(1)项', '聚丁二烯(CTPB)', '盤(pán)縣', '国办发(1985)49号'])
      expect(findHalfWidth(t), t).toEqual([]);
    expect(findHalfWidth('乡(镇)人民政府').map((h) => h.data!.actual)).toEqual(['(镇)']);
  });
  it("a draft's consistent half-width style is kept; slips in a full-width draft are not", () => {
    const keep = (texts: string[], min?: number) =>
      dropHouseStyle(texts, texts.map((t) => findHalfWidth(t)), min).map((hs) => hs.map((h) => h.data!.actual));
    // three half-width commas, no full-width one: the draft's style
    expect(keep(['甲,乙,丙。', '丁,戊。'])).toEqual([[], []]);
    // the same with house style switched off
    expect(keep(['甲,乙,丙。', '丁,戊。'], 0)).toEqual([[',', ','], [',']]);
    // two half-width commas are too few to call a style
    expect(keep(['甲,乙,丙。'])).toEqual([[',', ',']]);
    // three half-width among four full-width: slips
    expect(keep(['甲,乙,丙,丁。', '甲，乙，丙，丁，戊。'])).toEqual([[',', ',', ','], []]);
    // per mark: half-width parentheses as a style do not excuse a stray semicolon
    expect(keep(['(一)甲；', '(二)乙；', '(三)丙;'])).toEqual([[], [], [';']]);
    // a pair with one half of each width is always reported
    expect(keep(['(一）甲', '(二)乙', '(三)丙', '(四)丁'])).toEqual([['('], [], [], []]);
  });
  it('a mixed-width pair widens the half-width side', () => {
    expect(findHalfWidth('(一）建窑').map((h) => h.fix!.text)).toEqual(['（']);
    expect(findHalfWidth('候车亭（廊)、护栏').map((h) => h.fix!.text)).toEqual(['）']);
  });
  it('doubled marks; 。。。 is left to the ellipsis check', () => {
    expect(spans('好，，好。。', findDoubled('好，，好。。'))).toEqual(['，，', '。。']);
    expect(findDoubled('等等。。。')).toEqual([]);
  });
  it('unbalanced pairs, with multi-paragraph quotations', () => {
    expect(findUnbalanced('《条例（国令第711号）').map((h) => h.data!.mark)).toEqual(['《']);
    expect(findUnbalanced('修改为：“第一款。', '“第二款。”')).toEqual([]);
    expect(findUnbalancedAcross(['修改为：“第一款：', '（一）甲；', '（二）乙。”'])).toEqual([[], [], []]);
    expect(findUnbalanced('1）第一项')).toEqual([]);
    // the last line of a 题注 closes a bracket opened lines above (or lost in conversion)
    const note = ['（', '2010年7月30日山东省第十一届人民代表大会常务委员会第十八次会议通过', '2020年11月27日……会议《关于修改〈山东省清洁生产促进条例〉等六件地方性法规的决定》修正）'];
    expect(findUnbalancedAcross(note)).toEqual([[], [], []]);
    expect(findUnbalancedAcross(note.slice(1))).toEqual([[], []]);
    expect(findUnbalanced('2021年1月1日起施行）')).toEqual([]);
    expect(findUnbalanced('请于3月1日前报送材料）').map((h) => h.messageId)).toEqual(['close']);
    expect(findUnbalanced('会议通过）后实施').map((h) => h.messageId)).toEqual(['close']);
  });
  it('ellipsis and dash', () => {
    expect(findEllipsis('植树...等').map((h) => h.fix!.text)).toEqual(['……']);
    expect(findEllipsis('植树……等')).toEqual([]);
    expect(findEllipsis('Wait... what')).toEqual([]);
    expect(findDash('平台--全县').map((h) => h.fix!.text)).toEqual(['——']);
    expect(findDash('2021—2025年，北京—上海')).toEqual([]);
  });
  it('stray spaces that split a word, not customary separators', () => {
    expect(spans('符合条 件的企业', findSpaces('符合条 件的企业'))).toEqual(['条 件']);
    for (const t of ['第一章 总则', '第三条 为了规范', '总 则', '2009年2月28日 第十一届', '最高人民法院 最高人民检察院', '四、附　则'])
      expect(findSpaces(t), t).toEqual([]);
  });
});

describe('expression', () => {
  it('doc numbers', () => {
    expect(findDocNumbers('盘县政办发[2021]10号').map((h) => h.fix!.text)).toEqual(['〔2021〕10号']);
    expect(findDocNumbers('盘县政办发〔2021〕第010号')[0]!.data!.problems).toBe('序号前不加“第”；序号不编虚位（不加前导0）');
    expect(findDocNumbers('盘县政办发〔2021〕10号')).toEqual([]);
    expect(findDocNumbers('（2021）京0101民初123号')).toEqual([]);
    expect(findDocNumbers('(2021)10号', true)).toHaveLength(1);
  });
  it('number and date usage', () => {
    expect(findNumberDates('二O二一年').map((h) => h.fix!.text)).toEqual(['二〇二一']);
    expect(findNumberDates('2021/1/29召开').map((h) => h.data!.expected)).toEqual(['2021年1月29日']);
    expect(findNumberDates('一八四○年以后')).toEqual([]);
    expect(findNumberDates('满18年3月')).toEqual([]);
    expect(findNumberDates('版本1.1.2')).toEqual([]);
  });
  it('placeholders, not their look-alikes', () => {
    expect(findPlaceholders('请XX单位于20XX年×月×日前报送').map((h) => h.data!.actual)).toEqual(['XX', '20XX年', '×月×日']);
    expect(findPlaceholders('二〇〇九年购置X光机，3×4米，被告人张某某')).toEqual([]);
    expect(findPlaceholders('单击此处输入文字')).toHaveLength(1);
  });
});

describe('spelling/en', () => {
  it('extracts English words, skipping URLs, acronyms, camel case and pinyin', () => {
    const t = '请关注 Panshan 的 WeChat 和 APP，访问 www.gov.cn 或 a@b.cn，zhengwu 公开，Goverment 报告';
    expect(englishWords(t, new Set()).map((w) => w.word)).toEqual(['Goverment']);
  });
  it('pinyin detection', () => {
    expect(isPinyin('Panshan')).toBe(true);
    expect(isPinyin('zhengwu')).toBe(true);
    expect(isPinyin('recieve')).toBe(false);
    expect(isPinyin('government')).toBe(false);
  });
  it('nodehun loads and checks with dictionary-en', async () => {
    const e = await loadNodehun();
    expect(e.name).toBe('nodehun');
    const bad = await e.misspelled(['government', 'goverment']);
    expect([...bad.keys()]).toEqual(['goverment']);
    expect(bad.get('goverment')).toContain('government');
  });
  it('the nspell fallback agrees on a misspelling', async () => {
    const e = await loadNspell();
    const hits = await findMisspellings('主题为 Digital Goverment 论坛', new Set(), e);
    expect(hits.map((h) => h.data!.actual)).toEqual(['Goverment']);
    expect(String(hits[0]!.data!.suggestions)).toContain('Government');
  });
});
