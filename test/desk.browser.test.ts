/**
 * The editors' desk in a real headless Chromium (Debian's `chromium` package, driven by
 * playwright-core): paste a draft with a typo, see it highlighted, apply the fix, read the
 * corrected text back; drop a Word file and see its findings; download the corrected Markdown
 * and the report. Skipped, with a message, where /usr/bin/chromium is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDesk, type RunningDesk } from '../src/server/listen.js';
import { root } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`[desk.browser] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

const desk = resolve(root, 'fixtures/desk');

describe.skipIf(!available)('editors’ desk in headless Chromium', () => {
  let browser: Browser;
  let server: RunningDesk;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    server = await startDesk({ port: 0, cwd: desk, version: 'test' });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // CSP violations and script errors show up here; every request must go to the desk itself
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(server.url);
    await page.waitForSelector('#f-column option[value="通知公告"]', { state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with its drop-downs filled from the column catalog and the config', async () => {
    expect(await page.title()).toContain('稿件检查台');
    const columns = await page.$$eval('#f-column option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(columns).toEqual(expect.arrayContaining(['通知公告', '政策文件', '政策解读']));
    expect(await page.inputValue('#f-unit')).toBe('县住房和城乡建设局');
    expect(await page.$$eval('#f-channel option', (os) => os.map((o) => o.textContent))).toEqual(expect.arrayContaining(['网站', '微信']));
  });

  it('paste a draft with a typo, see it highlighted, apply the fix, read the corrected text back', async () => {
    await page.selectOption('#f-column', '通知公告');
    await page.fill('#f-date', '2021-03-01');
    await page.fill('#f-author', '李明');
    await page.fill('#text', '# 关于安装监控设备的通知\n\n请各单位按要求按装监控设备。\n');
    await page.click('#btn-check');
    const mark = page.locator('#view mark', { hasText: '按装' });
    await mark.waitFor();
    expect(await mark.getAttribute('class')).toContain('error');
    expect(await mark.getAttribute('class')).toContain('fixable');
    const finding = page.locator('.group[data-family="typo"] .finding', { hasText: '按装' });
    expect(await finding.locator('.msg').textContent()).toContain('安装');
    expect(await finding.locator('.meta').textContent()).toContain('依据');
    expect(await page.locator('#summary').textContent()).toContain('1 个错误');
    // click the highlight: its finding is selected
    await mark.click();
    expect(await finding.getAttribute('class')).toContain('active');
    // apply the one fix
    await finding.locator('button[data-action="fix"]').click();
    await page.waitForFunction(() => (document.getElementById('text') as HTMLTextAreaElement).value.includes('安装监控'));
    expect(await page.inputValue('#text')).toBe('# 关于安装监控设备的通知\n\n请各单位按要求安装监控设备。\n');
    await page.locator('#summary .ok').waitFor();
    expect(await page.locator('#view mark').count()).toBe(0);
    // the view shows the front matter the drop-downs filled in
    expect(await page.locator('#view').textContent()).toContain('栏目: 通知公告');
  });

  it('单项否决 findings stand out; fix all', async () => {
    await page.fill('#text', '深入学习贯彻习近乎新时代中国特色社会主义思想，各单位要再接再励。\n');
    await page.click('#btn-check');
    const veto = page.locator('#view mark.veto', { hasText: '习近乎' });
    await veto.waitFor();
    expect(await page.locator('.finding.veto .badge.veto').count()).toBe(1);
    expect(await page.locator('#summary .pill.veto').textContent()).toContain('1 个单项否决');
    await page.click('#btn-fix-all');
    await page.waitForFunction(() => (document.getElementById('text') as HTMLTextAreaElement).value.includes('习近平'));
    expect(await page.inputValue('#text')).toBe('深入学习贯彻习近平新时代中国特色社会主义思想，各单位要再接再厉。\n');
  });

  it('drop a .docx and see its findings', async () => {
    const b64 = readFileSync(join(desk, '通知.docx')).toString('base64');
    await page.evaluate(async (data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const file = new File([bytes], '通知.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      const dt = new DataTransfer();
      dt.items.add(file);
      const target = document.getElementById('drop')!;
      target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, b64);
    await page.waitForFunction(() => document.getElementById('file-name')!.textContent === '通知.docx');
    expect(await page.inputValue('#text')).toContain('# 关于城区主干道路灯按装工作的通知');
    expect(await page.locator('#view mark', { hasText: '按装' }).count()).toBe(2);
    expect(await page.locator('.group[data-family="link"] .finding').textContent()).toContain('http://zjj.example.gov.cn/tzgg/2021/lamps.html');
    expect(await page.locator('.group[data-family="typo"] h3').textContent()).toContain('(2)');
  });

  it('downloads the corrected Markdown and the printable report', async () => {
    await page.click('#btn-fix-all');
    await page.waitForFunction(() => !(document.getElementById('text') as HTMLTextAreaElement).value.includes('按装'));
    const [md] = await Promise.all([page.waitForEvent('download'), page.click('#btn-md')]);
    expect(md.suggestedFilename()).toBe('通知.md');
    const text = readFileSync((await md.path())!, 'utf8');
    expect(text.startsWith('---\n标题: 关于城区主干道路灯安装工作的通知\n栏目: 通知公告\n')).toBe(true);
    expect(text).toContain('在城区主干道安装路灯');
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#btn-report')]);
    expect(report.suggestedFilename()).toBe('通知-检查报告.html');
    const html = readFileSync((await report.path())!, 'utf8');
    expect(html).toContain('link/insecure');
    expect(html).not.toContain('typo/confusion');
  });

  it('--lang en: the page in English', async () => {
    const en = await startDesk({ port: 0, cwd: desk, lang: 'en' });
    const p = await page.context().newPage();
    try {
      p.on('pageerror', (e) => problems.push(String(e)));
      await p.goto(en.url);
      await p.waitForSelector('#f-column option[value="通知公告"]', { state: 'attached' });
      expect(await p.textContent('#btn-check')).toBe('Check');
      expect(await p.title()).toContain('Draft desk');
      await p.fill('#text', '请各单位按要求按装监控设备。');
      await p.click('#btn-check');
      await p.locator('#view mark', { hasText: '按装' }).waitFor();
      expect(await p.locator('.finding .badge.error').first().textContent()).toBe('error');
    } finally {
      await p.close();
      await en.close();
    }
  });

  it('no script error, no CSP violation, no request beyond the desk', () => {
    expect(problems).toEqual([]);
    const origin = server.url.replace(/\/$/, '');
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });
});
