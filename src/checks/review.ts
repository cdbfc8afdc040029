/**
 * Kind `review`: the three-tier review record (notice 二(二)), one check per rule via the
 * `check` option: missing | order | same-person | rejected | roster. Applies at the
 * publish stage (config `stage: publish`, CLI `--stage publish`) or whenever a draft
 * carries a `review`/`审核` record; drafts without front matter are left to meta/required.
 * The logic is in src/workflow/review.ts.
 */
import { UsageError } from '../engine/errors.js';
import { tierFieldOf, tierOf } from '../workflow/meta.js';
import { headRange, locate } from '../workflow/position.js';
import { checkReview, parseRoster, REVIEW_CHECKS, type ReviewProblem, type Roster } from '../workflow/review.js';
import type { CheckKind, Draft, Range } from '../types.js';

function rangeOf(draft: Draft, p: ReviewProblem): Range {
  if (p.tier) {
    const t = p.tier;
    const r = p.field
      ? locate(draft, 'review', (k) => tierOf(k) === t, (k) => tierFieldOf(k) === p.field)
      : locate(draft, 'review', (k) => tierOf(k) === t);
    if (r) return r;
  }
  return locate(draft, 'review') ?? headRange(draft);
}

const kind: CheckKind = {
  id: 'review',
  validateOptions(o) {
    const out: string[] = [];
    if (!REVIEW_CHECKS.includes(o.check as never)) out.push(`\`check\` must be one of ${REVIEW_CHECKS.join(', ')}`);
    if (o.rejectPrefixes !== undefined && !(Array.isArray(o.rejectPrefixes) && o.rejectPrefixes.every((x) => typeof x === 'string' && x)))
      out.push('`rejectPrefixes` must be a list of non-empty strings');
    return out;
  },
  create(_rule, options, ctx) {
    const check = options.check as string;
    const stage = ctx.config.stage === 'publish' ? 'publish' : 'draft';
    let roster: Roster | null = null;
    if (check === 'roster') {
      try {
        roster = parseRoster(ctx.config.site?.reviewers);
      } catch (e) {
        throw new UsageError(`config: ${(e as Error).message}`);
      }
    }
    const rejectPrefixes = options.rejectPrefixes as string[] | undefined;
    return {
      run(draft, report) {
        if (check === 'roster' && !roster) return;
        // a file without front matter is meta/required's finding; nothing to check here
        if (!draft.frontMatter) return;
        for (const p of checkReview(draft.meta, { stage, roster, rejectPrefixes })) {
          if (p.check !== check) continue;
          report({ range: rangeOf(draft, p), messageId: p.messageId, data: p.data });
        }
      },
    };
  },
};

export default kind;
