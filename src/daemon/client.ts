/**
 * The command line's side of the daemon (`draftlint daemon start`): when a daemon of this
 * installation is running, a `lint` run is sent to it over a local socket and its output, written
 * by the daemon exactly as the run would write it, is copied to this process's stdout and stderr.
 * Without a daemon (no info file, nothing listening, a stale or refusing daemon) it answers null
 * and the caller runs the command itself: the daemon only ever makes a run faster.
 *
 * Not forwarded: commands other than `lint`, `--stdin` runs (standard input could not be given back
 * to a local run if the daemon then refused), and runs with `DRAFTLINT_DAEMON=0`, `TIMING`,
 * `DRAFTLINT_SPELL_ENGINE` or `DEBUG` set (process-wide settings the daemon fixed at its start).
 */
import { readFileSync } from 'node:fs';
import { daemonPaths } from './paths.js';

/** Commands that always run in their own process (every command but `lint`). */
export const LOCAL_COMMANDS = new Set(['rules', 'init', 'serve', 'ledger', 'cadence', 'classify', 'columns', 'doctor', 'daemon', 'help']);

export interface DaemonInfo {
  pid: number;
  socket: string;
  token: string;
  started: number;
}

/** Frames on the socket, one JSON object per line. */
export type Reply =
  | { t: 'accepted' }
  | { t: 'out' | 'err'; d: string }
  | { t: 'exit'; code: number }
  | { t: 'stale' | 'denied' | 'stopping' }
  | { t: 'busy'; reason: string }
  | { t: 'pong'; pid: number; started: number; served: number; ready?: boolean };

/** Whether `argv` (process.argv) is a lint run the daemon may answer. */
export function forwardable(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DRAFTLINT_DAEMON === '0' || env.TIMING || env.DRAFTLINT_SPELL_ENGINE || env.DEBUG) return false;
  if (argv.includes('--stdin')) return false;
  const first = argv[2];
  if (first === undefined || first === 'lint') return true;
  return !first.startsWith('-') && !LOCAL_COMMANDS.has(first);
}

export function readInfo(env: NodeJS.ProcessEnv = process.env): DaemonInfo | null {
  try {
    const info = JSON.parse(readFileSync(daemonPaths(env).info, 'utf8')) as DaemonInfo;
    return typeof info.socket === 'string' && typeof info.token === 'string' ? info : null;
  } catch {
    return null;
  }
}

/**
 * Send one request and call `onReply` for every frame until the daemon closes the connection.
 * Rejects when nothing listens.
 */
export async function request(info: DaemonInfo, req: Record<string, unknown>, onReply: (r: Reply) => void): Promise<void> {
  const { connect } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const sock = connect(info.socket);
    let buf = '';
    let connected = false;
    sock.setEncoding('utf8');
    sock.on('connect', () => {
      connected = true;
      sock.write(JSON.stringify({ ...req, token: info.token }) + '\n');
    });
    sock.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line) onReply(JSON.parse(line) as Reply);
      }
    });
    sock.on('error', (e) => (connected ? resolve() : reject(e)));
    sock.on('close', () => resolve());
  });
}

/**
 * Run `argv` through the daemon: its exit code, or null when the daemon did not run it (the
 * caller then runs it itself).
 */
export async function viaDaemon(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  if (!forwardable(argv, env)) return null;
  const info = readInfo(env);
  if (!info) return null;
  let code: number | null = null;
  let wrote = false;
  try {
    await request(
      info,
      {
        t: 'run',
        argv: [...argv],
        cwd: process.cwd(),
        env: { ...env },
        tty: { out: !!process.stdout.isTTY, err: !!process.stderr.isTTY, columns: process.stdout.columns ?? process.stderr.columns ?? 0 },
      },
      (r) => {
        if (r.t === 'out' || r.t === 'err') {
          wrote = true;
          (r.t === 'out' ? process.stdout : process.stderr).write(r.d);
        } else if (r.t === 'exit') code = r.code;
      },
    );
  } catch {
    return null; // nothing listens: a daemon that ended without removing its info file
  }
  if (code === null && wrote) {
    process.stderr.write('draftlint: 后台进程中断 / the daemon ended during the run\n');
    return 2;
  }
  return code;
}
