#!/usr/bin/env node
/**
 * Screenshot of the editors' desk for the docs: starts the desk (from dist/, so run
 * `npm run build` first) on a free loopback port, pastes the lamp-notice fixture into headless
 * Chromium, checks it, selects the first finding and saves docs/desk.png.
 *
 *   node scripts/screenshot-desk.mjs [--lang en] [--out docs/desk.png]
 *
 * Needs Chromium at /usr/bin/chromium (Debian: apt-get install chromium) or CHROMIUM_PATH.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { lang: { type: 'string', default: 'zh' }, out: { type: 'string', default: 'docs/desk.png' } } });
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`screenshot-desk: Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}
const { startDesk } = await import(resolve(root, 'dist/server/listen.js'));
const { chromium } = await import('playwright-core');

const draft = readFileSync(resolve(root, 'fixtures/desk/路灯通知.md'), 'utf8');
const desk = await startDesk({ port: 0, lang: values.lang, cwd: resolve(root, 'fixtures/desk'), version: 'docs' });
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(desk.url);
  await page.waitForSelector('#f-column option:nth-child(3)', { state: 'attached' });
  await page.selectOption('#f-column', '通知公告');
  await page.selectOption('#f-channel', values.lang === 'en' ? '网站' : '网站');
  await page.fill('#f-date', '2021-03-01');
  await page.fill('#f-author', '李明');
  await page.fill('#text', draft);
  await page.click('#btn-check');
  await page.waitForSelector('#view mark');
  await page.click('.finding.error >> nth=0');
  await page.waitForTimeout(300);
  const out = resolve(root, values.out);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`screenshot-desk: wrote ${out}`);
} finally {
  await browser.close();
  await desk.close();
}
