/**
 * The publication workflow over the fixture content repository fixtures/site/ (see its
 * README.txt): `ledger`, `cadence` and the review/interpretation rules through the real
 * CLI and the engine, and meta/backdated against a temporary git repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFile } from '../src/engine/index.js';
import { listFiles } from '../src/engine/files.js';
import { clearGitCache } from '../src/workflow/git.js';
import { cli, root } from './helpers.js';

const site = resolve(root, 'fixtures/site');
const rel = (p: string) => `fixtures/site/${p}`;

function csvRows(text: string): string[][] {
  // the fixture has no quoted fields with commas or line breaks
  return text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('draftlint ledger', () => {
  it('writes the March CSV with a BOM, per unit, and fails on rows missing review data', () => {
    const r = cli(['ledger', 'fixtures/site', '--month', '2021-03', '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('\uFEFF单位,序号,标题,栏目,渠道,发布日期,撰稿人,初审,复审,终审,链接\r\n')).toBe(true);
    const rows = csvRows(r.stdout).slice(1);
    expect(rows).toHaveLength(17);
    const perUnit: Record<string, number> = {};
    for (const row of rows) perUnit[row[0]!] = (perUnit[row[0]!] ?? 0) + 1;
    expect(perUnit).toEqual({ 八角镇: 2, 县发展和改革局: 4, 县教育局: 8, 县融媒体中心: 3 });
    // numbered per unit in date order; every row is dated in March
    const edu = rows.filter((x) => x[0] === '县教育局');
    expect(edu.map((x) => x[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(rows.every((x) => x[5]!.startsWith('2021-03-'))).toBe(true);
    const lesson = edu.find((x) => x[2] === '全县中小学上好开学第一课')!;
    expect(lesson).toEqual([
      '县教育局', '4', '全县中小学上好开学第一课', '工作动态', '政府网站', '2021-03-08', '陈晨',
      '陈晨 2021-03-08', '李强 2021-03-08', '王国栋 2021-03-08', 'https://www.panshan.gov.cn/jyj/gzdt/2021/0308.html',
    ]);
    expect(rows.find((x) => x[2] === '八角镇抓好春耕备耕工作')![4]).toBe('政府网站、微信公众号（八角发布）');
    // the incomplete rows are listed on stderr
    expect(r.stderr).toContain('2 条稿件审核记录不全');
    expect(r.stderr).toContain(rel('县教育局/2021-03-15-教师资格认定公告.md'));
    expect(r.stderr).toContain(rel('县教育局/2021-03-22-课后服务.md') + ': 县教育局 第7条《县教育局推进中小学课后服务工作》缺终审');
  });

  it('exits 0 for a month whose review records are complete, and writes the output file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-ledger-'));
    try {
      const out = join(dir, 'sub', 'ledger-2021-02.md');
      const r = cli(['ledger', 'fixtures/site', '--month', '2021-02', '--format', 'md', '--output-file', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const md = readFileSync(out, 'utf8');
      expect(md).toContain('# 盘山县政府网站及新媒体信息发布台账（2021年2月）');
      expect(md).toContain('报送截止：2021年3月25日前');
      expect(md).toContain('| 1 | 八角镇开展春节走访慰问活动 |  | 微信公众号（八角发布） | 2021-02-20 | 郭燕 |');
      expect(md).not.toContain('审核记录不全');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists April: the 终审 after publication is still a complete record', () => {
    const r = cli(['ledger', 'fixtures/site', '--month', '2021-04', '--format', 'csv']);
    const rows = csvRows(r.stdout).slice(1);
    const perUnit: Record<string, number> = {};
    for (const row of rows) perUnit[row[0]!] = (perUnit[row[0]!] ?? 0) + 1;
    expect(perUnit).toEqual({ 八角镇: 1, 县发展和改革局: 3, 县教育局: 5, 县融媒体中心: 6 });
    expect(rows.find((x) => x[2] === '县教育局组织开展小学语文教研活动')![9]).toBe('王国栋 2021-04-09');
    expect(r.code).toBe(0);
  });

  it('renders printable HTML with signature lines and the deadline', () => {
    const r = cli(['ledger', 'fixtures/site', '--month', '2021-03', '--format', 'html', '--deadline', 'same-month']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout.match(/<section class="sheet"/g)).toHaveLength(4);
    expect(r.stdout.match(/data-role="单位主要领导"/g)).toHaveLength(4);
    expect(r.stdout).toContain('报送截止：2021年3月25日前');
  });

  it('rejects a malformed month with exit 2', () => {
    const r = cli(['ledger', 'fixtures/site', '--month', '2021-3x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--month');
  });
});

describe('draftlint cadence', () => {
  it('reports gaps, 僵尸号, stale and blank columns as of 2021-04-30 (JSON), exit 1', () => {
    const r = cli(['cadence', 'fixtures/site', '--as-of', '2021-04-30', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    const acc = Object.fromEntries(j.accounts.map((a: { channel: string; account: string }) => [`${a.channel}·${a.account}`, a]));
    expect(Object.keys(acc).sort()).toEqual(['微信公众号·八角发布', '微信公众号·盘山发布', '微信公众号·盘山教育', '抖音·盘山发布'].sort());
    expect(acc['微信公众号·盘山教育']).toMatchObject({ status: 'ok', lastPost: '2021-04-24', posts: 8 });
    expect(acc['微信公众号·盘山教育'].gaps).toEqual([{ from: '2021-03-13', to: '2021-03-27', days: 14, open: false }]);
    expect(acc['微信公众号·八角发布']).toMatchObject({ status: 'zombie', lastPost: '2021-03-05', daysSinceLast: 56 });
    expect(acc['微信公众号·盘山发布']).toMatchObject({ status: 'ok', gaps: [], lastPost: '2021-04-28' });
    expect(acc['抖音·盘山发布'].status).toBe('behind');
    expect(acc['抖音·盘山发布'].gaps.map((g: { days: number }) => g.days)).toEqual([19, 10]);
    const col = Object.fromEntries(j.columns.map((c: { column: string; status: string }) => [c.column, c.status]));
    expect(col).toEqual({
      工作动态: 'overdue',
      社会救助: 'overdue',
      农业农村: 'ok',
      通知公告: 'ok',
      政策解读: 'ok',
      政策文件: 'ok',
      财政预决算: 'empty',
      重大建设项目: 'empty',
      规划计划: 'empty',
    });
    expect(j.blankColumns.sort()).toEqual(['财政预决算', '规划计划', '重大建设项目'].sort());
    expect(j.staleColumnCount).toBe(5);
    expect(j.veto).toBe(true);
  });

  it('prints a text table with the 单项否决 warning', () => {
    const r = cli(['cadence', 'fixtures/site', '--as-of', '2021-04-30']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('微信公众号·盘山教育：2021-03-13 至 2021-03-27 间隔 14 天');
    expect(r.stdout).toContain('空白栏目（3）：');
    expect(r.stdout).toContain('5 个栏目超期未更新或为空白栏目（达到 5 个），检查时将被单项否决');
    expect(r.stdout).toMatch(/微信公众号\s+八角发布\s+八角镇\s+2\s+2021-03-05\s+56\s+僵尸号/);
  });

  it('is on time for an account that posts weekly (exit 0)', () => {
    // the config above fixtures/site/县融媒体中心/微信 lists the site's columns: all blank here
    const r = cli(['cadence', 'fixtures/site/县融媒体中心/微信', '--as-of', '2021-04-30', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.accounts).toHaveLength(1);
    expect(j.accounts[0]).toMatchObject({ account: '盘山发布', status: 'ok', gaps: [] });
    expect(j.blankColumns).toHaveLength(9);
    expect(r.code).toBe(1);
    // the same drafts outside the site's config: nothing is behind
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-cadence-'));
    try {
      cpSync(join(site, '县融媒体中心', '微信'), join(dir, '微信'), { recursive: true });
      const r2 = cli(['cadence', '微信', '--as-of', '2021-04-30', '--format', 'json'], { cwd: dir });
      expect(r2.code).toBe(0);
      expect(JSON.parse(r2.stdout)).toMatchObject({ behind: false, blankColumns: [], veto: false });
      // two weeks later the same account is a 僵尸号
      const r3 = cli(['cadence', '微信', '--as-of', '2021-05-12'], { cwd: dir });
      expect(r3.code).toBe(1);
      expect(r3.stdout).toMatch(/盘山发布.*14\s+僵尸号/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad date with exit 2', () => {
    expect(cli(['cadence', 'fixtures/site', '--as-of', '2021-02-30']).code).toBe(2);
  });
});

describe('review and interpretation rules over the site', () => {
  const ids = ['review/*', 'interpretation/*'];
  async function findings(stage: 'draft' | 'publish') {
    const { files } = await listFiles(['fixtures/site'], { cwd: root });
    const out: string[] = [];
    for (const f of files) {
      const { result } = await lintFile(f, {
        filename: f,
        configFile: join(site, '.draftlintrc.yml'),
        overrides: { stage },
        only: ids,
      });
      for (const m of result.messages) out.push(`${f.slice(site.length + 1)} ${m.ruleId}:${m.messageId}`);
    }
    return out.sort();
  }

  it('finds exactly the planted problems at --stage publish', async () => {
    expect(await findings('publish')).toEqual(
      [
        '县教育局/2021-03-15-教师资格认定公告.md review/missing:noReview',
        '县教育局/2021-03-22-课后服务.md review/missing:tier',
        '县教育局/2021-04-08-教研活动.md review/order:afterDate',
        '县教育局/微信/2021-03-06.md review/roster:default',
        '八角镇/2021-03-19-高标准农田.md review/same-person:default',
        '八角镇/2021-04-02-植树造林.md review/rejected:default',
        '县发展和改革局/2021-03-25-秸秆综合利用工作方案.md interpretation/missing:docNumber',
        '县发展和改革局/2021-04-06-促进消费若干措施.md interpretation/mismatch:month',
        '县发展和改革局/2021-04-15-价格认定管理办法.md interpretation/mismatch:column',
      ].sort(),
    );
  });

  it('at the draft stage, missing tiers and the rejection are not errors', async () => {
    const f = await findings('draft');
    expect(f.filter((x) => x.includes('review/missing') || x.includes('review/rejected'))).toEqual([]);
    expect(f).toContain('县教育局/2021-04-08-教研活动.md review/order:afterDate');
    expect(f).toContain('县发展和改革局/2021-03-25-秸秆综合利用工作方案.md interpretation/missing:docNumber');
  });

  it('the CLI wires --stage publish into the review rules', () => {
    const r = cli(['lint', 'fixtures/site/县教育局/2021-03-15-教师资格认定公告.md', '--stage', 'publish', '--format', 'json']);
    const ids = JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(ids).toContain('review/missing');
    expect(r.code).toBe(1);
    const d = cli(['lint', 'fixtures/site/县教育局/2021-03-15-教师资格认定公告.md', '--format', 'json']);
    expect(JSON.parse(d.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).not.toContain('review/missing');
  });
});

describe('meta/backdated in a git repository', () => {
  let dir: string;
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
      stdio: 'pipe',
    });
  const draft = (date: string) => `---\n标题: 县教育局开展校园安全隐患排查\n日期: ${date}\n---\n\n县教育局开展校园安全隐患排查。\n`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'draftlint-git-'));
    git(['init', '-q']);
    mkdirSync(join(dir, 'news'));
    writeFileSync(join(dir, 'news', 'on-time.md'), draft('2021-03-10'));
    writeFileSync(join(dir, 'news', 'backdated.md'), draft('2021-03-01'));
    writeFileSync(join(dir, 'news', 'within-margin.md'), draft('2021-03-07'));
    writeFileSync(join(dir, 'news', 'archive.md'), draft('2020-06-01'));
    git(['add', '.']);
    git(['commit', '-q', '-m', 'March drafts'], '2021-03-10T09:00:00+08:00');
    // renamed later: the first addition is still 2021-03-10
    git(['mv', 'news/backdated.md', 'news/renamed.md']);
    git(['commit', '-q', '-m', 'rename'], '2021-04-20T09:00:00+08:00');
    writeFileSync(join(dir, 'news', 'uncommitted.md'), draft('2020-01-01'));
    clearGitCache();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function backdated(name: string, options: Record<string, unknown> = {}) {
    const { result } = await lintFile(join(dir, 'news', name), {
      config: { rules: { 'meta/backdated': { severity: 'warning', options } } },
      only: ['meta/backdated'],
    });
    return result.messages;
  }

  it('reports a date more than 3 days before the first commit, with both dates', async () => {
    const m = await backdated('renamed.md');
    expect(m).toHaveLength(1);
    expect(m[0]!.data).toEqual({ date: '2021-03-01', added: '2021-03-10', days: 9, margin: 3 });
    expect(m[0]!.message).toContain('2021-03-10');
    expect(m[0]!.line).toBe(3);
  });

  it('is quiet within the margin, on time, and for uncommitted files', async () => {
    expect(await backdated('on-time.md')).toEqual([]);
    expect(await backdated('within-margin.md')).toEqual([]);
    expect(await backdated('uncommitted.md')).toEqual([]);
  });

  it('honours marginDays and since', async () => {
    expect(await backdated('within-margin.md', { marginDays: 2 })).toHaveLength(1);
    expect(await backdated('renamed.md', { marginDays: 9 })).toEqual([]);
    expect(await backdated('renamed.md', { since: '2021-04-01' })).toEqual([]);
  });

  it('treats content far older than its commit as an import (importDays, default 90)', async () => {
    expect(await backdated('archive.md')).toEqual([]);
    const m = await backdated('archive.md', { importDays: 0 });
    expect(m.map((x) => x.data)).toEqual([{ date: '2020-06-01', added: '2021-03-10', days: 282, margin: 3 }]);
    expect(await backdated('archive.md', { importDays: 300 })).toHaveLength(1);
  });

  it('is quiet in a shallow clone', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'draftlint-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, clone], { stdio: 'pipe' });
      const { result } = await lintFile(join(clone, 'news', 'renamed.md'), {
        config: { rules: { 'meta/backdated': 'warning' } } as never,
        only: ['meta/backdated'],
      });
      expect(result.messages).toEqual([]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
