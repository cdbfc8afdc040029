/**
 * The registry of check kinds. A rule's `kind` names one of these; modules load lazily,
 * so a run imports only the kinds of the rules that are on.
 */
import type { CheckKind } from '../types.js';

export const kindLoaders: Record<string, () => Promise<CheckKind>> = {
  dictionary: () => import('./dictionary.js').then((m) => m.default),
  pattern: () => import('./pattern.js').then((m) => m.default),
  frontmatter: () => import('./frontmatter.js').then((m) => m.default),
  typo: () => import('./typo.js').then((m) => m.default),
  engine: () => import('./engine-kind.js').then((m) => m.default),
  links: () => import('./links.js').then((m) => m.default),
  pii: () => import('./pii.js').then((m) => m.default),
  'prohibited-terms': () => import('./prohibited-terms.js').then((m) => m.default),
  'prohibited-internal': () => import('./prohibited-internal.js').then((m) => m.default),
  review: () => import('./review.js').then((m) => m.default),
  interpretation: () => import('./interpretation.js').then((m) => m.default),
  backdated: () => import('./backdated.js').then((m) => m.default),
  column: () => import('./column.js').then((m) => m.default),
  phrasing: () => import('./phrasing.js').then((m) => m.default),
  punctuation: () => import('./punctuation.js').then((m) => m.default),
  'doc-number': () => import('./doc-number.js').then((m) => m.default),
  'number-date': () => import('./number-date.js').then((m) => m.default),
  placeholder: () => import('./placeholder.js').then((m) => m.default),
  'law-title': () => import('./law-title.js').then((m) => m.default),
  political: () => import('./political.js').then((m) => m.default),
  spelling: () => import('./spelling.js').then((m) => m.default),
  markdown: () => import('./markdown.js').then((m) => m.default),
};
