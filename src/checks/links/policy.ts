/**
 * The link policy of a site: which hosts need no approval (the site itself, government
 * domains, `links.allow`), which are never acceptable (`links.deny`), and how a front-matter
 * approval record covers a link (exact URL, URL prefix, or a whole host).
 */
import { hostUnder, stripWww } from './url.js';

export interface LinksConfig {
  /** the site's own hosts (from `links.site`, or `site.domain`/`site.url`) */
  siteHosts: string[];
  /** site hosts written with https:// (so they are known to serve https) */
  siteHttpsHosts: string[];
  allow: Pattern[];
  deny: Pattern[];
  /** domains counted as government sites (default gov.cn) */
  government: string[];
  /** hosts known to serve https (`links.https`) */
  httpsHosts: string[];
  allowPrivate: boolean;
  timeout: number;
  cache: boolean;
  cacheDir: string;
  /** seconds a cached result stays valid */
  cacheTtl: number;
  concurrency: number;
  perHost: number;
  retries: number;
  retryDelay: number;
  maxRedirects: number;
  userAgent: string;
  /** problems found while reading the section (reported by validateOptions callers) */
  problems: string[];
}

/** A host or URL-prefix pattern from `links.allow` / `links.deny` or an approval record. */
export interface Pattern {
  source: string;
  /** host pattern: the host (without `*.`) */
  host: string;
  /** `*.example.com`: subdomains only */
  subOnly: boolean;
  /** URL prefix after the host (starts with '/'), '' for a host pattern */
  path: string;
  /** port when the pattern names one */
  port: string;
}

/** gov.cn and the .政务 top-level domain, which only government bodies can register (CONAC). */
const DEFAULT_GOVERNMENT = ['gov.cn', 'xn--zfr164b'];

function asList(v: unknown): string[] {
  if (v == null) return [];
  if (typeof v === 'string') return v.split(/[\s,，]+/).filter(Boolean);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String).map((s) => s.trim()).filter(Boolean);
  return [];
}

/**
 * Parse a pattern: `example.com`, `*.example.com`, `www.example.com/zt/`,
 * `https://www.example.com/zt/`, `example.com:8443`. Returns null when it has no host.
 */
export function parsePattern(input: string): Pattern | null {
  let s = input.trim();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/\//, '');
  const slash = s.search(/[/?#]/);
  let hostPart = slash >= 0 ? s.slice(0, slash) : s;
  let path = slash >= 0 ? s.slice(slash) : '';
  hostPart = hostPart.replace(/^[^@]*@/, '');
  let port = '';
  const pm = /^(.*?):(\d+)$/.exec(hostPart);
  if (pm && !hostPart.startsWith('[')) {
    hostPart = pm[1]!;
    port = pm[2]!;
  }
  let host = hostPart.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  let subOnly = false;
  if (host.startsWith('*.')) {
    subOnly = true;
    host = host.slice(2);
  } else if (host.startsWith('.')) {
    host = host.slice(1);
  }
  if (!host || /\s/.test(host)) return null;
  if (/[^\x00-\x7f]/.test(host)) {
    // internationalised names compare in their punycode form, as URL hostnames do
    try {
      host = new URL(`http://${host}`).hostname;
    } catch {
      return null;
    }
  }
  if (path === '/') path = '';
  if (port === '80' || port === '443') port = '';
  return { source: input, host, subOnly, path, port };
}

/** The parts of an absolute URL that patterns compare. */
export interface UrlKey {
  host: string;
  port: string;
  /** path + query + fragment, '' for the root */
  path: string;
}

export function urlKey(href: string): UrlKey | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  let path = u.pathname + u.search + u.hash;
  if (path === '/') path = '';
  let port = u.port;
  if (port === '80' || port === '443') port = '';
  return { host, port, path };
}

/** Does a pattern cover this URL? A path prefix covers the path itself and everything below it. */
export function patternCovers(p: Pattern, key: UrlKey): boolean {
  const hostOk = p.subOnly ? key.host !== p.host && hostUnder(key.host, p.host) : p.path ? key.host === p.host || stripWww(key.host) === stripWww(p.host) : hostUnder(key.host, p.host);
  if (!hostOk) return false;
  if (p.port && p.port !== key.port) return false;
  if (!p.path) return true;
  const target = key.path;
  const prefix = p.path;
  if (target === prefix) return true;
  if (!target.startsWith(prefix)) {
    // `/zt/` approves `/zt` too
    return prefix.endsWith('/') && target === prefix.slice(0, -1);
  }
  if (/[/?=&#]$/.test(prefix)) return true;
  return /^[/?#]/.test(target.slice(prefix.length));
}

function hostOf(s: string): { host: string; https: boolean } | null {
  const p = parsePattern(s);
  if (!p) return null;
  return { host: p.host, https: /^https:\/\//i.test(s.trim()) };
}

/** Read the `links` section (and `site` as a fallback for the site's own domain). */
export function readLinksConfig(links: Record<string, unknown> | undefined, site: Record<string, unknown> | undefined): LinksConfig {
  const l = links ?? {};
  const problems: string[] = [];
  const siteSources = asList(l.site);
  if (siteSources.length === 0 && site) {
    for (const k of ['domain', 'domains', 'host', 'hosts', 'url', 'urls']) siteSources.push(...asList(site[k]));
  }
  const siteHosts: string[] = [];
  const siteHttpsHosts: string[] = [];
  for (const s of siteSources) {
    const h = hostOf(s);
    if (!h) {
      problems.push(`links.site: "${s}" is not a host name`);
      continue;
    }
    siteHosts.push(h.host);
    if (h.https) siteHttpsHosts.push(h.host);
  }
  const patterns = (key: 'allow' | 'deny') => {
    const out: Pattern[] = [];
    for (const s of asList(l[key])) {
      const p = parsePattern(s);
      if (p) out.push(p);
      else problems.push(`links.${key}: "${s}" is not a host or URL pattern`);
    }
    return out;
  };
  const num = (key: string, def: number, min = 0) => {
    const v = l[key];
    if (v === undefined || v === null) return def;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min) {
      problems.push(`links.${key}: expected a number >= ${min}, got ${JSON.stringify(v)}`);
      return def;
    }
    return n;
  };
  const government = l.government === undefined ? DEFAULT_GOVERNMENT : asList(l.government).map((d) => parsePattern(d)?.host ?? d.toLowerCase());
  return {
    siteHosts,
    siteHttpsHosts,
    allow: patterns('allow'),
    deny: patterns('deny'),
    government,
    httpsHosts: asList(l.https).map((h) => hostOf(h)?.host ?? '').filter(Boolean),
    allowPrivate: l.allowPrivate === true,
    timeout: num('timeout', 10000, 1),
    cache: l.cache !== false,
    cacheDir: typeof l.cacheDir === 'string' && l.cacheDir ? l.cacheDir : '.draftlintcache/links',
    cacheTtl: num('cacheTtl', 86400),
    concurrency: Math.max(1, Math.floor(num('concurrency', 8, 1))),
    perHost: Math.max(1, Math.floor(num('perHost', 2, 1))),
    retries: Math.floor(num('retries', 2)),
    retryDelay: num('retryDelay', 500),
    maxRedirects: Math.floor(num('maxRedirects', 10)),
    userAgent: typeof l.userAgent === 'string' ? l.userAgent : 'draftlint-linkcheck/0.1 (+https://www.npmjs.com/package/draftlint)',
    problems,
  };
}

export type HostStatus = { allowed: true; why: 'site' | 'government' | 'allow' } | { allowed: false; denied: Pattern | null };

/** Is a link to this URL allowed without an approval record? `links.deny` wins over everything. */
export function hostStatus(cfg: LinksConfig, key: UrlKey): HostStatus {
  for (const p of cfg.deny) if (patternCovers(p, key)) return { allowed: false, denied: p };
  if (cfg.siteHosts.some((h) => hostUnder(key.host, stripWww(h)))) return { allowed: true, why: 'site' };
  if (cfg.government.some((d) => hostUnder(key.host, d))) return { allowed: true, why: 'government' };
  for (const p of cfg.allow) if (patternCovers(p, key)) return { allowed: true, why: 'allow' };
  return { allowed: false, denied: null };
}

export function isGovernmentHost(cfg: LinksConfig, host: string): boolean {
  return cfg.government.some((d) => hostUnder(host, d));
}
