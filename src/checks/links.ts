/**
 * Check kind `links`: the rules of 一(三)3 — external links need the deputy leader's
 * (分管领导) approval and must stay valid.
 *
 * One kind serves every `link/*` rule; the rule's `options.check` picks the test:
 *   unapproved | approval | insecure | internal | shortener | malformed   (offline)
 *   broken | redirect                                                  (online, `--check-links`)
 * Extraction and parsing are cached per Draft, and the online checker per configuration,
 * so the rules share the work.
 */
import path from 'node:path';
import { loadList } from '../engine/dictionaries.js';
import type { Check, CheckContext, CheckKind, Draft, Report, RuleDef } from '../types.js';
import { normalizeDate, readApprovals, type ApprovalRecord } from './links/approvals.js';
import { extractLinks, type FoundLink } from './links/extract.js';
import { hostStatus, isGovernmentHost, patternCovers, readLinksConfig, urlKey, type LinksConfig } from './links/policy.js';
import { classifyIp, findFullWidth, fixFullWidth, hostUnder, httpsForm, parseLink, stripWww, toHalfWidth, type ParsedLink } from './links/url.js';

const CHECKS = ['unapproved', 'approval', 'insecure', 'internal', 'shortener', 'malformed', 'broken', 'redirect'] as const;
type CheckName = (typeof CHECKS)[number];

interface Analysed {
  link: FoundLink;
  parsed: ParsedLink;
}

const analysedCache = new WeakMap<Draft, Analysed[]>();

/** Every link of the draft with its parse. */
export function analyse(draft: Draft): Analysed[] {
  let a = analysedCache.get(draft);
  if (!a) {
    a = extractLinks(draft).links.map((link) => ({ link, parsed: parseLink(link.url, link.bare) }));
    analysedCache.set(draft, a);
  }
  return a;
}

/** A web link that the policy rules judge: well-formed, public, with a host. */
function isPublicWeb(p: ParsedLink): boolean {
  return p.cls === 'web' && !p.malformed && !p.internal && p.href !== null && p.host !== '';
}

interface ShortenerEntry {
  host: string;
  path: string;
  type: string;
  note: string;
}

const listCache = new Map<string, ShortenerEntry[]>();

function loadShorteners(file: string): ShortenerEntry[] {
  let l = listCache.get(file);
  if (l) return l;
  l = loadList(file).entries.map(({ fields }) => {
    const [pattern = '', type = 'shortener', note = ''] = fields;
    const slash = pattern.indexOf('/');
    return { host: (slash >= 0 ? pattern.slice(0, slash) : pattern).toLowerCase(), path: slash >= 0 ? pattern.slice(slash) : '', type, note };
  });
  listCache.set(file, l);
  return l;
}

function draftDate(draft: Draft): string | null {
  return normalizeDate(draft.meta?.date);
}

const MISSING_NAMES = { url: 'url', by: 'approved_by', on: 'approved_on' };

function recordCovers(r: ApprovalRecord, href: string): boolean {
  if (!r.pattern) return false;
  const key = urlKey(href);
  return key !== null && patternCovers(r.pattern, key);
}

function create(rule: RuleDef, options: Record<string, unknown>, ctx: CheckContext): Check {
  const check = options.check as CheckName;
  const cfg: LinksConfig = readLinksConfig(ctx.config.links as Record<string, unknown> | undefined, ctx.config.site as Record<string, unknown> | undefined);

  switch (check) {
    case 'unapproved':
      return {
        run(draft, report) {
          const records = readApprovals(draft)?.records ?? [];
          for (const { link, parsed } of analyse(draft)) {
            if (!isPublicWeb(parsed)) continue;
            const key = urlKey(parsed.href!)!;
            const status = hostStatus(cfg, key);
            if (status.allowed) continue;
            if (status.denied) {
              report({ range: link.urlRange, messageId: 'denied', data: { url: link.url, host: parsed.host, pattern: status.denied.source } });
              continue;
            }
            // a record with a URL counts as covering (link/approval reports what it lacks)
            if (records.some((r) => recordCovers(r, parsed.href!))) continue;
            report({ range: link.urlRange, data: { url: link.url, host: parsed.host } });
          }
        },
      };

    case 'approval':
      return {
        run(draft, report) {
          const section = readApprovals(draft);
          if (!section) return;
          for (const range of section.invalid) report({ range, messageId: 'invalid', data: { key: section.key } });
          const date = draftDate(draft);
          const hrefs = analyse(draft)
            .filter((a) => a.parsed.href !== null && a.parsed.cls === 'web')
            .map((a) => a.parsed.href!);
          for (const r of section.records) {
            const url = r.url ?? '';
            const missing: string[] = [];
            if (!r.url) missing.push(MISSING_NAMES.url);
            if (!r.by) missing.push(MISSING_NAMES.by);
            if (!r.on) missing.push(MISSING_NAMES.on);
            if (missing.length) {
              report({ range: r.range, messageId: 'incomplete', data: { url, missing: missing.join(', ') } });
            } else if (!r.date) {
              report({ range: r.onRange ?? r.range, messageId: 'badDate', data: { url, value: r.on ?? '' } });
            } else if (date && r.date > date) {
              report({ range: r.onRange ?? r.range, messageId: 'afterDraft', data: { url, approvedOn: r.date, date } });
            }
            if (r.url && !hrefs.some((h) => recordCovers(r, h))) {
              report({ range: r.urlRange, messageId: 'unused', data: { url }, severity: 'warning' });
            }
          }
        },
      };

    case 'insecure': {
      const known = new Set([...asStrings(options.httpsHosts), ...cfg.httpsHosts, ...cfg.siteHttpsHosts].map((h) => h.toLowerCase()));
      const knownHttps = (host: string) => [...known].some((k) => hostUnder(host, k));
      return {
        run(draft, report) {
          const all = analyse(draft);
          const httpsInDraft = new Set(all.filter((a) => a.parsed.scheme === 'https' && a.parsed.host).map((a) => a.parsed.host));
          for (const { link, parsed } of all) {
            if (!isPublicWeb(parsed) || !parsed.explicitHttp) continue;
            if (classifyIp(parsed.host)) continue; // an IP address has no certificate to speak of
            const gov = isGovernmentHost(cfg, parsed.host);
            if (!gov && !knownHttps(parsed.host) && !httpsInDraft.has(parsed.host)) continue;
            const https = httpsForm(link.url);
            const r: Report = { range: link.urlRange, messageId: gov ? 'government' : 'default', data: { url: link.url, host: parsed.host, https } };
            if (link.exact) r.suggestions = [{ messageId: 'useHttps', data: { https }, fix: { range: link.urlRange, text: https } }];
            report(r);
          }
        },
      };
    }

    case 'internal':
      return {
        run(draft, report) {
          for (const { link, parsed } of analyse(draft)) {
            if (!parsed.internal || parsed.malformed) continue;
            const reason = parsed.internal.reason;
            const messageId = reason === 'loopback' || reason === 'private' || reason === 'linkLocal' ? 'ip' : reason;
            report({ range: link.urlRange, messageId, data: { url: link.url, host: parsed.internal.detail } });
          }
        },
      };

    case 'shortener': {
      const file = path.join(ctx.packageRoot, 'dictionaries', typeof options.dictionary === 'string' ? options.dictionary : 'link-shorteners.txt');
      const extra = asStrings(options.hosts).map((h) => ({ host: h.toLowerCase(), path: '', type: 'shortener', note: h }));
      let entries: ShortenerEntry[] | null = null;
      return {
        run(draft, report) {
          entries ??= [...loadShorteners(file), ...extra];
          for (const { link, parsed } of analyse(draft)) {
            if (!isPublicWeb(parsed)) continue;
            const host = stripWww(parsed.host);
            const u = new URL(parsed.href!);
            const hit = entries.find((e) => (e.path ? parsed.host === e.host || host === stripWww(e.host) : host === stripWww(e.host)) && (!e.path || (u.pathname + u.search).startsWith(e.path)));
            if (!hit) continue;
            report({ range: link.urlRange, messageId: hit.type === 'redirector' ? 'redirector' : 'default', data: { url: link.url, service: hit.path ? hit.host + hit.path : hit.host, note: hit.note } });
          }
        },
      };
    }

    case 'malformed':
      return {
        run(draft, report) {
          for (const { link, parsed } of analyse(draft)) {
            const m = parsed.malformed;
            if (!m) continue;
            const data: Record<string, string> = { url: link.url, detail: m.detail };
            const r: Report = { range: link.urlRange, messageId: m.reason, data };
            if (m.reason === 'fullwidth') {
              data.char = m.detail;
              const fixed = fixFullWidth(link.url);
              data.fixed = fixed;
              if (link.exact) r.suggestions = [{ messageId: 'useHalfWidth', data: { fixed }, fix: { range: link.urlRange, text: fixed } }];
            }
            if (m.reason === 'script') data.scheme = m.detail;
            report(r);
          }
          for (const p of extractLinks(draft).prose) {
            const fixed = p.reason === 'fullwidth' ? toHalfWidth(p.text) : p.text.replace(/^(https?)\/\//i, '$1://');
            const fw = findFullWidth(p.text);
            report({
              range: p.range,
              messageId: p.reason === 'fullwidth' ? 'fullwidth' : 'scheme',
              data: { url: p.text, detail: p.reason === 'fullwidth' ? (fw?.char ?? '') : p.text.slice(0, 6), char: fw?.char ?? '', fixed },
              suggestions: [{ messageId: 'useHalfWidth', data: { fixed }, fix: { range: p.range, text: fixed } }],
            });
          }
        },
      };

    case 'broken':
    case 'redirect': {
      const online = options.online === true || ctx.online;
      return {
        async run(draft, report) {
          if (!online) return;
          // imported here: http, https and tls are not needed by an offline run (most runs)
          const { sharedChecker } = await import('./links/online.js');
          const checker = sharedChecker(cfg, ctx.baseDir);
          const targets = analyse(draft).filter(({ parsed }) => parsed.cls === 'web' && !parsed.malformed && parsed.href !== null && /^https?:/.test(parsed.href));
          const results = await Promise.all(targets.map(({ parsed }) => checker.check(parsed.href!)));
          targets.forEach(({ link, parsed }, i) => {
            const res = results[i]!;
            if (check === 'redirect') {
              if (!res.ok) return;
              const from = new URL(parsed.href!).hostname.toLowerCase();
              const to = new URL(res.finalUrl).hostname.toLowerCase();
              if (stripWww(from) === stripWww(to)) return;
              report({ range: link.urlRange, data: { url: link.url, final: res.finalUrl, host: to } });
              return;
            }
            if (res.ok) return;
            const base = { url: link.url, host: parsed.host };
            switch (res.failure) {
              case 'refused':
                report({ range: link.urlRange, messageId: 'refused', data: { ...base, address: res.address ?? res.detail ?? parsed.host }, severity: 'warning' });
                return;
              case 'status':
                report({ range: link.urlRange, messageId: 'status', data: { ...base, status: res.status, final: res.finalUrl } });
                return;
              case 'timeout':
                report({ range: link.urlRange, messageId: 'timeout', data: { ...base, timeout: cfg.timeout } });
                return;
              default:
                report({ range: link.urlRange, messageId: res.failure ?? 'network', data: { ...base, detail: res.detail ?? '' } });
            }
          });
        },
      };
    }
  }
  throw new Error(`${rule.id}: unknown links check "${String(check)}"`);
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const links: CheckKind = {
  id: 'links',
  validateOptions(options) {
    const problems: string[] = [];
    if (!CHECKS.includes(options.check as CheckName)) problems.push(`options.check must be one of ${CHECKS.join(', ')}`);
    for (const k of ['httpsHosts', 'hosts']) {
      const v = options[k];
      if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) problems.push(`options.${k} must be a list of host names`);
    }
    if (options.dictionary !== undefined && typeof options.dictionary !== 'string') problems.push('options.dictionary must be a file name in dictionaries/');
    if (options.online !== undefined && typeof options.online !== 'boolean') problems.push('options.online must be true or false');
    return problems;
  },
  create,
};

export default links;

/** Problems in the `links` config section, for the engine's config validation. */
export function validateLinksConfig(links: unknown): string[] {
  if (links === undefined || links === null) return [];
  if (typeof links !== 'object' || Array.isArray(links)) return ['links: expected a mapping'];
  return readLinksConfig(links as Record<string, unknown>, undefined).problems;
}
