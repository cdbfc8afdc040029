/**
 * Kind `backdated`: a `date` earlier than the day the file first entered its git
 * repository by more than `marginDays` (伪造发稿日期, a 单项否决 item). Silent for text
 * input, files outside a repository, uncommitted files, and shallow clones.
 */
import path from 'node:path';
import { daysBetween, parseDate } from '../workflow/dates.js';
import { firstAddedDate } from '../workflow/git.js';
import { headRange } from '../workflow/position.js';
import type { CheckKind } from '../types.js';

const kind: CheckKind = {
  id: 'backdated',
  validateOptions(o) {
    const out: string[] = [];
    if (o.marginDays !== undefined && !(typeof o.marginDays === 'number' && Number.isInteger(o.marginDays) && o.marginDays >= 0))
      out.push('`marginDays` must be a whole number of days, 0 or more');
    if (o.since !== undefined && o.since !== null && !(typeof o.since === 'string' && parseDate(o.since)))
      out.push('`since` must be a date YYYY-MM-DD');
    return out;
  },
  create(_rule, options, ctx) {
    const margin = (options.marginDays as number | undefined) ?? 3;
    const since = typeof options.since === 'string' ? parseDate(options.since) : null;
    return {
      async run(draft, report) {
        if (draft.path.startsWith('<')) return;
        const date = parseDate(draft.meta.date);
        if (!date) return;
        const added = await firstAddedDate(path.resolve(ctx.baseDir, draft.path));
        if (!added || (since && added < since)) return;
        const days = daysBetween(date, added);
        if (days <= margin) return;
        report({
          range: draft.frontMatter?.valueRanges.date ?? headRange(draft),
          data: { date, added, days, margin },
        });
      },
    };
  },
};

export default kind;
