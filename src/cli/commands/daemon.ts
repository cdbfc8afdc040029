/**
 * `draftlint daemon start|stop|status`: a background process that answers `draftlint lint` runs
 * of this installation (src/daemon/server.ts), for pre-commit hooks and editors that lint a few
 * drafts at a time. Runs go through it automatically while it runs; `DRAFTLINT_DAEMON=0` opts out.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../engine/index.js';
import { readInfo, request, type Reply } from '../../daemon/client.js';
import { daemonPaths, packageRoot } from '../../daemon/paths.js';

export interface DaemonStatus {
  running: boolean;
  pid?: number;
  started?: number;
  served?: number;
  /** a warm spare waits for the next run */
  ready?: boolean;
}

/** Ask the daemon (if any) for its pid, start time and the runs it has answered. */
export async function daemonStatus(): Promise<DaemonStatus> {
  const info = readInfo();
  if (!info) return { running: false };
  const replies: Reply[] = [];
  try {
    await request(info, { t: 'ping' }, (r) => replies.push(r));
  } catch {
    return { running: false };
  }
  for (const r of replies) if (r.t === 'pong') return { running: true, pid: r.pid, started: r.started, served: r.served, ready: r.ready };
  return { running: false };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDaemon(idleMinutes: number): Promise<DaemonStatus & { already: boolean }> {
  const now = await daemonStatus();
  if (now.running) return { ...now, already: true };
  const entry = join(packageRoot, 'dist', 'daemon', 'main.js');
  if (!existsSync(entry)) throw new UsageError(`${entry}: 未构建 / not built (npm run build)`);
  const child = spawn(process.execPath, [entry, '--idle', String(idleMinutes)], { detached: true, stdio: 'ignore', cwd: packageRoot, env: process.env });
  child.unref();
  for (let waited = 0; waited < 20_000; waited += 100) {
    await sleep(100);
    const s = await daemonStatus();
    if (s.running) return { ...s, already: false };
    if (child.exitCode !== null) break;
  }
  throw new UsageError(`后台进程未能启动 / the daemon did not start (${daemonPaths().dir})`);
}

export async function stopDaemon(): Promise<boolean> {
  const info = readInfo();
  if (!info) return false;
  let stopped = false;
  try {
    await request(info, { t: 'stop' }, (r) => {
      if (r.t === 'stopping') stopped = true;
    });
  } catch {
    return false;
  }
  for (let waited = 0; stopped && readInfo() && waited < 5_000; waited += 50) await sleep(50);
  return stopped;
}

export function register(program: Command): void {
  const cmd = program
    .command('daemon')
    .description('后台进程：常驻内存，加快 pre-commit 等少量文件的检查 / background process that makes small lint runs (pre-commit) fast');
  cmd
    .command('start')
    .description('启动后台进程；此后 draftlint lint 自动经由它运行 / start it; lint runs then go through it')
    .option('--idle <minutes>', '空闲多少分钟后自动退出（0 为不退出）/ exit after this many idle minutes (0: never)', '60')
    .action(async (o: { idle: string }) => {
      const idle = Number(o.idle);
      if (!Number.isFinite(idle) || idle < 0) throw new UsageError(`--idle "${o.idle}": 应为分钟数 / expected minutes`);
      const s = await startDaemon(idle);
      process.stdout.write(
        s.already
          ? `draftlint 后台进程已在运行（pid ${s.pid}）/ the daemon is already running (pid ${s.pid})\n`
          : `draftlint 后台进程已启动（pid ${s.pid}），draftlint lint 将经由它运行；停止：draftlint daemon stop / daemon started (pid ${s.pid}); lint runs go through it\n`,
      );
    });
  cmd
    .command('stop')
    .description('停止后台进程 / stop it')
    .action(async () => {
      const ok = await stopDaemon();
      process.stdout.write(ok ? 'draftlint 后台进程已停止 / daemon stopped\n' : 'draftlint 后台进程未在运行 / no daemon running\n');
    });
  cmd
    .command('status')
    .description('显示后台进程状态；未运行时以 1 退出 / show whether it runs (exit 1 when not)')
    .action(async () => {
      const s = await daemonStatus();
      if (s.running)
        process.stdout.write(
          `draftlint 后台进程运行中：pid ${s.pid}，已运行 ${Math.round((Date.now() - s.started!) / 60_000)} 分钟，完成 ${s.served} 次检查，${s.ready ? '已就绪' : '正在预热'} / running: pid ${s.pid}, ${s.served} runs answered, ${s.ready ? 'ready' : 'warming up'}\n`,
        );
      else process.stdout.write('draftlint 后台进程未在运行 / no daemon running\n');
      process.exitCode = s.running ? 0 : 1;
    });
}
