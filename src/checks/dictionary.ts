/**
 * Kind `dictionary`: whole-string hits of a word list (or wrong→right pairs) in the prose.
 *
 * Options:
 * - `list`: a file in dictionaries/ (`wrong<TAB>right<TAB>note` or one term a line)
 * - `entries`: inline entries, each a string or `{match, replace?, note?}`
 * - `exceptions`: words; a hit that lies inside an occurrence of one is skipped (截止日期 keeps 截止)
 * - `scopes`: prose scopes to read (default: all)
 * - `extraFrom`: a config section whose `extra[ruleId]` adds terms (e.g. `prohibited`)
 * Accepted words from config `words` act as exceptions too.
 * Message data: `actual`, `expected` (when the entry has a replacement), `note`, `entry` (file:line).
 */
import { isAbsolute, join, basename } from 'node:path';
import { loadList } from '../engine/dictionaries.js';
import { adjustMatcher, buildSuffixMatcher, listSuffixMatcher, type Matcher } from './util/matcher.js';
import { fixInRun } from './util/edit.js';
import type { CheckKind, Scope } from '../types.js';

interface Entry {
  match: string;
  replace?: string;
  note?: string;
  source: string;
}

const SCOPES = new Set(['title', 'heading', 'paragraph', 'tableCell']);
const NONE: ReadonlySet<string> = new Set();

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

const kind: CheckKind = {
  id: 'dictionary',
  validateOptions(o) {
    const errors: string[] = [];
    if (o.list !== undefined && typeof o.list !== 'string') errors.push('`list` must be a file name');
    if (o.entries !== undefined && !Array.isArray(o.entries)) errors.push('`entries` must be a list');
    if (Array.isArray(o.entries))
      for (const e of o.entries)
        if (typeof e !== 'string' && !(e && typeof e === 'object' && typeof (e as Entry).match === 'string'))
          errors.push('each entry must be a string or {match, replace?, note?}');
    if (o.exceptions !== undefined && !isStringArray(o.exceptions)) errors.push('`exceptions` must be a list of strings');
    if (o.scopes !== undefined && !(isStringArray(o.scopes) && o.scopes.every((s) => SCOPES.has(s))))
      errors.push(`\`scopes\` must be a list of ${[...SCOPES].join(', ')}`);
    if (o.list === undefined && o.entries === undefined && o.extraFrom === undefined) errors.push('give `list` or `entries`');
    return errors;
  },
  create(rule, options, ctx) {
    const entries: Entry[] = [];
    let listPath: string | null = null;
    if (typeof options.list === 'string') {
      const path = isAbsolute(options.list) ? options.list : join(ctx.packageRoot, 'dictionaries', options.list);
      listPath = path;
      const list = loadList(path);
      for (const e of list.entries) {
        const [match, replace, note] = e.fields;
        if (!match) continue;
        entries.push({ match, replace: replace || undefined, note: note || undefined, source: `${basename(path)}:${e.line}` });
      }
    }
    const fromList = entries.length; // the entries after these are not in the list file
    for (const e of (options.entries as Array<string | Entry> | undefined) ?? []) {
      if (typeof e === 'string') entries.push({ match: e, source: rule.id });
      else entries.push({ ...e, source: rule.id });
    }
    if (typeof options.extraFrom === 'string') {
      const section = ctx.config[options.extraFrom] as { extra?: Record<string, unknown> } | undefined;
      const extra = section?.extra?.[rule.id];
      if (isStringArray(extra)) for (const t of extra) entries.push({ match: t, source: `config ${options.extraFrom}.extra` });
    }
    const ownWords = entries.slice(fromList).map((e) => e.match);
    const byWord = new Map<string, Entry[]>();
    for (const e of entries) {
      const list = byWord.get(e.match) ?? [];
      list.push(e);
      byWord.set(e.match, list);
    }
    const exceptions = [...((options.exceptions as string[] | undefined) ?? []), ...ctx.config.words];
    const scopes = options.scopes ? new Set(options.scopes as Scope[]) : null;
    let matcher: Matcher | null = null;
    let exceptionMatcher: Matcher | null = null;
    return {
      run(draft, report) {
        // lists of tens to a few hundred words: the suffix matcher finds what the automaton would
        // (test/matcher.test.ts) and builds in a third of the time on a cold start. A list file's
        // matcher comes compiled (dist/.compiled, ~1 ms less per list in a one-file run), with the
        // rule's own entries and the config's added to it.
        matcher ??= listPath ? adjustMatcher(listSuffixMatcher(listPath), ownWords, NONE) : buildSuffixMatcher(byWord.keys());
        exceptionMatcher ??= buildSuffixMatcher(exceptions);
        for (const run of draft.runs) {
          if (scopes && !scopes.has(run.scope)) continue;
          const hits = matcher.find(run.text);
          if (!hits.length) continue;
          const shields = exceptionMatcher.all(run.text);
          for (const h of hits) {
            if (shields.some((s) => s.start <= h.start && s.end >= h.end && s.word !== h.word)) continue;
            const es = byWord.get(h.word)!;
            const replacements = [...new Set(es.map((e) => e.replace).filter((r): r is string => !!r))];
            const e = es[0]!;
            const range: [number, number] = [run.starts[h.start]!, run.ends[h.end - 1]!];
            const exact = draft.source.slice(range[0], range[1]) === h.word;
            const unique = replacements.length === 1 ? replacements[0]! : undefined;
            report({
              range,
              messageId: replacements.length ? 'default' : rule.messages.term ? 'term' : 'default',
              data: { actual: h.word, expected: replacements.join('／'), note: e.note ?? '', entry: e.source },
              fix: rule.fixable && unique !== undefined ? fixInRun(run, draft.source, h.start, h.end, unique) : undefined,
              suggestions:
                !exact || replacements.length < 2
                  ? undefined
                  : replacements.map((r) => ({ desc: `改为“${r}”`, fix: { range, text: r } })),
            });
          }
        }
      },
    };
  },
};

export default kind;
