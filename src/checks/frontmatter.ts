/**
 * Kind `frontmatter`: the YAML metadata block. One kind, several checks selected by
 * the rule's `check` option:
 * - `yaml`: the block does not parse, is not a mapping, or never closes
 * - `required`: fields in `fields` (canonical names) are missing or empty
 * - `date`: `date` is not a real calendar date written YYYY-MM-DD
 * - `unknown-key`: a key that is neither a canonical field nor a Chinese alias (did-you-mean)
 * - `channel`: `channel` is not one of the known channels
 */
import { FIELD_ALIASES } from '../document/frontmatter.js';
import { closest } from './util/closest.js';
import type { CheckKind, Draft, Range } from '../types.js';

const CHECKS = ['yaml', 'required', 'date', 'unknown-key', 'channel'];

export const CHANNELS: Record<string, string[]> = {
  website: ['website', '网站', '门户网站'],
  wechat: ['wechat', '微信', '微信公众号'],
  weibo: ['weibo', '微博'],
  douyin: ['douyin', '抖音'],
  app: ['app', '客户端'],
  toutiao: ['toutiao', '头条', '今日头条'],
  other: ['other', '其他'],
};

/** The canonical channel for a written one (微信 → wechat), or the text itself when unknown. */
export function channelOf(written: string): string {
  const w = written.trim();
  for (const [id, names] of Object.entries(CHANNELS)) if (names.includes(w)) return id;
  return w;
}

export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && y >= 1949 && y <= 2100;
}

function fmStart(draft: Draft): Range {
  const r = draft.frontMatter?.range ?? [0, 0];
  const end = draft.source.indexOf('\n', r[0]);
  return [r[0], Math.max(r[0] + 1, end < 0 ? r[0] + 3 : end > r[0] && draft.source[end - 1] === '\r' ? end - 1 : end)];
}

const kind: CheckKind = {
  id: 'frontmatter',
  validateOptions(o) {
    if (!CHECKS.includes(o.check as string)) return [`\`check\` must be one of ${CHECKS.join(', ')}`];
    if (o.check === 'required' && !(Array.isArray(o.fields) && o.fields.every((f) => typeof f === 'string' && f in FIELD_ALIASES)))
      return ['`fields` must list canonical field names: ' + Object.keys(FIELD_ALIASES).join(', ')];
    return [];
  },
  create(_rule, options) {
    const check = options.check as string;
    return {
      run(draft, report) {
        const fm = draft.frontMatter;
        switch (check) {
          case 'yaml':
            if (draft.unclosedFrontMatter) {
              report({ range: draft.unclosedFrontMatter, messageId: 'unclosed', data: {} });
            }
            for (const e of fm?.errors ?? []) report({ range: e.range, data: { reason: e.message } });
            return;
          case 'required': {
            if (!fm || !fm.data) {
              if (fm && fm.errors.length) return; // the yaml rule already says why
              report({ range: [0, Math.min(1, draft.source.length)], messageId: 'none', data: { fields: (options.fields as string[]).map(label).join('、') } });
              return;
            }
            // a post that goes only to new-media accounts has no website column
            const channels = ([] as unknown[]).concat(fm.data.channel ?? []).map((c) => channelOf(String(c)));
            const websiteOnly = new Set((options.websiteOnly as string[] | undefined) ?? []);
            const newMediaOnly = channels.length > 0 && channels.every((c) => c !== 'website');
            const missing = (options.fields as string[]).filter((f) => {
              if (newMediaOnly && websiteOnly.has(f)) return false;
              const v = fm.data![f];
              return v === undefined || v === null || (typeof v === 'string' && !v.trim());
            });
            if (missing.length) report({ range: fmStart(draft), data: { fields: missing.map(label).join('、') } });
            return;
          }
          case 'date': {
            const v = fm?.data?.date;
            if (v === undefined || v === null) return;
            if (typeof v !== 'string' || !isValidDate(v.trim())) {
              report({ range: fm!.valueRanges.date ?? fmStart(draft), data: { actual: String(v) } });
            }
            return;
          }
          case 'unknown-key': {
            const known = Object.values(FIELD_ALIASES).flat();
            for (const k of fm?.keys ?? []) {
              if (k.canonical) continue;
              const guess = closest(k.key, known);
              report({ range: k.keyRange, messageId: guess ? 'default' : 'noGuess', data: { key: k.key, guess: guess ?? '' } });
            }
            return;
          }
          case 'channel': {
            const v = fm?.data?.channel;
            if (v === undefined || v === null) return;
            const values = Array.isArray(v) ? v : [v];
            const known = Object.values(CHANNELS).flat();
            for (const c of values) {
              if (typeof c === 'string' && known.includes(c.trim())) continue;
              report({ range: fm!.valueRanges.channel ?? fmStart(draft), data: { actual: String(c), known: Object.keys(CHANNELS).map((k) => `${k}（${CHANNELS[k]![1]}）`).join('、') } });
            }
            return;
          }
        }
      },
    };
  },
};

function label(field: string): string {
  const zh = FIELD_ALIASES[field]?.[1];
  return zh ? `${field}（${zh}）` : field;
}

export default kind;
