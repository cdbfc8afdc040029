/**
 * Start the desk: pick the port (4173 or the next free one, or exactly `--port`), listen on
 * loopback unless a host is given, accept only Host headers that name this server, and open the
 * browser when asked (a spawned process with an argument array, never a shell command line).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { DeskServerOptions } from './app.js';

export const DEFAULT_PORT = 4173;
const PORT_TRIES = 50;

export interface StartOptions extends Omit<DeskServerOptions, 'allowedHosts'> {
  host?: string;
  /** the port; with `strictPort` exactly this one, otherwise the first free one from here */
  port?: number;
  strictPort?: boolean;
}

export interface RunningDesk {
  app: FastifyInstance;
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Can we listen on host:port right now? */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ host, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

export async function findPort(host: string, from: number): Promise<number> {
  for (let p = from; p < from + PORT_TRIES && p <= 65535; p++) if (await portFree(host, p)) return p;
  throw new Error(`no free port in ${from}–${from + PORT_TRIES - 1}`);
}

/** The `host:port` values a browser may send in Host for this server. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  names.add(h.toLowerCase());
  if (host === '0.0.0.0' || host === '::' || host === '[::]') {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
  }
  return new Set([...names].map((n) => `${n}:${port}`));
}

export async function startDesk(options: StartOptions = {}): Promise<RunningDesk> {
  const host = options.host ?? '127.0.0.1';
  const port = options.strictPort ? (options.port ?? DEFAULT_PORT) : options.port === 0 ? 0 : await findPort(host, options.port ?? DEFAULT_PORT);
  const allowed = new Set<string>();
  // fastify loads only when the desk starts, not whenever the CLI registers `serve`
  const { createDeskServer } = await import('./app.js');
  const app = await createDeskServer({ ...options, allowedHosts: allowed });
  await app.listen({ host, port });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  for (const h of allowedHosts(host, actual)) allowed.add(h);
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { app, url: `http://${shown}:${actual}/`, host, port: actual, close: () => app.close() };
}

/** The program that opens a URL on this system, with its arguments before the URL. */
export function browserCommand(platform = process.platform, env = process.env): { cmd: string; args: string[] } {
  if (env.BROWSER) return { cmd: env.BROWSER, args: [] };
  if (platform === 'darwin') return { cmd: 'open', args: [] };
  if (platform === 'win32') return { cmd: 'explorer.exe', args: [] };
  return { cmd: 'xdg-open', args: [] };
}

/** Open the page in the browser. Resolves false (never throws) when no browser could be started. */
export function openBrowser(url: string): Promise<boolean> {
  const { cmd, args } = browserCommand();
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, [...args, url], { stdio: 'ignore', detached: true, shell: false, windowsHide: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
