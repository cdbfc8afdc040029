/**
 * Kind `backdated`: a `date` earlier than the day the file first entered its git
 * repository by more than `marginDays` (伪造发稿日期, a 单项否决 item). Silent for text
 * input, files outside a repository, uncommitted files, shallow clones, files first
 * committed before `since`, and differences over `importDays` (default 90; 0 = no limit),
 * which are archives imported into the repository rather than back-dated posts.
 */
import path from 'node:path';
import { daysBetween, parseDate } from '../workflow/dates.js';
import { firstAddedDate } from '../workflow/git.js';
import { headRange } from '../workflow/position.js';
import type { CheckKind, Draft } from '../types.js';

const kind: CheckKind = {
  id: 'backdated',
  validateOptions(o) {
    const out: string[] = [];
    if (o.marginDays !== undefined && !(typeof o.marginDays === 'number' && Number.isInteger(o.marginDays) && o.marginDays >= 0))
      out.push('`marginDays` must be a whole number of days, 0 or more');
    if (o.importDays !== undefined && !(typeof o.importDays === 'number' && Number.isInteger(o.importDays) && o.importDays >= 0))
      out.push('`importDays` must be a whole number of days (0 = off)');
    if (o.since !== undefined && o.since !== null && !(typeof o.since === 'string' && parseDate(o.since)))
      out.push('`since` must be a date YYYY-MM-DD');
    return out;
  },
  create(_rule, options, ctx) {
    const margin = (options.marginDays as number | undefined) ?? 3;
    const since = typeof options.since === 'string' ? parseDate(options.since) : null;
    const importDays = (options.importDays as number | undefined) ?? 90;
    // the draft's lookup, begun in prepare(): git runs while the other rules do
    const started = new WeakMap<object, Promise<string | null>>();
    const lookup = (draft: Draft): Promise<string | null> | null => {
      if (draft.path.startsWith('<') || !parseDate(draft.meta.date)) return null;
      let p = started.get(draft);
      if (!p) started.set(draft, (p = firstAddedDate(path.resolve(ctx.baseDir, draft.path))));
      return p;
    };
    return {
      prepare(draft) {
        void lookup(draft);
      },
      async run(draft, report) {
        const pending = lookup(draft);
        if (!pending) return;
        const date = parseDate(draft.meta.date)!;
        const added = await pending;
        if (!added || (since && added < since)) return;
        const days = daysBetween(date, added);
        if (days <= margin) return;
        // far older than its commit: archived content imported into the repository, not a
        // post dated back to look punctual
        if (importDays > 0 && days > importDays) return;
        report({
          range: draft.frontMatter?.valueRanges.date ?? headRange(draft),
          data: { date, added, days, margin },
        });
      },
    };
  },
};

export default kind;
