import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, parseDate } from '../src/workflow/dates.js';
import { entryFromMeta, normalizeReview, type WorkflowEntry } from '../src/workflow/meta.js';
import { checkReview, parseRoster } from '../src/workflow/review.js';
import {
  checkInterpretationTarget,
  DEFAULT_COLUMN,
  DEFAULT_GENRES,
  DEFAULT_ISSUERS,
  DEFAULT_TYPES,
  importantPolicy,
  issuerOf,
  titleHasGenre,
} from '../src/workflow/interpretation.js';
import { buildLedger, renderLedgerCsv, renderLedgerHtml, renderLedgerMarkdown } from '../src/workflow/ledger.js';
import { cadenceOptions, computeCadence, DEFAULT_CADENCE, displayWidth, renderCadenceText } from '../src/workflow/cadence.js';
import { parseFrontMatter } from '../src/workflow/frontmatter.js';
import { siteColumns } from '../src/workflow/catalog.js';

const full = {
  初审: { name: '张敏', date: '2021-03-01' },
  复审: { name: '李强', date: '2021-03-02' },
  终审: { name: '王国栋', date: '2021-03-03', opinion: '同意发布' },
};

describe('dates', () => {
  it('normalises the date spellings drafts use', () => {
    expect(parseDate('2021-3-5')).toBe('2021-03-05');
    expect(parseDate('2021年3月5日')).toBe('2021-03-05');
    expect(parseDate('2021/03/05')).toBe('2021-03-05');
    expect(parseDate('2021-03-05T08:30:00+08:00')).toBe('2021-03-05');
    expect(parseDate(new Date(Date.UTC(2021, 2, 5)))).toBe('2021-03-05');
    expect(parseDate('2021-02-30')).toBeNull();
    expect(parseDate('三月五日')).toBeNull();
    expect(parseDate(20210305)).toBeNull();
  });
  it('counts days and months on the calendar', () => {
    expect(daysBetween('2021-02-26', '2021-03-01')).toBe(3);
    expect(daysBetween('2020-12-31', '2021-01-01')).toBe(1);
    expect(addMonths('2021-08-31', 6)).toBe('2022-02-28');
    expect(addMonths('2021-11-15', 3)).toBe('2022-02-15');
  });
});

describe('review records', () => {
  it('maps Chinese and English tier names and fields', () => {
    const r = normalizeReview({ first: { 姓名: '张敏', 日期: '2021-03-01' }, 复审: '李强', final: { name: '王国栋', date: 'bad' } });
    expect(r.tiers.first).toMatchObject({ name: '张敏', date: '2021-03-01' });
    expect(r.tiers.second).toMatchObject({ name: '李强', date: null });
    expect(r.tiers.final).toMatchObject({ name: '王国栋', date: null, rawDate: 'bad' });
  });

  it('is silent at the draft stage without a review record, and on a complete record', () => {
    expect(checkReview({ title: 'x' }, { stage: 'draft' })).toEqual([]);
    expect(checkReview({ date: '2021-03-03', review: full }, { stage: 'publish' })).toEqual([]);
  });

  it('requires every tier at the publish stage only', () => {
    const meta = { date: '2021-03-05', review: { 初审: full.初审 } };
    expect(checkReview(meta, { stage: 'draft' })).toEqual([]);
    const p = checkReview(meta, { stage: 'publish' });
    expect(p.map((x) => [x.check, x.messageId, x.data.tier])).toEqual([
      ['missing', 'tier', '复审'],
      ['missing', 'tier', '终审'],
    ]);
    expect(checkReview({ date: '2021-03-05' }, { stage: 'publish' }).map((x) => x.messageId)).toEqual(['noReview']);
  });

  it('finds dates out of order and after the publishing date', () => {
    const p = checkReview(
      {
        date: '2021-03-02',
        review: { 初审: { name: 'a', date: '2021-03-02' }, 复审: { name: 'b', date: '2021-03-01' }, 终审: { name: 'c', date: '2021-03-04' } },
      },
      { stage: 'draft' },
    );
    expect(p.map((x) => [x.messageId, x.data.tier])).toEqual([
      ['order', '复审'],
      ['afterDate', '终审'],
    ]);
    expect(p[0]!.data).toMatchObject({ prevTier: '初审', prevDate: '2021-03-02' });
  });

  it('flags one person signing two tiers (ignoring spaces)', () => {
    const p = checkReview(
      { review: { 初审: { name: '张 敏', date: '2021-03-01' }, 复审: { name: '张敏', date: '2021-03-01' } } },
      { stage: 'draft' },
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ check: 'same-person', tier: 'second', data: { otherTier: '初审' } });
  });

  it('flags a rejection only when staged for publishing', () => {
    const meta = { date: '2021-03-03', review: { ...full, 复审: { ...full.复审, opinion: '退回修改：数据需核实' } } };
    expect(checkReview(meta, { stage: 'draft' })).toEqual([]);
    const p = checkReview(meta, { stage: 'publish' });
    expect(p.map((x) => [x.check, x.data.tier])).toEqual([['rejected', '复审']]);
    // 同意 does not start with 不同意
    expect(checkReview({ date: '2021-03-03', review: full }, { stage: 'publish', rejectPrefixes: ['不同意'] })).toEqual([]);
  });

  it('checks signers against the roster of the unit', () => {
    const roster = parseRoster({ 县教育局: { 复审: ['李强'], final: '王国栋、赵一' }, '*': { 终审: ['县长'] } })!;
    expect(roster['县教育局']).toEqual({ second: ['李强'], final: ['王国栋', '赵一'] });
    expect(checkReview({ unit: '县教育局', review: full }, { stage: 'draft', roster })).toEqual([]);
    const p = checkReview({ unit: '县卫健局', review: full }, { stage: 'draft', roster });
    expect(p.map((x) => [x.check, x.data.tier, x.data.name])).toEqual([['roster', '终审', '王国栋']]);
    expect(() => parseRoster({ 县教育局: { 四审: ['x'] } })).toThrow(/unknown tier/);
  });
});

describe('interpretation', () => {
  const opts = { types: DEFAULT_TYPES, issuers: DEFAULT_ISSUERS, genres: DEFAULT_GENRES, column: DEFAULT_COLUMN };
  it('reads the issuer of a doc number', () => {
    expect(issuerOf('盘县政办发〔2021〕10号')).toBe('盘县政办发');
    expect(issuerOf('盘县政发[2021]3号')).toBe('盘县政发');
    expect(issuerOf('盘政发〔2021〕1号')).toBe('盘政发');
    expect(issuerOf('无文号')).toBeNull();
  });
  it('recognises policy genres in titles', () => {
    expect(titleHasGenre('盘山县人民政府关于印发盘山县农村人居环境整治实施方案的通知', DEFAULT_GENRES)).toBe('方案');
    expect(titleHasGenre('盘山县促进就业若干措施（试行）', DEFAULT_GENRES)).toBe('措施');
    expect(titleHasGenre('关于召开全县安全生产工作会议的通知', DEFAULT_GENRES)).toBeNull();
  });
  it('decides which drafts are important policy documents', () => {
    expect(importantPolicy({ type: '行动计划' }, opts)).toEqual({ by: 'type', value: '行动计划' });
    expect(importantPolicy({ doc_number: '盘县政办发〔2021〕12号', title: '盘山县秸秆禁烧工作方案' }, opts)).toMatchObject({
      by: 'docNumber',
      genre: '方案',
    });
    // the city's doc number is not the county's
    expect(importantPolicy({ doc_number: '盘政发〔2021〕1号', title: '盘锦市秸秆禁烧工作方案' }, opts)).toBeNull();
    expect(importantPolicy({ doc_number: '盘县政办发〔2021〕12号', title: '关于调整会议时间的通知' }, opts)).toBeNull();
    expect(importantPolicy({ type: '工作动态' }, opts)).toBeNull();
  });
  it('compares the named interpretation with the policy draft', () => {
    expect(checkInterpretationTarget({ date: '2021-03-10' }, 'a.md', { column: '政策解读', date: '2021-03-31' }, opts)).toEqual([]);
    const p = checkInterpretationTarget({ date: '2021-03-10' }, 'a.md', { column: '工作动态', date: '2021-04-01' }, opts);
    expect(p.map((x) => x.messageId)).toEqual(['column', 'month']);
    expect(p[1]!.data).toEqual({ target: 'a.md', targetDate: '2021-04-01', date: '2021-03-10' });
  });
});

function entry(p: Partial<Record<string, unknown>> & { path?: string }): WorkflowEntry {
  const { path = 'x.md', ...meta } = p;
  return entryFromMeta(path as string, meta);
}

describe('ledger', () => {
  const entries = [
    entry({ path: 'b.md', unit: '县教育局', title: '春季学期开学工作动态', column: '工作动态', date: '2021-03-08', author: '陈晨', review: full }),
    entry({ path: 'a.md', unit: '县教育局', title: '教育局通知, "重要"', column: '通知公告', date: '2021-03-02', author: '陈晨', review: { 初审: full.初审 }, url: 'https://www.example.gov.cn/a.html' }),
    entry({ path: 'c.md', unit: '八角镇', title: '=八角镇动态', column: '乡镇动态', channel: '微信公众号', account: '八角发布', date: '2021-03-15', review: full }),
    entry({ path: 'd.md', unit: '县教育局', title: '二月的稿件', column: '工作动态', date: '2021-02-27', review: full }),
  ];
  const l = buildLedger(entries, '2021-03');
  it('groups the month by unit and numbers rows per unit by date', () => {
    expect(l.total).toBe(3);
    expect(l.units.map((u) => u.unit)).toEqual(['八角镇', '县教育局']);
    expect(l.units[1]!.rows.map((r) => [r.no, r.path])).toEqual([
      [1, 'a.md'],
      [2, 'b.md'],
    ]);
    expect(l.units[0]!.rows[0]!.channel).toBe('微信公众号（八角发布）');
    expect(l.deadline).toBe('2021-04-25');
    expect(buildLedger(entries, '2021-12').deadline).toBe('2022-01-25');
    expect(buildLedger(entries, '2021-03', { deadline: 'same-month' }).deadline).toBe('2021-03-25');
  });
  it('lists rows with missing review data', () => {
    expect(l.incomplete.map((r) => [r.path, r.missing])).toEqual([['a.md', ['复审', '终审']]]);
  });
  it('writes CSV with a BOM, quoting and formula protection', () => {
    const csv = renderLedgerCsv(l);
    expect(csv.startsWith('\uFEFF单位,序号,标题,栏目,渠道,发布日期,撰稿人,初审,复审,终审,链接\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe("八角镇,1,'=八角镇动态,乡镇动态,微信公众号（八角发布）,2021-03-15,,张敏 2021-03-01,李强 2021-03-02,王国栋 2021-03-03,");
    expect(lines[2]).toContain('"教育局通知, ""重要"""');
  });
  it('writes Markdown and HTML with signature lines and the deadline', () => {
    const md = renderLedgerMarkdown(l);
    expect(md).toContain('报送截止：2021年4月25日前');
    expect(md).toContain('| 1 | 教育局通知, "重要" | 通知公告 |');
    expect(md).toMatch(/## 审核记录不全\n\n- 县教育局 1\. 教育局通知/);
    const html = renderLedgerHtml(l);
    expect(html).toContain('@page { size: A4');
    for (const role of ['撰稿人', '分管领导', '单位主要领导', '盖章处']) expect(html).toContain(`data-role="${role}"`);
    expect(html).toContain('教育局通知, &quot;重要&quot;');
    const evil = buildLedger(
      [entry({ unit: '<b>"单位"</b>', title: '<script>alert(1)</script>', date: '2021-03-01', url: 'javascript:alert(1)', review: full })],
      '2021-03',
    );
    const h = renderLedgerHtml(evil);
    expect(h).not.toContain('<script>alert');
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).toContain('data-unit="&lt;b&gt;&quot;单位&quot;&lt;/b&gt;"');
    expect(h).not.toContain('href="javascript');
  });
  it('rejects a bad month', () => {
    expect(() => buildLedger([], '2021-13')).toThrow(/invalid month/);
  });
});

describe('cadence', () => {
  const wx = (date: string, account = '盘山发布') => entry({ path: `${account}-${date}.md`, channel: '微信公众号', account, unit: '县融媒体中心', date });
  const web = (date: string, column: string) => entry({ path: `${column}-${date}.md`, column, date, unit: '县教育局' });
  it('reports gaps over 7 days, the last post and 僵尸号', () => {
    const r = computeCadence(
      [wx('2021-03-01'), wx('2021-03-08'), wx('2021-03-20'), wx('2021-03-22'), wx('2021-03-01', '八角发布'), wx('2021-04-30', '八角发布')],
      '2021-03-31',
    );
    const a = r.accounts.find((x) => x.account === '盘山发布')!;
    expect(a.lastPost).toBe('2021-03-22');
    expect(a.daysSinceLast).toBe(9);
    expect(a.gaps).toEqual([
      { from: '2021-03-08', to: '2021-03-20', days: 12, open: false },
      { from: '2021-03-22', to: '2021-03-31', days: 9, open: true },
    ]);
    expect(a.status).toBe('behind');
    const b = r.accounts.find((x) => x.account === '八角发布')!;
    // the post after the as-of date does not count
    expect(b).toMatchObject({ posts: 1, lastPost: '2021-03-01', daysSinceLast: 30, status: 'zombie' });
    expect(r.behind).toBe(true);
  });
  it('one account whatever the channel is called', () => {
    const a = entry({ channel: 'wechat', account: '盘山发布', date: '2021-03-01' });
    const b = entry({ channel: '微信', account: '盘山发布', date: '2021-03-05' });
    const r = computeCadence([a, b], '2021-03-06');
    expect(r.accounts.map((x) => [x.channel, x.posts])).toEqual([['微信公众号', 2]]);
    expect(entry({ channel: ['网站', 'website'] }).channels).toEqual(['政府网站']);
  });
  it('a weekly account is on time', () => {
    const r = computeCadence([wx('2021-03-01'), wx('2021-03-08'), wx('2021-03-15')], '2021-03-22');
    expect(r.accounts[0]).toMatchObject({ status: 'ok', gaps: [] });
    expect(r.behind).toBe(false);
  });
  it('applies column limits: dynamic 14 days, others 6 months, blank catalog columns, veto at five', () => {
    const entries = [web('2021-03-01', '工作动态'), web('2021-03-20', '乡镇动态'), web('2020-10-01', '通知公告'), web('2020-09-30', '政策文件')];
    const r = computeCadence(entries, '2021-03-31', DEFAULT_CADENCE, ['工作动态', '人事信息', '财政预决算', '政策文件']);
    const by = Object.fromEntries(r.columns.map((c) => [c.column, c.status]));
    expect(by).toEqual({ 工作动态: 'overdue', 乡镇动态: 'ok', 通知公告: 'ok', 政策文件: 'overdue', 人事信息: 'empty', 财政预决算: 'empty' });
    expect(r.blankColumns.sort()).toEqual(['人事信息', '财政预决算'].sort());
    expect(r.staleColumnCount).toBe(4);
    expect(r.veto).toBe(false);
    const r2 = computeCadence(entries, '2021-03-31', DEFAULT_CADENCE, ['工作动态', '人事信息', '财政预决算', '政策文件', '规划计划']);
    expect(r2.veto).toBe(true);
    expect(renderCadenceText(r2)).toContain('单项否决');
  });
  it('reads thresholds from config and rejects bad values', () => {
    const o = cadenceOptions({ accountMaxGapDays: 3, columnDays: { 通知公告: 30 }, accounts: [{ channel: '微博', account: '盘山政务' }] });
    expect(o.accountMaxGapDays).toBe(3);
    const r = computeCadence([web('2021-02-01', '通知公告')], '2021-03-31', o);
    expect(r.columns[0]).toMatchObject({ status: 'overdue', limit: '30天', dueBy: '2021-03-03' });
    expect(r.accounts[0]).toMatchObject({ account: '盘山政务', posts: 0, status: 'zombie' });
    expect(() => cadenceOptions({ accountMaxGapDays: '7' })).toThrow(/non-negative number/);
  });
  it('aligns CJK text in the table', () => {
    expect(displayWidth('工作动态ab')).toBe(10);
  });
});

describe('front matter fallback reader', () => {
  it('maps Chinese top-level keys', () => {
    expect(parseFrontMatter('---\n标题: 测试\n审核:\n  初审: {姓名: 张敏}\n---\n正文')).toEqual({ title: '测试', review: { 初审: { 姓名: '张敏' } } });
    expect(parseFrontMatter('正文')).toBeNull();
    expect(parseFrontMatter('---\n- a\n---\n')).toBeNull();
    expect(parseFrontMatter('---\ndate: 2021-03-05\n---\n')).toEqual({ date: '2021-03-05' });
  });
});

describe('site columns for cadence', () => {
  const root = new URL('..', import.meta.url).pathname;
  it('maps aliases through the catalog but lists no blank columns without site config', () => {
    const s = siteColumns({ rules: {}, ignore: [], words: [] }, root);
    expect(s.names).toEqual([]);
    expect(s.canonical('规范性文件')).toBe('政策文件');
    expect(s.canonical('自设栏目')).toBe('自设栏目');
  });
  it('uses the configured catalog, or cadence.columns when given', () => {
    const s = siteColumns({ rules: {}, ignore: [], words: [], columns: { replace: true, add: ['工作动态', '人事信息'] } }, root);
    expect(s.names).toEqual(['工作动态', '人事信息']);
    const c = siteColumns({ rules: {}, ignore: [], words: [], cadence: { columns: ['规范性文件', '工作动态'] } }, root);
    expect(c.names).toEqual(['政策文件', '工作动态']);
    expect(() => siteColumns({ rules: {}, ignore: [], words: [], cadence: { columns: '工作动态' } }, root)).toThrow(/list/);
  });
});
