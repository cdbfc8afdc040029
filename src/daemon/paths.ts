/**
 * Where a draftlint daemon of this installation listens, and what counts as "the same code" (see
 * server.ts). Kept free of heavy imports: the command line's client reads it on every run.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root directory (dist/daemon/ → ../..). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DaemonPaths {
  /** a directory only this user can read (0700) */
  dir: string;
  /** the daemon's pid, socket and access token (0600) */
  info: string;
  /** Unix socket, or a named pipe on Windows */
  socket: string;
}

function user(): string {
  if (typeof process.getuid === 'function') return String(process.getuid());
  try {
    return userInfo().username.replace(/[^\w.-]/g, '_');
  } catch {
    return 'user';
  }
}

/**
 * One daemon per user, installation (package directory) and Node binary: a daemon answers only
 * the command line of the same installation run by the same Node. `DRAFTLINT_DAEMON_DIR` moves
 * the directory (tests, or a system without a writable temporary directory).
 */
export function daemonPaths(env: NodeJS.ProcessEnv = process.env): DaemonPaths {
  const id = createHash('sha1').update(`${packageRoot}\0${process.execPath}\0${process.version}`).digest('hex').slice(0, 12);
  const dir = env.DRAFTLINT_DAEMON_DIR ? resolve(env.DRAFTLINT_DAEMON_DIR) : join(env.XDG_RUNTIME_DIR || tmpdir(), `draftlint-${user()}`);
  const socket = process.platform === 'win32' ? `\\\\.\\pipe\\draftlint-${createHash('sha1').update(dir).digest('hex').slice(0, 8)}-${id}` : join(dir, `${id}.sock`);
  return { dir, info: join(dir, `${id}.json`), socket };
}

/**
 * The code and data a daemon loaded: size and modification time of package.json, the bundled
 * command line and every file of rules/ and dictionaries/. A daemon whose stamp no longer matches
 * (draftlint updated or rebuilt, a rule or word list edited) stops instead of answering.
 */
export function packageStamp(root: string = packageRoot): string {
  const h = createHash('sha1');
  const add = (p: string) => {
    try {
      const s = statSync(p);
      h.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
    } catch {
      h.update(`${p}\0-\n`);
    }
  };
  add(join(root, 'package.json'));
  for (const f of ['cli.js', 'worker.js']) add(join(root, 'dist', 'bundle', f));
  for (const d of ['rules', 'dictionaries']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, d)).sort();
    } catch {
      /* absent: stamped as such */
    }
    h.update(`${d}:${names.length}\n`);
    for (const n of names) add(join(root, d, n));
  }
  return h.digest('hex');
}
