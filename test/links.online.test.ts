/**
 * The online link check against a local HTTP server started here (never the internet).
 * The server is on loopback, so the configs set links.allowPrivate: true — except in the
 * SSRF-guard tests, which assert that no request reaches the server.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import links from '../src/checks/links.js';
import { LinkChecker } from '../src/checks/links/online.js';
import { readLinksConfig } from '../src/checks/links/policy.js';
import { buildDraft } from '../src/document/draft.js';
import { parseRule } from '../src/engine/rules.js';
import type { Config, Report } from '../src/types.js';

const root = resolve(import.meta.dirname, '..');
const rule = (name: string) => parseRule(readFileSync(join(root, 'rules', `link.${name}.yml`), 'utf8'), join(root, 'rules', `link.${name}.yml`));

let server: http.Server;
let port = 0;
const hits: Array<{ method: string; url: string }> = [];
let busy = 0;
let maxBusy = 0;
const flaky = new Map<string, number>();
const tmp: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push({ method: req.method ?? '', url });
    const end = (status: number, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : '<html><body>盘山县人民政府</body></html>');
    };
    if (url.startsWith('/ok')) return end(200);
    if (url.startsWith('/moved-away')) return end(301, { location: `http://localhost:${port}/ok/new` });
    if (url.startsWith('/moved-here')) return end(302, { location: `/ok/here` });
    if (url.startsWith('/gone')) return end(404);
    if (url.startsWith('/error')) return end(500);
    if (url.startsWith('/no-head')) return end(req.method === 'HEAD' ? 405 : 200);
    if (url.startsWith('/flaky')) {
      const n = (flaky.get(url) ?? 0) + 1;
      flaky.set(url, n);
      return end(n === 1 ? 503 : 200);
    }
    if (url.startsWith('/slow')) {
      setTimeout(() => end(200), 3000).unref();
      return;
    }
    if (url.startsWith('/busy')) {
      busy++;
      maxBusy = Math.max(maxBusy, busy);
      setTimeout(() => {
        busy--;
        end(200);
      }, 60).unref();
      return;
    }
    end(404);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

function cacheDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'draftlint-links-'));
  tmp.push(d);
  return d;
}

function config(extra: Record<string, unknown> = {}): Config {
  return { rules: {}, ignore: [], words: [], links: { allowPrivate: true, timeout: 500, retries: 1, retryDelay: 5, cacheDir: cacheDir(), ...extra } };
}

async function run(name: 'broken' | 'redirect', text: string, cfg: Config, online = true) {
  const r = rule(name);
  const check = links.create(r, r.options, { config: cfg, packageRoot: root, baseDir: root, lang: 'zh', online });
  const draft = buildDraft(text);
  const out: Array<Report & { target: string }> = [];
  await check.run(draft, (rep) => out.push({ ...rep, target: draft.source.slice(rep.range[0], rep.range[1]) }));
  return out;
}

const base = () => `http://127.0.0.1:${port}`;

describe('link/broken', () => {
  it('reports 404 and 500, not 200', async () => {
    const cfg = config();
    const text = `通知原文见[原文](${base()}/ok/notice.html)，附件见[附件](${base()}/gone/a.docx)，系统见[系统](${base()}/error/x)。`;
    const found = await run('broken', text, cfg);
    expect(found.map((f) => [f.target, f.messageId, f.data?.status])).toEqual([
      [`${base()}/gone/a.docx`, 'status', 404],
      [`${base()}/error/x`, 'status', 500],
    ]);
  });

  it('retries a 503 and then succeeds', async () => {
    const found = await run('broken', `见 ${base()}/flaky/1 。`, config());
    expect(found).toEqual([]);
    expect(hits.filter((h) => h.url === '/flaky/1').length).toBe(2);
  });

  it('falls back to GET when HEAD is not allowed', async () => {
    const found = await run('broken', `见[页面](${base()}/no-head/p)。`, config());
    expect(found).toEqual([]);
    expect(hits.filter((h) => h.url === '/no-head/p').map((h) => h.method)).toEqual(['HEAD', 'GET']);
  });

  it('reports a timeout with the configured limit', async () => {
    const found = await run('broken', `见[页面](${base()}/slow/p)。`, config({ timeout: 150, retries: 0 }));
    expect(found.map((f) => [f.messageId, f.data?.timeout])).toEqual([['timeout', 150]]);
  });

  it('reports a host that does not resolve', async () => {
    // a fake resolver answers NXDOMAIN, so the test does not depend on the machine's DNS
    const nx = ((host: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null) => void) =>
      cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }))) as never;
    const checker = new LinkChecker(readLinksConfig({ cacheDir: cacheDir(), retries: 2, retryDelay: 5 }, undefined), root, nx);
    const res = await checker.check('http://no-such-host.invalid/a');
    expect([res.ok, res.failure, res.detail]).toEqual([false, 'dns', 'no-such-host.invalid']);
  });

  it('does nothing without --check-links', async () => {
    const before = hits.length;
    const found = await run('broken', `见[附件](${base()}/gone/offline)。`, config(), false);
    expect(found).toEqual([]);
    expect(hits.length).toBe(before);
  });

  it('refuses loopback and private addresses unless links.allowPrivate (SSRF guard)', async () => {
    const before = hits.length;
    const found = await run('broken', `见[附件](${base()}/gone/ssrf)，或 http://localhost:${port}/gone/ssrf2 。`, config({ allowPrivate: false }));
    expect(found.map((f) => [f.messageId, f.severity, f.data?.address])).toEqual([
      ['refused', 'warning', '127.0.0.1'],
      ['refused', 'warning', expect.stringMatching(/^(127\.0\.0\.1|::1|localhost)$/)],
    ]);
    expect(hits.length).toBe(before);
  });

  it('refuses a name that resolves to a private address, at connect time', async () => {
    const cfg = readLinksConfig({ allowPrivate: false, cacheDir: cacheDir(), retries: 0 }, undefined);
    // a public-looking name whose DNS answer is an intranet address (DNS rebinding, split horizon)
    const fakeDns = ((host: string, _o: unknown, cb: (e: Error | null, a: Array<{ address: string; family: number }>) => void) =>
      cb(null, [{ address: host === 'oa.example.com' ? '10.20.1.5' : '127.0.0.1', family: 4 }])) as never;
    const checker = new LinkChecker(cfg, root, fakeDns);
    const before = hits.length;
    const res = await checker.check(`http://oa.example.com:${port}/ok/x`);
    expect([res.failure, res.address]).toEqual(['refused', '10.20.1.5']);
    expect(hits.length).toBe(before);
    // with allowPrivate the same name is requested (the fake DNS sends it to the test server)
    const open = new LinkChecker(readLinksConfig({ allowPrivate: true, cacheDir: cacheDir() }, undefined), root, ((_h: string, _o: unknown, cb: (e: Error | null, a: Array<{ address: string; family: number }>) => void) =>
      cb(null, [{ address: '127.0.0.1', family: 4 }])) as never);
    const ok = await open.check(`http://oa.example.com:${port}/ok/x`);
    expect(ok.ok).toBe(true);
    expect(hits.at(-1)?.url).toBe('/ok/x');
  });

  it('limits concurrent requests per host', async () => {
    const list = Array.from({ length: 6 }, (_, i) => `[页${i}](${base()}/busy/${i})`).join('、');
    const found = await run('broken', `见${list}。`, config({ perHost: 2 }));
    expect(found).toEqual([]);
    expect(hits.filter((h) => h.url.startsWith('/busy/')).length).toBe(6);
    expect(maxBusy).toBeLessThanOrEqual(2);
    expect(maxBusy).toBeGreaterThan(0);
  });
});

describe('link/broken over TLS', () => {
  it('reports a certificate the client cannot trust', async () => {
    const tls = https.createServer(
      { key: readFileSync(join(root, 'fixtures/links/tls/key.pem')), cert: readFileSync(join(root, 'fixtures/links/tls/cert.pem')) },
      (_req, res) => res.end('ok'),
    );
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    try {
      const p = (tls.address() as AddressInfo).port;
      const found = await run('broken', `见[页面](https://127.0.0.1:${p}/a)。`, config({ retries: 0 }));
      expect(found.map((f) => f.messageId)).toEqual(['tls']);
      expect(String(found[0]!.data?.detail)).toMatch(/SELF_SIGNED|CERT|TLS/i);
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((r) => tls.close(() => r()));
    }
  });
});

describe('link/redirect', () => {
  it('reports a redirect to another host, not one within the host', async () => {
    const cfg = config();
    const text = `新址见[此处](${base()}/moved-away)，旧址见[此处](${base()}/moved-here)。`;
    const found = await run('redirect', text, cfg);
    expect(found.map((f) => [f.target, f.data?.final])).toEqual([[`${base()}/moved-away`, `http://localhost:${port}/ok/new`]]);
  });
});

describe('cache', () => {
  it('answers from .draftlintcache/links within the TTL and asks again after it', async () => {
    const dir = cacheDir();
    const url = `${base()}/ok/cached`;
    const mk = (ttl: number) => new LinkChecker(readLinksConfig({ allowPrivate: true, cacheDir: dir, cacheTtl: ttl }, undefined), root);
    const count = () => hits.filter((h) => h.url === '/ok/cached').length;
    const first = await mk(3600).check(url);
    expect(first.ok).toBe(true);
    expect(count()).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBe(1);
    const second = await mk(3600).check(url);
    expect(second.fromCache).toBe(true);
    expect(count()).toBe(1);
    const expired = await mk(0).check(url);
    expect(expired.fromCache).toBeUndefined();
    expect(count()).toBe(2);
  });

  it('does not cache transient failures', async () => {
    const dir = cacheDir();
    const c = new LinkChecker(readLinksConfig({ allowPrivate: true, cacheDir: dir, retries: 0 }, undefined), root);
    const r = await c.check(`${base()}/error/nocache`);
    expect(r.status).toBe(500);
    expect(readdirSync(dir).length).toBe(0);
  });
});
