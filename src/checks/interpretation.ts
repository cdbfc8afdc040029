/**
 * Kind `interpretation`: important policy documents and their 解读 (notice 一(二)).
 * `check: missing` — an important policy document names no interpretation, or names a
 * file that does not exist; `check: mismatch` — the named interpretation is not in the
 * 政策解读 column or not dated in the same month. Named files are resolved relative to the
 * draft's own path and read with the document reader.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readMeta } from '../workflow/frontmatter.js';
import {
  checkInterpretationTarget,
  DEFAULT_COLUMN,
  DEFAULT_GENRES,
  DEFAULT_ISSUERS,
  DEFAULT_TYPES,
  importantPolicy,
  interpretationRefs,
  isUrl,
  type InterpretationOptions,
} from '../workflow/interpretation.js';
import { isRecord } from '../workflow/meta.js';
import { headRange } from '../workflow/position.js';
import type { CheckContext, CheckKind, Draft } from '../types.js';

const CHECKS = ['missing', 'mismatch'];

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** Rule options, then config `interpretation:`, then `site.issuers`, then the defaults. */
export function interpretationOptions(options: Record<string, unknown>, ctx: CheckContext): InterpretationOptions {
  const sec = isRecord(ctx.config.interpretation) ? ctx.config.interpretation : {};
  const site = ctx.config.site ?? {};
  return {
    types: strings(options.types) ?? strings(sec.types) ?? DEFAULT_TYPES,
    issuers: strings(options.issuers) ?? strings(sec.issuers) ?? strings(site.issuers) ?? DEFAULT_ISSUERS,
    genres: strings(options.genres) ?? strings(sec.genres) ?? DEFAULT_GENRES,
    column:
      (typeof options.column === 'string' && options.column) ||
      (typeof sec.column === 'string' && sec.column) ||
      DEFAULT_COLUMN,
  };
}

async function isFile(p: string): Promise<boolean> {
  const st = await stat(p).catch(() => null);
  return !!st?.isFile();
}

function resolveRef(draft: Draft, ref: string, ctx: CheckContext): string {
  const draftPath = draft.path.startsWith('<') ? path.join(ctx.baseDir, 'draft.md') : path.resolve(ctx.baseDir, draft.path);
  return path.resolve(path.dirname(draftPath), ref);
}

const kind: CheckKind = {
  id: 'interpretation',
  validateOptions(o) {
    const out: string[] = [];
    if (!CHECKS.includes(o.check as string)) out.push(`\`check\` must be one of ${CHECKS.join(', ')}`);
    for (const k of ['types', 'issuers', 'genres'])
      if (o[k] !== undefined && !strings(o[k])) out.push(`\`${k}\` must be a list of strings`);
    if (o.column !== undefined && typeof o.column !== 'string') out.push('`column` must be a string');
    return out;
  },
  create(_rule, options, ctx) {
    const check = options.check as string;
    const opts = interpretationOptions(options, ctx);
    return {
      async run(draft, report) {
        const meta = draft.meta;
        const refs = interpretationRefs(meta.interpretation);
        const refRange = draft.frontMatter?.valueRanges.interpretation ?? headRange(draft);
        const files = refs.filter((r) => !isUrl(r));
        if (check === 'missing') {
          const why = importantPolicy(meta, opts);
          if (why && refs.length === 0) {
            const at = why.by === 'type' ? 'type' : 'doc_number';
            report({
              range: draft.frontMatter?.valueRanges[at] ?? headRange(draft),
              messageId: why.by === 'type' ? 'default' : 'docNumber',
              data: { trigger: why.value, genre: why.by === 'docNumber' ? why.genre : '' },
            });
            return;
          }
          if (refs.some(isUrl)) return;
          for (const f of files) if (await isFile(resolveRef(draft, f, ctx))) return;
          if (files.length) report({ range: refRange, messageId: 'notFound', data: { target: files[0]! } });
          return;
        }
        // mismatch
        for (const f of files) {
          const abs = resolveRef(draft, f, ctx);
          if (!(await isFile(abs))) continue;
          const target = (await readMeta(abs).catch(() => null)) ?? {};
          for (const p of checkInterpretationTarget(meta, f, target, opts)) {
            report({ range: refRange, messageId: p.messageId, data: p.data });
          }
        }
      },
    };
  },
};

export default kind;
