/**
 * The online link check (`--check-links`): request each external link and tell whether it
 * works, where it ends up, and why not.
 *
 * - node:http/https with a guarded DNS lookup: private, loopback and link-local addresses are
 *   refused at connect time (also after a redirect, and for names that resolve to them), unless
 *   `links.allowPrivate: true`. Checking at connect time rather than before the request leaves
 *   no window for DNS rebinding.
 * - HEAD first, GET when HEAD fails (many servers answer HEAD with 403/404/405/501).
 * - Redirects are followed by hand (each hop passes the guard), up to `links.maxRedirects`.
 * - Retries with exponential backoff for timeouts, resets, 429 and 5xx.
 * - A global and a per-host concurrency limit.
 * - An on-disk cache (`.draftlintcache/links`, one JSON file per URL, `links.cacheTtl` seconds).
 */
import { nodeCrypto } from '../../engine/lazy-crypto.js';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { readFile, rename, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { LinksConfig } from './policy.js';
import { classifyIp, isIP } from './url.js';
import { makeDir } from '../../engine/make-dir.js';

export type FailureKind = 'status' | 'dns' | 'tls' | 'timeout' | 'network' | 'refused' | 'scheme' | 'redirects';

export interface CheckResult {
  url: string;
  ok: boolean;
  /** last HTTP status seen (0 when none) */
  status: number;
  /** the URL after redirects */
  finalUrl: string;
  failure?: FailureKind;
  /** error code or refused host/address */
  detail?: string;
  /** the address refused by the SSRF guard */
  address?: string;
  checkedAt: number;
  fromCache?: boolean;
}

class PrivateAddressError extends Error {
  code = 'EDRAFTLINT_PRIVATE';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refusing to connect to ${host} (${address}): private, loopback or link-local address`);
  }
}

/** A counting semaphore. */
class Limiter {
  private active = 0;
  private queue: Array<() => void> = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    // a released slot is handed straight to the next waiter, so no newcomer can slip in between
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|ERR_SSL)/;

interface Hop {
  status: number;
  location?: string;
  retryAfter?: number;
}

export class LinkChecker {
  private readonly global: Limiter;
  private readonly hosts = new Map<string, Limiter>();
  /** in-process results (shared by link/broken and link/redirect); they expire like the disk cache, but live at least a minute */
  private readonly memo = new Map<string, { at: number; p: Promise<CheckResult> }>();
  private readonly cacheDir: string;

  constructor(
    readonly cfg: LinksConfig,
    baseDir: string,
    /** DNS resolution (tests inject a fake resolver) */
    private readonly resolver: typeof dnsLookup = dnsLookup,
  ) {
    this.global = new Limiter(cfg.concurrency);
    this.cacheDir = path.resolve(baseDir, cfg.cacheDir);
  }

  /** Check one absolute http(s) URL; concurrent calls for the same URL share one request. */
  check(url: string): Promise<CheckResult> {
    const now = Date.now();
    const hit = this.memo.get(url);
    if (hit && now - hit.at < Math.max(60, this.cfg.cacheTtl) * 1000) return hit.p;
    const p = this.checkCached(url);
    this.memo.set(url, { at: now, p });
    return p;
  }

  /** The SSRF guard for a host written as an IP literal (names are checked at lookup). */
  refusedLiteral(host: string): string | null {
    if (this.cfg.allowPrivate) return null;
    const h = host.replace(/^\[|\]$/g, '');
    if (isIP(h) === 0) return h === 'localhost' || h.endsWith('.localhost') ? h : null;
    const k = classifyIp(h);
    return k && k !== 'public' ? h : null;
  }

  private cacheFile(url: string): string {
    const key = nodeCrypto().createHash('sha256').update(`${this.cfg.allowPrivate ? 'p' : 'g'}\n${url}`).digest('hex').slice(0, 40);
    return path.join(this.cacheDir, `${key}.json`);
  }

  private async checkCached(url: string): Promise<CheckResult> {
    const file = this.cfg.cache ? this.cacheFile(url) : null;
    if (file && this.cfg.cacheTtl > 0) {
      try {
        const entry = JSON.parse(await readFile(file, 'utf8')) as CheckResult;
        if (entry.url === url && Date.now() - entry.checkedAt < this.cfg.cacheTtl * 1000 && entry.checkedAt <= Date.now()) {
          return { ...entry, fromCache: true };
        }
      } catch {
        /* no usable entry */
      }
    }
    const result = await this.checkLive(url);
    // cache definite answers only: transient failures and refusals are asked again next time
    const cacheable = result.ok || result.failure === 'status' ? !(result.status >= 500 || result.status === 429) : result.failure === 'dns' || result.failure === 'tls';
    if (file && cacheable) {
      try {
        makeDir(this.cacheDir);
        const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        await writeFile(tmp, JSON.stringify(result));
        await rename(tmp, file);
      } catch {
        /* a read-only cache is not an error */
      }
    }
    return result;
  }

  private limiterFor(host: string): Limiter {
    let l = this.hosts.get(host);
    if (!l) {
      l = new Limiter(this.cfg.perHost);
      this.hosts.set(host, l);
    }
    return l;
  }

  private async checkLive(url: string): Promise<CheckResult> {
    const head = await this.follow(url, 'HEAD');
    if (head.ok || head.failure === 'refused' || head.failure === 'dns' || head.failure === 'tls' || head.failure === 'scheme') return head;
    // servers that do not implement HEAD (or time out on it) get a GET
    const get = await this.follow(url, 'GET');
    return get;
  }

  /** Follow redirects from `url` with `method`, retrying transient failures. */
  private async follow(url: string, method: 'HEAD' | 'GET'): Promise<CheckResult> {
    let current = url;
    let status = 0;
    for (let hop = 0; hop <= this.cfg.maxRedirects; hop++) {
      let u: URL;
      try {
        u = new URL(current);
      } catch {
        return this.fail(url, current, status, 'network', 'bad redirect location');
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return this.fail(url, current, status, 'scheme', u.protocol);
      const literal = this.refusedLiteral(u.hostname);
      if (literal) return { ...this.fail(url, current, status, 'refused', u.hostname), address: literal };
      let res: Hop | { error: NodeJS.ErrnoException } = { error: new Error('not run') };
      for (let attempt = 0; attempt <= this.cfg.retries; attempt++) {
        res = await this.global.run(() => this.limiterFor(u.host).run(() => this.request(u, method)));
        const transient =
          'error' in res ? !(res.error instanceof PrivateAddressError) && !isDns(res.error) && !isTls(res.error) : res.status === 429 || res.status >= 500;
        if (!transient || attempt === this.cfg.retries) break;
        const wait = 'error' in res || !res.retryAfter ? this.cfg.retryDelay * 2 ** attempt : Math.min(res.retryAfter * 1000, 10000);
        await sleep(wait);
      }
      if ('error' in res) {
        const e = res.error;
        if (e instanceof PrivateAddressError) return { ...this.fail(url, current, status, 'refused', e.host), address: e.address };
        if (isDns(e)) return this.fail(url, current, status, 'dns', u.hostname);
        if (isTls(e)) return this.fail(url, current, status, 'tls', e.code ?? e.message);
        if (e.code === 'ETIMEDOUT_DRAFTLINT') return this.fail(url, current, status, 'timeout', String(this.cfg.timeout));
        return this.fail(url, current, status, 'network', e.code ?? e.message);
      }
      status = res.status;
      if (status >= 300 && status < 400 && res.location) {
        current = new URL(res.location, current).href;
        continue;
      }
      if (status >= 400) return this.fail(url, current, status, 'status', String(status));
      return { url, ok: true, status, finalUrl: current, checkedAt: Date.now() };
    }
    return this.fail(url, current, status, 'redirects', String(this.cfg.maxRedirects));
  }

  private fail(url: string, finalUrl: string, status: number, failure: FailureKind, detail: string): CheckResult {
    return { url, ok: false, status, finalUrl, failure, detail, checkedAt: Date.now() };
  }

  /** One request; resolves with the status and Location, never reads the body. */
  private request(u: URL, method: 'HEAD' | 'GET'): Promise<Hop | { error: NodeJS.ErrnoException }> {
    const allowPrivate = this.cfg.allowPrivate;
    const lookup = (hostname: string, options: { all?: boolean; family?: number }, cb: (...args: any[]) => void) => {
      this.resolver(hostname, { ...options, all: true } as any, (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
        if (err) return cb(err);
        if (!allowPrivate) {
          const bad = addresses.find((a) => classifyIp(a.address) !== 'public');
          if (bad) return cb(new PrivateAddressError(hostname, bad.address));
        }
        if (options.all) cb(null, addresses);
        else cb(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
    const lib = u.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let settled = false;
      const done = (v: Hop | { error: NodeJS.ErrnoException }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(v);
      };
      const req = lib.request(
        u,
        {
          method,
          lookup: lookup as any,
          agent: false,
          headers: {
            'user-agent': this.cfg.userAgent,
            accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
            'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          },
        },
        (res) => {
          const location = res.headers.location;
          const ra = Number(res.headers['retry-after']);
          done({ status: res.statusCode ?? 0, location: typeof location === 'string' ? location : undefined, retryAfter: Number.isFinite(ra) ? ra : undefined });
          res.destroy();
          req.destroy();
        },
      );
      const timer = setTimeout(() => {
        const e: NodeJS.ErrnoException = new Error(`timeout after ${this.cfg.timeout} ms`);
        e.code = 'ETIMEDOUT_DRAFTLINT';
        done({ error: e });
        req.destroy();
      }, this.cfg.timeout);
      req.on('error', (error: NodeJS.ErrnoException) => done({ error }));
      req.end();
    });
  }
}

function isDns(e: NodeJS.ErrnoException): boolean {
  return e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'EAI_NONAME' || e.code === 'EAI_NODATA';
}

function isTls(e: NodeJS.ErrnoException): boolean {
  return typeof e.code === 'string' && TLS_CODES.test(e.code);
}

const checkers = new Map<string, LinkChecker>();

/** One checker per configuration and base directory, shared by link/broken and link/redirect. */
export function sharedChecker(cfg: LinksConfig, baseDir: string): LinkChecker {
  const { problems: _p, ...rest } = cfg;
  const key = JSON.stringify([rest, baseDir]);
  let c = checkers.get(key);
  if (!c) {
    c = new LinkChecker(cfg, baseDir);
    checkers.set(key, c);
  }
  return c;
}
