/**
 * Where a draftlint daemon of this installation listens (what counts as "the same code" is
 * stamp.ts). Kept free of heavy imports (no node:crypto): the command line's client reads it on
 * every run.
 */
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1aHex } from '../engine/fnv.js';

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

/** FNV-1a, 32 bits, as 8 hex digits: names, not secrets. */
export const fnv = fnv1aHex;

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
  const id = fnv(`${packageRoot}\0${process.execPath}\0${process.version}`);
  const dir = env.DRAFTLINT_DAEMON_DIR ? resolve(env.DRAFTLINT_DAEMON_DIR) : join(env.XDG_RUNTIME_DIR || tmpdir(), `draftlint-${user()}`);
  const socket = process.platform === 'win32' ? `\\\\.\\pipe\\draftlint-${fnv(dir)}-${id}` : join(dir, `${id}.sock`);
  return { dir, info: join(dir, `${id}.json`), socket };
}

