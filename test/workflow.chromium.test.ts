/**
 * The HTML ledger in a real headless Chromium (Debian's `chromium` package): the table,
 * the signature lines and the deadline render on an A4 page, and a screenshot is written
 * to a temporary directory. Skipped, with a message, where /usr/bin/chromium is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectEntries } from '../src/workflow/collect.js';
import { buildLedger, renderLedgerHtml } from '../src/workflow/ledger.js';
import { root } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(`[workflow.chromium] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

describe.skipIf(!available)('HTML ledger in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let htmlFile: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    dir = mkdtempSync(join(tmpdir(), 'draftlint-ledger-html-'));
    const { entries } = await collectEntries(['fixtures/site'], { cwd: root });
    htmlFile = join(dir, 'ledger-2021-03.html');
    writeFileSync(htmlFile, renderLedgerHtml(buildLedger(entries, '2021-03')));
    // A4 at 96 dpi
    page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.goto(pathToFileURL(htmlFile).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders one sheet per unit with the ledger table', async () => {
    const sheets = await page.$$eval('section.sheet', (els) => els.map((e) => (e as HTMLElement).dataset.unit));
    expect(sheets).toEqual(['八角镇', '县发展和改革局', '县教育局', '县融媒体中心']);
    const heads = await page.$$eval('section.sheet[data-unit="县教育局"] thead th', (els) => els.map((e) => e.textContent));
    expect(heads).toEqual(['序号', '标题', '栏目', '渠道', '发布日期', '撰稿人', '初审', '复审', '终审', '链接']);
    const rows = await page.$$eval('section.sheet[data-unit="县教育局"] tbody tr', (els) =>
      els.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows).toHaveLength(8);
    expect(rows[3]!.slice(0, 3)).toEqual(['4', '全县中小学上好开学第一课', '工作动态']);
    // the table is laid out: visible, with real width and rows of real height
    const box = await page.locator('section.sheet[data-unit="县教育局"] table').boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(8 * 15);
    const link = page.locator('section.sheet[data-unit="县教育局"] a');
    expect(await link.getAttribute('href')).toBe('https://www.panshan.gov.cn/jyj/gzdt/2021/0308.html');
  });

  it('renders the signature lines, the seal box and the deadline on every sheet', async () => {
    for (const unit of ['八角镇', '县发展和改革局', '县教育局', '县融媒体中心']) {
      const sheet = page.locator(`section.sheet[data-unit="${unit}"]`);
      for (const role of ['撰稿人', '分管领导', '单位主要领导']) {
        const sig = sheet.locator(`.signature[data-role="${role}"]`);
        expect(await sig.isVisible()).toBe(true);
        expect(await sig.textContent()).toContain(role);
        const line = await sig.locator('.line').boundingBox();
        // a visible line to sign on
        expect(line!.width).toBeGreaterThan(80);
        const border = await sig.locator('.line').evaluate((e) => getComputedStyle(e).borderBottomStyle);
        expect(border).toBe('solid');
      }
      expect(await sheet.locator('.seal[data-role="盖章处"]').isVisible()).toBe(true);
      expect(await sheet.locator('.deadline').textContent()).toContain('报送截止：2021年4月25日前');
      // the signatures come after the table
      const table = await sheet.locator('table').boundingBox();
      const sig = await sheet.locator('.signatures').boundingBox();
      expect(sig!.y).toBeGreaterThan(table!.y + table!.height);
    }
  });

  it('lists the rows missing review data above the sheets', async () => {
    const items = await page.$$eval('#incomplete li', (els) => els.map((e) => e.textContent));
    expect(items).toEqual([
      '县教育局 第6条《县教育局关于2021年上半年中小学教师资格认定工作的公告》：缺初审、复审、终审',
      '县教育局 第7条《县教育局推进中小学课后服务工作》：缺终审',
    ]);
    expect(await page.locator('tr.incomplete').count()).toBe(2);
  });

  it('prints to A4 PDF and takes a screenshot', async () => {
    const shot = join(dir, 'ledger.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // one page per unit at least (the warning list prints on its own page)
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(4);
  });
});
