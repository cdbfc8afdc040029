/**
 * `draftlint daemon`: a background process that keeps the command line loaded and warm, so that a
 * pre-commit hook's `draftlint lint` on a few drafts answers in about the time Node takes to start
 * (issue 9; the idea of eslint_d). It listens on a socket only its user can reach (paths.ts) and
 * checks an access token on every request.
 *
 * Each run goes to a *spare*: a worker thread that has already loaded the bundled command line and
 * linted a sample draft (worker.ts). The spare runs exactly one command, in the client's working
 * directory, with its arguments and environment, and is then ended; the next spare warms up in the
 * background. So a run through the daemon sees no state of an earlier run (configuration files,
 * word lists, caches are read afresh), and gives what a fresh process gives. English spelling is
 * answered by this thread (nodehun is not safe to load in several threads). Runs are answered one
 * at a time, and only by a warm spare: a run that arrives during another run, or while the next
 * spare warms up (about half a second), is declined ('busy'), and the caller runs it in its own
 * process, so that runs in quick succession are never slower than without a daemon.
 *
 * The daemon stops itself when its code or data change (`packageStamp`), after `idleMinutes`
 * without a request, and on `draftlint daemon stop`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { serveSpelling } from '../checks/spelling.js';
import { internalErrorLine } from '../cli/internal-error.js';
import type { DaemonInfo, Reply } from './client.js';
import { daemonPaths } from './paths.js';
import { packageStamp } from './stamp.js';
import { makeDir } from '../engine/make-dir.js';

interface Spare {
  worker: Worker;
  /** warmed up: waiting for its run */
  isReady: boolean;
  close(): void;
}

const SAMPLE = `---
title: 关于开展2021年春季森林防火宣传活动的通知
column: 通知公告
unit: 盘县林业局
author: 王明
date: 2021-03-02
---

# 关于开展2021年春季森林防火宣传活动的通知

各乡（镇）人民政府、街道办事处，县直各有关单位：

为切实做好春季森林防火工作,根据《中华人民共和国森林法》和《森林防火条例》的有关规定，现就有关事项通知如下。

## 一、活动时间

2021年3月1日至4月30日。联系电话：0858-1234567，联系人：张老师。

## 二、工作要求

各单位要高度重视，认真组织，确保活动取得实效。请于3月10日前将活动开展情况报县林业局，详情见 [县政府网站](http://www.panxian.gov.cn/zwgk/)。The government website lists the details.

## 三、宣传内容

（一）森林防火法律法规。重点宣传《中华人民共和国森林法》《森林防火条例》《贵州省森林防火条例》等法律法规，提高群众依法防火的意识。

（二）野外用火管理规定。森林防火期内，禁止在林区野外吸烟、烧纸、烧香、燃放烟花爆竹；因生产生活需要用火的，必须经县级人民政府或者其授权的单位批准。

（三）扑救常识。发现火情要立即拨打森林火警电话12119，不得组织老人、儿童、孕妇和残疾人员参加扑救。

## 四、工作措施

1. 利用政府网站、政务新媒体、村村通广播等渠道，每周发布不少于2条防火提示。
2. 在林区入口、重点路段设置宣传牌，悬挂横幅，发放宣传资料10000份。
3. 组织护林员开展巡山护林，做到“山有人管、林有人护、火有人防、责有人担”。
4. 对违规用火行为依法依规严肃处理，并通过县人民政府网站向社会公布。

附件：1.春季森林防火宣传活动统计表
      2.森林防火宣传资料样稿

盘县林业局
2021年3月2日
`;

/** Whether something accepts connections on `socket`. */
function answering(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(socket);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export async function runDaemon(opts: { idleMinutes: number }): Promise<void> {
  const paths = daemonPaths();
  makeDir(paths.dir, 0o700);
  // a daemon already answering on this socket (two `daemon start` at once): leave it be
  if (await answering(paths.socket)) return;
  if (process.platform !== 'win32') {
    chmodSync(paths.dir, 0o700);
    rmSync(paths.socket, { force: true });
  }
  const warmFile = join(paths.dir, 'sample', '通知-森林防火.md');
  makeDir(join(paths.dir, 'sample'));
  writeFileSync(warmFile, SAMPLE);
  const token = randomBytes(24).toString('hex');
  const stamp = packageStamp();
  const started = Date.now();
  let served = 0;
  let spare: Spare | null = null;
  /** a run is being answered (from its acceptance until its spare is replaced) */
  let running = false;
  let idle: NodeJS.Timeout | undefined;
  let stopping = false;

  const startSpare = (): Spare => {
    const ch = new MessageChannel();
    serveSpelling(ch.port1);
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { spelling: ch.port2, warmFile },
      transferList: [ch.port2],
      stdout: true,
      stderr: true,
    });
    // an error in a spare ends that spare only (reported to the run's client, see run())
    worker.on('error', () => {});
    const ready = new Promise<boolean>((resolve) => {
      worker.once('message', (m: { t: string }) => resolve(m.t === 'ready'));
      worker.once('error', () => resolve(false));
      worker.once('exit', () => resolve(false));
    });
    const made: Spare = {
      worker,
      isReady: false,
      close: () => {
        ch.port1.close();
        void worker.terminate();
      },
    };
    // a spare that failed to start is dropped: the next request starts another
    void ready.then((ok) => {
      made.isReady = ok;
      if (!ok) {
        made.close();
        if (spare === made) spare = null;
      }
    });
    return made;
  };

  const server = createServer((sock) => handle(sock));
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(idle);
    spare?.close();
    server.close();
    rmSync(paths.info, { force: true });
    if (process.platform !== 'win32') rmSync(paths.socket, { force: true });
    // a run still answering ends with the process
    setTimeout(() => process.exit(0), 200).unref();
  };
  const touch = () => {
    clearTimeout(idle);
    if (opts.idleMinutes > 0) idle = setTimeout(stop, opts.idleMinutes * 60_000);
  };

  const send = (sock: Socket, r: Reply) => {
    if (!sock.destroyed) sock.write(JSON.stringify(r) + '\n');
  };

  /** Answers a run with the warm spare (handle() calls it only when there is one). */
  const run = async (sock: Socket, req: { argv: string[]; cwd: string; env: Record<string, string>; tty: unknown }) => {
    const s = spare!;
    spare = null;
    running = true;
    try {
      try {
        process.chdir(req.cwd);
      } catch {
        s.close();
        send(sock, { t: 'busy', reason: 'no such directory' });
        return;
      }
      send(sock, { t: 'accepted' });
      served++;
      await new Promise<void>((resolve) => {
        let done = false;
        const finish = (code: number) => {
          if (done) return;
          done = true;
          send(sock, { t: 'exit', code });
          resolve();
        };
        s.worker.on('message', (m: Reply) => {
          if (m.t === 'exit') finish(m.code);
          else if (!done) send(sock, m);
        });
        s.worker.once('error', (e: Error) => {
          if (!done) send(sock, { t: 'err', d: internalErrorLine(e) });
        });
        // process.exit() in a command, or a crash: the run ends with that code
        s.worker.once('exit', (code) => finish(code || 2));
        s.worker.postMessage({ argv: req.argv, env: req.env, tty: req.tty });
      });
      s.close();
      sock.end();
      // out of the caller's directory, so that it can be removed (Windows) while the daemon waits
      process.chdir(paths.dir);
    } finally {
      // whatever became of this run, the next one gets a spare
      running = false;
      if (!stopping) spare = startSpare();
    }
  };

  const handle = (sock: Socket) => {
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('error', () => {});
    sock.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      sock.removeAllListeners('data');
      let req: { t?: string; token?: string; argv: string[]; cwd: string; env: Record<string, string>; tty: unknown };
      try {
        req = JSON.parse(buf.slice(0, nl));
      } catch {
        return void sock.destroy();
      }
      if (req.token !== token) {
        send(sock, { t: 'denied' });
        return void sock.end();
      }
      touch();
      if (req.t === 'ping') {
        send(sock, { t: 'pong', pid: process.pid, started, served, ready: !running && !!spare?.isReady });
        return void sock.end();
      }
      if (req.t === 'stop') {
        send(sock, { t: 'stopping' });
        sock.end();
        return stop();
      }
      if (stopping || packageStamp() !== stamp) {
        send(sock, { t: 'stale' });
        sock.end();
        return stop();
      }
      // No warm spare yet (one is warming up after the last run, about half a second): the
      // caller runs the command itself rather than wait, so that runs in quick succession are
      // never slower than without a daemon.
      if (running || !spare?.isReady) {
        send(sock, { t: 'busy', reason: 'warming up' });
        sock.end();
        if (!spare && !running) spare = startSpare();
        return;
      }
      run(sock, req).catch(() => void sock.destroy());
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(paths.socket, () => resolve());
  });
  if (process.platform !== 'win32') chmodSync(paths.socket, 0o600);
  const info: DaemonInfo = { pid: process.pid, socket: paths.socket, token, started };
  writeFileSync(paths.info, JSON.stringify(info), { mode: 0o600 });
  spare = startSpare();
  touch();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, stop);
}
