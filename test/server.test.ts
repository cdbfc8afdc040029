/**
 * The editors' desk server: API answers, limits, the Origin/Host check, CSP, errors as JSON —
 * through fastify.inject, a real listen on 127.0.0.1, and the real `draftlint serve` command.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createDeskServer, JSON_LIMIT, PAGE_CSP, REPORT_CSP, UPLOAD_LIMIT } from '../src/server/app.js';
import { allowedHosts, browserCommand, isLoopback, startDesk } from '../src/server/listen.js';
import { bin, root } from './helpers.js';

const desk = resolve(root, 'fixtures/desk');
const HOST = '127.0.0.1:4173';
const ORIGIN = `http://${HOST}`;
const TYPO = '请各单位按要求按装监控设备。';

let app: FastifyInstance;

beforeAll(async () => {
  app = await createDeskServer({ cwd: desk, allowedHosts: allowedHosts('127.0.0.1', 4173), version: 'test' });
});
afterAll(async () => {
  await app.close();
});

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, headers: { host: HOST, origin: ORIGIN, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

function expectJsonError(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
  expect(body.error.message_en).toMatch(/[A-Za-z]/);
}

describe('page and assets', () => {
  it('serves the page with a strict CSP and no inline script', async () => {
    const res = await app.inject({ url: '/', headers: { host: HOST } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const html = res.body;
    expect(html).toContain('<html lang="zh-CN" data-lang="zh">');
    // every script is an external file from this server; no inline handlers, no CDN
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/app.js" defer>']);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/style="/);
  });

  it('assets carry no network references', async () => {
    for (const [path, type] of [
      ['/app.js', 'javascript'],
      ['/app.css', 'css'],
      ['/favicon.svg', 'svg'],
    ]) {
      const res = await app.inject({ url: path, headers: { host: HOST } });
      expect(res.statusCode, path).toBe(200);
      expect(String(res.headers['content-type'])).toContain(type);
      expect(res.body).not.toMatch(/(?:src|href)=["']?https?:|url\(\s*['"]?https?:|@import|fetch\(\s*['"]https?:/);
    }
  });

  it('--lang en', async () => {
    const en = await createDeskServer({ cwd: desk, lang: 'en', allowedHosts: allowedHosts('127.0.0.1', 4173) });
    const res = await en.inject({ url: '/', headers: { host: HOST } });
    expect(res.body).toContain('<html lang="en" data-lang="en">');
    const err = await en.inject({ url: '/nope', headers: { host: HOST } });
    expectJsonError(err, 404, 'NOT_FOUND');
    await en.close();
  });
});

describe('who may ask', () => {
  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    expectJsonError(await app.inject({ url: '/', headers: { host: 'evil.example:4173' } }), 403, 'FOREIGN_HOST');
    expectJsonError(await app.inject({ url: '/api/info', headers: { host: '127.0.0.1:9999' } }), 403, 'FOREIGN_HOST');
  });

  it('refuses another web page (foreign Origin, cross-site fetch metadata)', async () => {
    expectJsonError(await post('/api/lint', { text: TYPO }, { origin: 'http://evil.example' }), 403, 'FOREIGN_ORIGIN');
    expectJsonError(await post('/api/lint', { text: TYPO }, { origin: 'null' }), 403, 'FOREIGN_ORIGIN');
    expectJsonError(await post('/api/lint', { text: TYPO }, { origin: 'https://127.0.0.1:4173' }), 403, 'FOREIGN_ORIGIN');
    expectJsonError(await post('/api/lint', { text: TYPO }, { origin: 'http://localhost:4173' }), 403, 'FOREIGN_ORIGIN'); // Host is 127.0.0.1
    expectJsonError(await post('/api/lint', { text: TYPO }, { 'sec-fetch-site': 'cross-site' }), 403, 'FOREIGN_ORIGIN');
    expectJsonError(await app.inject({ url: '/api/info', headers: { host: HOST, 'sec-fetch-site': 'same-site' } }), 403, 'FOREIGN_ORIGIN');
  });

  it('accepts its own page, and tools without Origin', async () => {
    expect((await post('/api/lint', { text: TYPO }, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    const tool = await app.inject({ method: 'POST', url: '/api/lint', headers: { host: HOST, 'content-type': 'application/json' }, payload: JSON.stringify({ text: TYPO }) });
    expect(tool.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/info', headers: { host: 'localhost:4173' } })).statusCode).toBe(200);
  });
});

describe('limits and errors as JSON', () => {
  it('a JSON body over the limit is 413', async () => {
    const big = 'x'.repeat(JSON_LIMIT + 10);
    expectJsonError(await post('/api/lint', { text: big }), 413, 'TOO_LARGE');
  });

  it('an upload over the limit is 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/upload?name=' + encodeURIComponent('大.docx'),
      headers: { host: HOST, origin: ORIGIN, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(UPLOAD_LIMIT + 1),
    });
    expectJsonError(res, 413, 'TOO_LARGE');
    expect(res.json().error.message).toContain('10 MB');
  });

  it('bad JSON, wrong shapes, wrong media types, unknown paths', async () => {
    expectJsonError(await app.inject({ method: 'POST', url: '/api/lint', headers: { host: HOST, 'content-type': 'application/json' }, payload: '{"text":' }), 400, 'BAD_JSON');
    expectJsonError(await post('/api/lint', { txt: 'x' }), 400, 'BAD_REQUEST');
    expectJsonError(await post('/api/lint', { text: 'x', fields: { column: { a: 1 } } }), 400, 'BAD_REQUEST');
    expectJsonError(await post('/api/lint', { text: 'x', fields: { column: 'x'.repeat(201) } }), 400, 'BAD_REQUEST');
    expectJsonError(await post('/api/fix', { text: 'x', index: -1 }), 400, 'BAD_REQUEST');
    // text/plain is what a cross-site form can send without a preflight
    expectJsonError(await app.inject({ method: 'POST', url: '/api/lint', headers: { host: HOST, 'content-type': 'text/plain' }, payload: 'x' }), 415, 'UNSUPPORTED_TYPE');
    expectJsonError(await app.inject({ method: 'POST', url: '/api/lint', headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=x' }), 415, 'UNSUPPORTED_TYPE');
    expectJsonError(await app.inject({ url: '/etc/passwd', headers: { host: HOST } }), 404, 'NOT_FOUND');
    expectJsonError(await app.inject({ url: '/../package.json', headers: { host: HOST } }), 404, 'NOT_FOUND');
  });

  it('upload: unsupported and unreadable files', async () => {
    const up = (name: string, body: Buffer) =>
      app.inject({ method: 'POST', url: '/api/upload?name=' + encodeURIComponent(name), headers: { host: HOST, origin: ORIGIN, 'content-type': 'application/octet-stream' }, payload: body });
    expectJsonError(await up('通知.doc', Buffer.from('x')), 415, 'UNSUPPORTED_FILE');
    expectJsonError(await up('通知.pdf', Buffer.from('%PDF')), 415, 'UNSUPPORTED_FILE');
    const bad = await up('坏.docx', Buffer.from('PK\u0003\u0004 broken'));
    expectJsonError(bad, 422, 'UNREADABLE_FILE');
    expect(bad.json().error.message).toContain('坏.docx');
  });
});

describe('API', () => {
  it('lint: findings with offsets, family, notice item and indicator; 单项否决 marked', async () => {
    const res = await post('/api/lint', { text: `${TYPO}\n\n深入学习贯彻习近乎新时代中国特色社会主义思想。\n` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const a = res.json();
    const typo = a.findings.find((f: any) => f.ruleId === 'typo/confusion');
    expect(typo).toMatchObject({ family: 'typo', severity: 'error', target: '按装', veto: false });
    expect(a.text.slice(typo.start, typo.end)).toBe('按装');
    expect(typo.basis).toBeTruthy();
    expect(typo.fix).toBeTruthy();
    const severe = a.findings.find((f: any) => f.ruleId === 'typo/severe');
    expect(severe).toMatchObject({ target: '习近乎', veto: true });
    expect(severe.indicator).toMatch(/^单项否决/);
    expect(a.vetoCount).toBe(1);
    expect(a.families.map((f: any) => f.id)).toContain('typo');
    expect(a.families.find((f: any) => f.id === 'typo').label).toBe('错别字');
    // no front matter and no field picked: front matter rules stay quiet, said once
    expect(a.findings.some((f: any) => f.ruleId === 'meta/required')).toBe(false);
    expect(a.notes).toHaveLength(1);
  });

  it('lint: picked fields become the front matter of a text without one', async () => {
    const text = `# 关于安装监控设备的通知\n\n${TYPO}\n`;
    const a = (await post('/api/lint', { text, fields: { column: '通知公告', unit: '县住房和城乡建设局', channel: '网站', date: '2021-03-01', author: '李明' } })).json();
    expect(a.text).toBe(`---\n标题: 关于安装监控设备的通知\n栏目: 通知公告\n发布单位: 县住房和城乡建设局\n撰稿人: 李明\n渠道: 网站\n日期: 2021-03-01\n---\n\n${text}`);
    expect(a.editorText).toBe(text);
    expect(a.findings.filter((f: any) => f.family === 'meta')).toEqual([]);
    expect(a.notes).toEqual([]);
    const typo = a.findings.find((f: any) => f.ruleId === 'typo/confusion');
    expect(a.text.slice(typo.start, typo.end)).toBe('按装');
    // a missing field is reported by the engine's meta/required rule
    const b = (await post('/api/lint', { text, fields: { column: '通知公告' } })).json();
    expect(b.findings.find((f: any) => f.ruleId === 'meta/required').message).toContain('unit');
  });

  it('fix: one finding by index, then all', async () => {
    const text = `${TYPO}各单位要再接再励。\n`;
    const a = (await post('/api/lint', { text })).json();
    const typo = a.findings.find((f: any) => f.ruleId === 'typo/confusion' && f.target === '按装');
    const one = await post('/api/fix', { text, index: typo.index, ruleId: typo.ruleId });
    expect(one.statusCode).toBe(200);
    expect(one.json().editorText).toBe('请各单位按要求安装监控设备。各单位要再接再励。\n');
    expect(one.json().changed).toBe(true);
    const all = (await post('/api/fix', { text })).json();
    expect(all.editorText).toBe('请各单位按要求安装监控设备。各单位要再接再厉。\n');
    expect(all.findings.filter((f: any) => f.fix)).toEqual([]);
    // a page that is out of date gets 409, not a wrong edit
    expectJsonError(await post('/api/fix', { text, index: typo.index, ruleId: 'link/insecure' }), 409, 'STALE');
    expectJsonError(await post('/api/fix', { text, index: 99 }), 409, 'STALE');
  });

  it('fix with fields keeps the editor text free of the generated front matter', async () => {
    const text = `# 关于路灯按装的通知\n\n${TYPO}\n`;
    const r = (await post('/api/fix', { text, fields: { column: '通知公告', unit: '县住建局', date: '2021-03-01', author: '李明' } })).json();
    expect(r.editorText).toBe(`# 关于路灯安装的通知\n\n请各单位按要求安装监控设备。\n`);
    expect(r.text.startsWith('---\n标题: 关于路灯安装的通知\n')).toBe(true);
  });

  it('upload: a Word document is converted and linted', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/upload?name=' + encodeURIComponent('通知.docx') + '&column=' + encodeURIComponent('通知公告'),
      headers: { host: HOST, origin: ORIGIN, 'content-type': 'application/octet-stream' },
      payload: readFileSync(join(desk, '通知.docx')),
    });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.kind).toBe('docx');
    expect(a.editorText.startsWith('# 关于城区主干道路灯按装工作的通知\n')).toBe(true);
    expect(a.editorText).toContain('| 路段 | 施工时间 |');
    expect(a.text.startsWith('---\n标题: 关于城区主干道路灯按装工作的通知\n栏目: 通知公告\n')).toBe(true);
    const targets = a.findings.map((f: any) => `${f.ruleId}:${f.target}`);
    expect(targets).toContain('typo/confusion:按装');
    expect(targets).toContain('link/insecure:http://zjj.example.gov.cn/tzgg/2021/lamps.html');
    for (const f of a.findings) expect(a.text.slice(f.start, f.end)).toBe(f.target);
  });

  it('upload: a text file without fields says why the column rules are quiet', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/upload?name=' + encodeURIComponent('说明.txt'),
      headers: { host: HOST, origin: ORIGIN, 'content-type': 'application/octet-stream' },
      payload: readFileSync(join(desk, '说明.txt')),
    });
    const a = res.json();
    expect(a.kind).toBe('txt');
    expect(a.notes[0]).toContain('栏目');
    expect(a.editorText).toContain('1\\. 进入防火期后');
    expect(a.findings.map((f: any) => f.target)).toContain('按装');
  });

  it('report: a printable HTML download with its own CSP', async () => {
    const res = await post('/api/report', { text: TYPO, filename: '通知.md' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(REPORT_CSP);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('通知-检查报告.html'));
    expect(res.body).toContain('按装');
    expect(res.body).toContain('typo/confusion');
    expect(res.body).not.toMatch(/<script/i);
  });

  it('info: the column catalog, channels and the configured unit', async () => {
    const info = (await app.inject({ url: '/api/info', headers: { host: HOST } })).json();
    expect(info.columns.map((c: any) => c.name)).toEqual(expect.arrayContaining(['通知公告', '政策文件', '政策解读']));
    expect(info.channels.map((c: any) => c.label)).toEqual(expect.arrayContaining(['网站', '微信', '微博']));
    expect(info.units).toEqual(['县住房和城乡建设局']); // fixtures/desk/.draftlintrc.yml site.unit
    const cols = (await app.inject({ url: '/api/columns', headers: { host: HOST } })).json();
    expect(cols.columns.length).toBe(info.columns.length);
  });
});

describe('listening for real', () => {
  it('takes the next free port, answers on 127.0.0.1 and refuses foreign origins', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => r()));
    const taken = (blocker.address() as { port: number }).port;
    const running = await startDesk({ port: taken, cwd: desk });
    try {
      expect(running.port).toBeGreaterThan(taken);
      expect(running.url).toBe(`http://127.0.0.1:${running.port}/`);
      const info = await fetch(running.url + 'api/info');
      expect(info.status).toBe(200);
      const page = await fetch(running.url);
      expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
      const foreign = await fetch(running.url + 'api/lint', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ text: TYPO }) });
      expect(foreign.status).toBe(403);
      expect((await foreign.json()).error.code).toBe('FOREIGN_ORIGIN');
      const own = await fetch(running.url + 'api/lint', { method: 'POST', headers: { 'content-type': 'application/json', origin: running.url.replace(/\/$/, '') }, body: JSON.stringify({ text: TYPO }) });
      expect(own.status).toBe(200);
    } finally {
      await running.close();
      blocker.close();
    }
  });

  it('loopback detection and the browser command (an argument array, no shell)', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.5')).toBe(false);
    expect(browserCommand('linux', {})).toEqual({ cmd: 'xdg-open', args: [] });
    expect(browserCommand('darwin', {})).toEqual({ cmd: 'open', args: [] });
    expect(browserCommand('win32', {})).toEqual({ cmd: 'explorer.exe', args: [] });
    expect(browserCommand('linux', { BROWSER: '/usr/bin/firefox' })).toEqual({ cmd: '/usr/bin/firefox', args: [] });
  });
});

/** Run `draftlint serve …` until it prints its address; returns the child and the output so far. */
function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd: desk, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /http:\/\/[^\s]+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${out} ${err}`));
    });
  });
  const stop = () =>
    new Promise<void>((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
    });
  return { child, ready, stop, output: () => ({ out, err }) };
}

describe('draftlint serve (the real command)', () => {
  it('starts on loopback, serves the page and stops on SIGTERM', async () => {
    if (!existsSync(resolve(root, 'dist/server/public/index.html'))) throw new Error('dist/server/public missing: run `npm run build` (npm test does)');
    const s = serve(['--port', '0']);
    try {
      const url = await s.ready;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(s.output().out).toContain('稿件检查台已启动');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('稿件检查台');
      expect(s.output().err).toBe('');
    } finally {
      await s.stop();
    }
  });

  it('--open starts the browser with the URL as one argument', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-open-'));
    const log = join(dir, 'args.txt');
    const fake = join(dir, 'browser.sh');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > "${log}"\n`);
    chmodSync(fake, 0o755);
    const s = serve(['--port', '0', '--open', '--lang', 'en'], { BROWSER: fake });
    try {
      const url = await s.ready;
      expect(s.output().out).toContain('draftlint desk is running');
      for (let i = 0; i < 50 && !existsSync(log); i++) await new Promise((r) => setTimeout(r, 100));
      expect(readFileSync(log, 'utf8')).toBe(`1\n${url}\n`);
    } finally {
      await s.stop();
    }
  });

  it('warns when --host is not loopback, and a bad port is a usage error', async () => {
    const s = serve(['--port', '0', '--host', '0.0.0.0']);
    try {
      await s.ready;
      expect(s.output().err).toContain('警告');
      expect(s.output().err).toContain('0.0.0.0');
    } finally {
      await s.stop();
    }
    const bad = spawn(process.execPath, [bin, 'serve', '--port', '70000'], { cwd: desk });
    let err = '';
    bad.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => bad.on('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--port');
  });
});
