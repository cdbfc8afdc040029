/**
 * Pure URL analysis for the link rules: parse a link target as an author wrote it,
 * classify it (relative, web, mail, script, local file …) and find the problems that
 * need no network: malformed targets, full-width characters, internal addresses.
 *
 * Everything here is synchronous and side-effect free so it can be unit-tested alone.
 */
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);
/**
 * node:net's `isIP`, with node:net required on the first call: it brings Node's stream modules
 * with it (a few ms of a one-file run whose draft has no link to an address).
 */
export function isIP(input: string): number {
  return (requireBuiltin('node:net') as typeof import('node:net')).isIP(input);
}

export type LinkClass =
  /** http(s)/ftp with a host, `//host`, or bare `www.` text */
  | 'web'
  /** a path or fragment relative to the page (`/xxgk/a.html`, `./a.png`, `#top`) */
  | 'relative'
  /** mailto:, tel:, sms: — not followed as web links */
  | 'contact'
  /** any other scheme (ftp handled as web; data:, weixin: …) */
  | 'other';

export type MalformedReason =
  | 'empty'
  | 'script'
  | 'fullwidth'
  | 'whitespace'
  | 'scheme'
  | 'host'
  | 'unparsable';

export type InternalReason = 'loopback' | 'private' | 'linkLocal' | 'localhost' | 'intranet' | 'file' | 'unc' | 'localPath';

export interface ParsedLink {
  /** the target as written (trimmed) */
  raw: string;
  cls: LinkClass;
  /** lower-case scheme without ':' ('' for relative and bare www.) */
  scheme: string;
  /** lower-case host without brackets or trailing dot ('' when none) */
  host: string;
  /** true when the author wrote an explicit `http://` */
  explicitHttp: boolean;
  /** absolute URL used for requests and comparisons (null when not a web link or unparsable) */
  href: string | null;
  malformed: { reason: MalformedReason; detail: string } | null;
  internal: { reason: InternalReason; detail: string } | null;
}

/** Full-width ASCII variants, the ideographic space and CJK/full-width punctuation that break URLs. */
const FULLWIDTH_RE = /[\u3000-\u303f\uff01-\uff5e\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014]/u;

const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'livescript']);
const CONTACT_SCHEMES = new Set(['mailto', 'tel', 'sms', 'callto']);
const WEB_SCHEMES = new Set(['http', 'https', 'ftp']);

/** Host suffixes that only resolve inside an organisation. */
const INTRANET_SUFFIXES = ['.local', '.localdomain', '.lan', '.internal', '.intranet', '.intra', '.corp', '.home', '.home.arpa', '.private'];

/** Map full-width ASCII variants and the common CJK punctuation to what was meant in a URL. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c === 0x3002 || c === 0xff61) out += '.';
    else if (c === 0x3001) out += ',';
    else out += ch;
  }
  return out;
}

/** The first full-width character in `s` with its index, or null. */
export function findFullWidth(s: string): { index: number; char: string } | null {
  const m = FULLWIDTH_RE.exec(s);
  return m ? { index: m.index, char: m[0] } : null;
}

/** Full-width characters that can only be typos in a path, query or fragment. */
const PATH_FW_RE = /[\uff0f\uff3c\uff06\uff1d\uff05\u3000]|[\u3002\uff0e](?=[A-Za-z0-9])|[\u3002\uff0c\uff1b\u3001]$/gu;

/** Where the scheme and host of `raw` end (in its half-width reading), 0 for relative references. */
function authorityEnd(raw: string): number {
  const half = toHalfWidth(raw);
  const m = /^(?:[a-z][a-z0-9+.-]*:\s?\/\/|\/\/|(?=www\.))[^/?#\\]*/i.exec(half);
  return m ? m[0].length : 0;
}

/**
 * Full-width characters that break a URL: any in the scheme and host (`http：//`, `www。a。cn`),
 * and in the path only those that stand for URL delimiters (`／`, `＆`, `＝`, `％`, `。html` …).
 * Chinese file names may contain full-width brackets, colons and question marks
 * (`附件1：申请表（修订稿）.docx`): those are fine.
 */
export function findFullWidthProblem(raw: string): { index: number; char: string } | null {
  const a = authorityEnd(raw);
  const head = findFullWidth(raw.slice(0, a));
  if (head) return head;
  PATH_FW_RE.lastIndex = 0;
  const m = PATH_FW_RE.exec(raw.slice(a));
  return m ? { index: a + m.index, char: m[0] } : null;
}

/** The URL with the problem characters of findFullWidthProblem made half-width. */
export function fixFullWidth(raw: string): string {
  const a = authorityEnd(raw);
  return toHalfWidth(raw.slice(0, a)) + raw.slice(a).replace(PATH_FW_RE, (c) => toHalfWidth(c));
}

/** IPv4 dotted quad → number, or null. */
function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

function inV4(n: number, base: string, bits: number): boolean {
  const b = ipv4ToInt(base)!;
  const size = 2 ** (32 - bits);
  return Math.floor(n / size) === Math.floor(b / size);
}

/** Expand an IPv6 address to 8 numbers (handles `::` and an embedded IPv4 tail). */
function ipv6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  const maybeV4 = s.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const n = ipv4ToInt(maybeV4);
    if (n === null) return null;
    tail = [Math.floor(n / 65536), n % 65536];
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 && missing !== 0) return null;
  if (missing < 0) return null;
  const groups = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...rest];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  if (tail.length) {
    groups[6] = tail[0]!;
    groups[7] = tail[1]!;
  }
  return groups;
}

export type AddressKind = 'loopback' | 'private' | 'linkLocal' | 'unspecified' | 'public';

/**
 * Classify an IP literal. Private covers RFC 1918, carrier-grade NAT (100.64/10),
 * IPv6 unique-local (fc00::/7); link-local covers 169.254/16 and fe80::/10.
 * IPv4-mapped IPv6 addresses are classified as their IPv4 address.
 */
export function classifyIp(ip: string): AddressKind | null {
  const v = isIP(ip.replace(/%.*$/, ''));
  if (v === 4) {
    const n = ipv4ToInt(ip)!;
    if (inV4(n, '127.0.0.0', 8)) return 'loopback';
    if (inV4(n, '0.0.0.0', 8)) return 'unspecified';
    if (inV4(n, '10.0.0.0', 8) || inV4(n, '172.16.0.0', 12) || inV4(n, '192.168.0.0', 16) || inV4(n, '100.64.0.0', 10)) return 'private';
    if (inV4(n, '169.254.0.0', 16)) return 'linkLocal';
    if (inV4(n, '198.18.0.0', 15) || inV4(n, '224.0.0.0', 4) || inV4(n, '240.0.0.0', 4)) return 'private';
    return 'public';
  }
  if (v === 6) {
    const g = ipv6Groups(ip);
    if (!g) return null;
    if (g.every((x) => x === 0)) return 'unspecified';
    if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
    // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible/NAT64 forms
    if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
      return classifyIp(`${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`);
    }
    if (g[0] === 0x64 && g[1] === 0xff9b) {
      return classifyIp(`${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`);
    }
    if ((g[0]! & 0xfe00) === 0xfc00) return 'private';
    if ((g[0]! & 0xffc0) === 0xfe80) return 'linkLocal';
    if ((g[0]! & 0xff00) === 0xff00) return 'private'; // multicast
    return 'public';
  }
  return null;
}

/** Why a host is internal (not reachable or meaningful for the public), or null. */
export function internalHost(host: string): { reason: InternalReason; detail: string } | null {
  if (!host) return null;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const ipKind = classifyIp(h);
  if (ipKind === 'loopback' || ipKind === 'unspecified') return { reason: 'loopback', detail: h };
  if (ipKind === 'private') return { reason: 'private', detail: h };
  if (ipKind === 'linkLocal') return { reason: 'linkLocal', detail: h };
  if (ipKind === 'public') return null;
  if (h === 'localhost' || h.endsWith('.localhost')) return { reason: 'localhost', detail: h };
  // a single-label name (http://oa/, http://intranet:8080/) only resolves on an internal network
  if (!h.includes('.')) return { reason: 'intranet', detail: h };
  for (const s of INTRANET_SUFFIXES) if (h.endsWith(s)) return { reason: 'intranet', detail: h };
  return null;
}

const HOST_LABEL_RE = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** Is this (already punycoded, lower-case) host name syntactically valid for a public link? */
function validHostName(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.replace(/\.$/, '').split('.');
  return labels.every((l) => HOST_LABEL_RE.test(l) || /^xn--[a-z0-9-]+$/.test(l));
}

/**
 * Analyse one link target. `bare` marks text found in prose without a scheme (`www.x.cn`),
 * which a reader's browser opens as http.
 */
export function parseLink(input: string, bare = false): ParsedLink {
  const raw = input.trim();
  const base: ParsedLink = { raw, cls: 'other', scheme: '', host: '', explicitHttp: false, href: null, malformed: null, internal: null };

  if (raw === '' || raw === '#') {
    return { ...base, cls: 'relative', malformed: { reason: 'empty', detail: raw } };
  }

  // UNC paths and Windows drive paths
  // `\\server\share` (Markdown turns a leading `\\` into one backslash) or `//server\share`
  if (/^\\/.test(raw) || /^\/\/[^/]*\\/.test(raw)) {
    return { ...base, cls: 'other', internal: { reason: 'unc', detail: raw } };
  }
  if (/^[a-z]:[\\/]/i.test(raw)) {
    return { ...base, cls: 'other', internal: { reason: 'localPath', detail: raw } };
  }

  // full-width punctuation in the scheme part: http：//…, ｈｔｔｐ://…
  const fw = findFullWidthProblem(raw);
  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(raw);
  if (!schemeMatch) {
    const half = toHalfWidth(raw);
    if (fw && /^(https?|ftp):/i.test(half)) {
      return { ...base, cls: 'web', scheme: half.split(':')[0]!.toLowerCase(), malformed: { reason: 'fullwidth', detail: fw.char } };
    }
    if (/^(https?|ftp)\/\//i.test(raw) || /^(https?|ftp):?\\\\/i.test(raw)) {
      return { ...base, cls: 'web', malformed: { reason: 'scheme', detail: raw.slice(0, Math.min(raw.length, 10)) } };
    }
  }
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : '';

  if (SCRIPT_SCHEMES.has(scheme)) {
    return { ...base, scheme, malformed: { reason: 'script', detail: `${scheme}:` } };
  }
  if (scheme === 'data' && /^data:\s*(text\/html|application\/(x-)?javascript|image\/svg)/i.test(raw)) {
    return { ...base, scheme, malformed: { reason: 'script', detail: 'data:' } };
  }
  if (CONTACT_SCHEMES.has(scheme)) return { ...base, cls: 'contact', scheme };
  if (scheme === 'file') {
    return { ...base, scheme, internal: { reason: 'file', detail: raw } };
  }

  let webish = WEB_SCHEMES.has(scheme);
  let toParse = raw;
  if (!scheme) {
    if (raw.startsWith('//')) {
      webish = true;
      toParse = 'https:' + raw;
    } else if (bare || /^www\.[^./\s]+\./i.test(raw)) {
      webish = true;
      toParse = 'http://' + raw;
    }
  } else if (!webish) {
    // a misspelt web scheme: htp://, htps://, http;//
    if (/^(h?t?t?p?s?|hppt|htpp|htttp|ttp|ttps|hhtp|hhtps)$/.test(scheme) && /^[a-z]+:\/\//i.test(raw) && scheme.length >= 3) {
      return { ...base, cls: 'web', scheme, malformed: { reason: 'scheme', detail: `${scheme}://` } };
    }
    return { ...base, cls: 'other', scheme, malformed: fw ? { reason: 'fullwidth', detail: fw.char } : null };
  }

  if (!webish) {
    // relative reference
    // (a space in a path is encoded by browsers as %20 and works)
    const r: ParsedLink = { ...base, cls: 'relative' };
    if (fw) r.malformed = { reason: 'fullwidth', detail: fw.char };
    return r;
  }

  // scheme stays '' for bare `www.` text and protocol-relative `//host` links
  const result: ParsedLink = { ...base, cls: 'web', scheme, explicitHttp: scheme === 'http' };

  if (fw) {
    result.malformed = { reason: 'fullwidth', detail: fw.char };
    const hm = /^[a-z]+:\/\/([^/?#\\]*)/i.exec(toHalfWidth(toParse));
    if (hm) result.host = hm[1]!.toLowerCase().replace(/^[^@]*@/, '').replace(/:\d*$/, '');
    return result;
  }
  if (/\s/.test(raw.slice(0, authorityEnd(raw)))) {
    // a space in the scheme or host breaks the link; one in the path is sent as %20
    result.malformed = { reason: 'whitespace', detail: raw };
    return result;
  }
  if (scheme && !/^[a-z]+:\/\//i.test(raw)) {
    // http:example.com, http:/example.com, http:\\example.com
    result.malformed = { reason: 'scheme', detail: raw.slice(0, scheme.length + 3) };
    return result;
  }
  if (toParse.includes('\\')) {
    result.malformed = { reason: 'unparsable', detail: '\\' };
    return result;
  }
  let u: URL;
  try {
    u = new URL(toParse);
  } catch {
    result.malformed = { reason: 'unparsable', detail: raw };
    return result;
  }
  const host = u.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  result.host = host;
  if (!host) {
    result.malformed = { reason: 'host', detail: raw };
    return result;
  }
  if (isIP(host) === 0) {
    if (!validHostName(host)) {
      result.malformed = { reason: 'host', detail: host };
      return result;
    }
  } else if (isIP(host) === 4 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(/^[a-z]+:\/\/(?:[^@/]*@)?([^/:?#]*)/i.exec(toParse)?.[1] ?? '')) {
    // WHATWG turns "http://1.2/" or "http://0x7f.1/" into an IPv4 address; nobody means that in a draft
    result.malformed = { reason: 'host', detail: /^[a-z]+:\/\/(?:[^@/]*@)?([^/:?#]*)/i.exec(toParse)?.[1] ?? host };
    return result;
  }
  result.href = u.href;
  result.internal = internalHost(host);
  return result;
}

/** Remove `www.` from a host (for matching lists of services). */
export function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostUnder(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
  return h === d || h.endsWith('.' + d);
}

/** The https form of an http link, keeping everything else as written. */
export function httpsForm(raw: string): string {
  return raw.replace(/^http:/i, 'https:');
}
