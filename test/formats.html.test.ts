/**
 * The HTML report in a real headless Chromium (Debian `chromium`, installed by .ci/run): the DOM
 * holds every finding with its highlighted source text and fix, the summaries add up, the
 * single-veto indicator stands out, nothing is fetched from outside, and it prints.
 * Skipped, with a message, where /usr/bin/chromium is absent.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFile, ruleDefinitions, type LintResult } from '../src/engine/index.js';
import { formatters } from '../src/report/index.js';
import { bin, covered, root, cliAsync as run } from './helpers.js';



const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`formats.html.test: ${CHROMIUM} not found — skipping the browser test of the HTML report (apt-get install -y chromium)`);

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

let dir: string;
let results: LintResult[];
let browser: Browser;
const external: string[] = [];

async function open(html: string): Promise<Page> {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage();
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('about:')) external.push(u);
  });
  await page.goto(pathToFileURL(file).href);
  return page;
}

describe.skipIf(!haveChromium)('html report in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'draftlint-html-'));
    copyFileSync(resolve(root, 'fixtures/drafts/路灯安装通知.md'), join(dir, '路灯安装通知.md'));
    copyFileSync(resolve(root, 'fixtures/clean/植树通知.md'), join(dir, '植树通知.md'));
    writeFileSync(join(dir, '<script>.md'), '# 关于按装路灯的通知\n\n请各社区按装路灯，<script>alert(1)</script> 注意安全 & 秩序。\n');
    results = [];
    for (const f of ['路灯安装通知.md', '植树通知.md', '<script>.md']) results.push((await lintFile(join(dir, f), { filename: join(dir, f) })).result);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function report(lang: 'zh' | 'en' = 'zh', rs = results) {
    return (await formatters.html!())(rs, { cwd: dir, lang, color: false, rules: ruleDefinitions() });
  }

  it('shows every finding with its source text highlighted, in Chinese', async () => {
    const page = await open(await report());
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toContain('稿件检查报告');
    const findings = page.locator('.finding');
    const all = results.flatMap((r) => r.messages.map((m) => ({ r, m })));
    expect(await findings.count()).toBe(all.length);
    for (let i = 0; i < all.length; i++) {
      const { r, m } = all[i]!;
      const f = findings.nth(i);
      expect(await f.getAttribute('data-rule')).toBe(m.ruleId);
      expect(Number(await f.getAttribute('data-line'))).toBe(m.line);
      expect(await f.locator('.msg').textContent()).toBe(m.message);
      expect(await f.locator('.sev').textContent()).toBe(m.severity === 2 ? '错误' : '警告');
      const text = covered(r.source!, m);
      if (text && m.line === m.endLine) expect(await f.locator('.src mark').textContent()).toBe(text);
      if (m.fix) {
        expect(await f.locator('.fix ins').first().textContent()).toBe(m.fix.text);
        expect(await f.locator('.fixable').textContent()).toContain('--fix');
      }
      if (m.basis) expect(await f.locator('.basis').last().textContent()).toContain(m.basis);
      for (const s of m.suggestions ?? []) expect(await f.locator('.suggestion').allTextContents()).toContainEqual(expect.stringContaining(s.desc));
    }
  });

  it('applies the fix in a preview of the line', async () => {
    const page = await open(await report());
    const r = results[0]!;
    const i = r.messages.findIndex((m) => m.ruleId === 'typo/confusion' && m.fix && m.line === 2);
    const f = page.locator('.finding').nth(i);
    // the line with the deleted text struck out and the inserted text marked
    expect(await f.locator('.fix .code').textContent()).toBe('title: 关于按安装路灯的通知');
    expect(await f.locator('.fix del').textContent()).toBe('按');
    expect(await f.locator('.fix ins').textContent()).toBe('安');
  });

  it('makes single-veto findings stand out', async () => {
    const page = await open(await report());
    const vetoes = results.flatMap((r) => r.messages).filter((m) => m.indicator?.includes('单项否决'));
    expect(vetoes.length).toBeGreaterThan(0);
    expect(await page.locator('.finding.veto').count()).toBe(vetoes.length);
    expect(await page.locator('[data-count=veto]').textContent()).toBe(String(vetoes.length));
    const banner = page.locator('.veto-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain(vetoes[0]!.indicator!);
    // the badge of a veto finding is filled red; an ordinary indicator is not
    const badge = page.locator('.finding.veto .indicator.veto').first();
    const bg = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    const plain = page.locator('.finding:not(.veto) .indicator').first();
    if (await plain.count()) expect(await plain.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    const vetoBorder = await page.locator('.finding.veto').first().evaluate((el) => parseFloat(getComputedStyle(el).borderLeftWidth));
    const plainBorder = await page.locator('.finding:not(.veto)').first().evaluate((el) => parseFloat(getComputedStyle(el).borderLeftWidth));
    expect(vetoBorder).toBeGreaterThan(plainBorder);
  });

  it('summarises by rule family and by file, adding up to the totals', async () => {
    const page = await open(await report());
    const msgs = results.flatMap((r) => r.messages);
    const errors = msgs.filter((m) => m.severity === 2).length;
    const warnings = msgs.length - errors;
    expect(await page.locator('[data-count=errors]').textContent()).toBe(String(errors));
    expect(await page.locator('[data-count=warnings]').textContent()).toBe(String(warnings));
    expect(await page.locator('[data-count=files]').textContent()).toBe(String(results.length));
    const fams = new Map<string, { e: number; w: number }>();
    for (const m of msgs) {
      const f = m.ruleId.split('/')[0]!;
      const c = fams.get(f) ?? { e: 0, w: 0 };
      if (m.severity === 2) c.e++;
      else c.w++;
      fams.set(f, c);
    }
    const rows = page.locator('#by-family tbody tr');
    expect(await rows.count()).toBe(fams.size);
    for (const [f, c] of fams) {
      const cells = await page.locator(`#by-family tr[data-family="${f}"] td`).allTextContents();
      expect(cells.slice(0, 2)).toEqual([String(c.e), String(c.w)]);
    }
    expect(await page.locator('#by-family tr[data-family="typo"] th').textContent()).toContain('错别字');
    const fileRows = page.locator('#by-file tbody tr');
    const withProblems = results.filter((r) => r.messages.length);
    expect(await fileRows.count()).toBe(withProblems.length);
    for (const r of withProblems) {
      const name = r.filePath.slice(dir.length + 1);
      const row = page.locator('#by-file tbody tr').filter({ hasText: name });
      expect(await row.locator('td').nth(1).textContent()).toBe(String(r.errorCount));
      // the link goes to that file's section
      const href = await row.locator('a').getAttribute('href');
      expect(await page.locator(`${href} h3`).textContent()).toContain(name);
    }
  });

  it('escapes file names and source text (no injected markup runs), fetches nothing, uses no script', async () => {
    const page = await open(await report());
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.reload();
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#by-file a').allTextContents()).toContain('<script>.md');
    const srcs = await page.locator('article[data-file="<script>.md"] .src').allTextContents();
    expect(srcs.some((t) => t.includes('<script>alert(1)</script>'))).toBe(true);
    expect(await page.locator('link, img, iframe, object').count()).toBe(0);
    expect(external).toEqual([]);
  });

  it('prints: an A4 PDF with every finding kept whole', async () => {
    const page = await open(await report());
    await page.emulateMedia({ media: 'print' });
    const inside = await page.locator('.finding').first().evaluate((el) => getComputedStyle(el).breakInside);
    expect(inside).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });

  it('has English labels with --lang en, and a clean report says so', async () => {
    const en = await open(await report('en'));
    expect(await en.getAttribute('html', 'lang')).toBe('en');
    expect(await en.locator('h1').textContent()).toBe('Draft compliance report');
    expect(await en.locator('#findings h2').textContent()).toBe('Findings');
    expect(await en.locator('.finding .sev').first().textContent()).toMatch(/^(error|warning)$/);
    const clean = await open(await report('zh', [results[1]!]));
    expect(await clean.locator('.finding').count()).toBe(0);
    expect(await clean.locator('.ok-banner.clean').textContent()).toContain('未发现问题');
  });

  it('is what the CLI writes with -f html -o', async () => {
    const out = join(dir, 'cli-report.html');
    const r = await run(['lint', '路灯安装通知.md', '-f', 'html', '-o', out], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const page = await open(readFileSync(out, 'utf8'));
    expect(await page.locator('.finding').count()).toBe(results[0]!.messages.length);
  });
});
