/**
 * `draftlint lint --check-links --link-timeout` through the real CLI (built bin), against a
 * local HTTP server. The child runs asynchronously so this process can serve its requests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin } from './helpers.js';

let server: http.Server;
let port = 0;
let requests = 0;
let dir = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 2000).unref();
      return;
    }
    res.writeHead(req.url?.startsWith('/gone') ? 404 : 200).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'draftlint-linkcli-'));
  writeFileSync(join(dir, '.draftlintrc.yml'), `links:\n  allowPrivate: true\n  retries: 0\n  cacheDir: .cache-links\n`);
  writeFileSync(
    join(dir, '通知.md'),
    `---\ntitle: 关于公布便民服务电话的通知\n---\n\n服务指南见[指南](http://127.0.0.1:${port}/ok)，旧版见[旧版](http://127.0.0.1:${port}/gone)，系统见[系统](http://127.0.0.1:${port}/slow)。\n`,
  );
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}



describe('draftlint lint --check-links', () => {
  it('is off by default: no request is made', async () => {
    const before = requests;
    const r = await run(['lint', '通知.md', '--format', 'json']);
    expect(r.stderr).toBe('');
    const msgs = JSON.parse(r.stdout)[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'link/broken');
    expect(msgs).toEqual([]);
    expect(requests).toBe(before);
  });

  it('reports 404 and the timeout given by --link-timeout, and caches under links.cacheDir', async () => {
    const r = await run(['lint', '通知.md', '--format', 'json', '--check-links', '--link-timeout', '300']);
    expect(r.stderr).toBe('');
    const msgs = JSON.parse(r.stdout)[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'link/broken');
    expect(msgs.map((m: { messageId: string; data: Record<string, unknown> }) => [m.messageId, m.data.status ?? m.data.timeout])).toEqual([
      ['status', 404],
      ['timeout', 300],
    ]);
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, '.cache-links')).length).toBe(2); // 200 and 404 are cached, the timeout is not
  });
});
