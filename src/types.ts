/**
 * Core types shared by every layer: file → Draft → checks → findings → report.
 *
 * Positions inside the engine are half-open UTF-16 offsets `[start, end)` into
 * `Draft.source` (the decoded file text, BOM removed, line endings kept as they are).
 * Line/column numbers are computed only when a result is reported.
 */
import type { Root } from 'mdast';

export type Range = [start: number, end: number];

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';
export type Lang = 'zh' | 'en';

/** A text edit on Draft.source (ESLint-compatible shape). */
export interface Fix {
  range: Range;
  text: string;
}

/** Where a prose run comes from. */
export type Scope =
  | 'title' // front matter `title`
  | 'heading'
  | 'paragraph'
  | 'tableCell';

/**
 * A run of prose with an exact map back to the source. `text` has Markdown markup,
 * escapes and entities resolved; code, inline code, HTML and URLs are replaced by
 * U+FFFC so that nothing matches across them. A soft line break between two CJK
 * characters is dropped (so a phrase wrapped across lines still matches); other soft
 * breaks become one space.
 *
 * `starts[i]`/`ends[i]` give the source span of `text[i]` (an entity `&amp;` maps its one
 * character to all five source characters).
 */
export interface ProseRun {
  scope: Scope;
  text: string;
  starts: Uint32Array;
  ends: Uint32Array;
  /** true when the run sits inside a blockquote */
  quoted: boolean;
  /** true when the run sits inside a list item */
  listItem: boolean;
  /** depth for headings (1-6), 0 otherwise */
  depth: number;
}

export interface DraftLink {
  url: string;
  /** visible text (may be empty) */
  text: string;
  /** source range of the whole link construct */
  range: Range;
  /** source range of the URL itself when it can be located exactly, else the whole range */
  urlRange: Range;
  kind: 'link' | 'image' | 'definition' | 'autolink' | 'html';
}

export interface DraftHeading {
  depth: number;
  text: string;
  range: Range;
}

export interface DraftComment {
  /** the comment body, without `<!--` and `-->`, trimmed */
  value: string;
  range: Range;
}

/** Canonical front matter keys (Chinese aliases are mapped onto these). */
export type MetaKey =
  | 'title'
  | 'column'
  | 'unit'
  | 'author'
  | 'date'
  | 'channel'
  | 'account'
  | 'type'
  | 'doc_number'
  | 'interpretation'
  | 'links'
  | 'review'
  | 'url'
  | 'draftlint';

export interface FrontMatter {
  /** range of the whole block including the `---` fences */
  range: Range;
  /** range of the YAML content between the fences */
  contentRange: Range;
  /** parsed data with canonical keys (aliases mapped), or null when the YAML is invalid or not a mapping */
  data: Record<string, unknown> | null;
  /** the keys as written, with the canonical key they map to (null = unknown) and their range */
  keys: Array<{ key: string; canonical: string | null; keyRange: Range; valueRange: Range | null }>;
  /** source range of each canonical key's value (scalar values only are exact) */
  valueRanges: Partial<Record<string, Range>>;
  /** YAML parse errors, with source ranges */
  errors: Array<{ message: string; range: Range }>;
}

export interface Draft {
  /** path as given by the caller ('<stdin>' or a filename for text input) */
  path: string;
  /** the decoded text, BOM removed */
  source: string;
  /** offsets at which each line starts (line 1 at index 0) */
  lineStarts: number[];
  frontMatter: FrontMatter | null;
  /** set when the file opens a `---` front matter block that never closes */
  unclosedFrontMatter?: Range;
  /** canonical metadata (empty object when there is no usable front matter) */
  meta: Record<string, unknown>;
  /**
   * the mdast tree of the body (positions are source positions). No check reads it: for a plain
   * draft it is parsed when first read.
   */
  tree: Root;
  runs: ProseRun[];
  links: DraftLink[];
  headings: DraftHeading[];
  comments: DraftComment[];
  /** ranges of code blocks, inline code and HTML (not prose) */
  codeRanges: Range[];
  /**
   * indented code blocks whose text is Chinese: paragraphs indented with spaces by mistake. They
   * are in `codeRanges` (they render as code) and their text is also in `runs`.
   */
  indentedText: Range[];
}

/** What a check passes to `report`. */
export interface Report {
  range: Range;
  /** key into the rule's `messages` (default 'default') */
  messageId?: string;
  /** values for `{{name}}` placeholders */
  data?: Record<string, string | number>;
  fix?: Fix;
  suggestions?: Array<{ desc?: string; messageId?: string; data?: Record<string, string | number>; fix: Fix }>;
  /** override the rule's severity for this finding (e.g. escalation in titles) */
  severity?: Severity;
}

export interface LocalizedText {
  zh: string;
  en: string;
}

/** One example of a rule's YAML `examples`. */
export interface RuleExample {
  /** the draft text (Markdown, optionally with front matter) */
  text?: string;
  /** raw bytes, base64 (for encoding cases) */
  base64?: string;
  /** a file path relative to the repository root (for I/O cases) */
  file?: string;
  /** file name the text is linted as (default `example.md`) */
  filename?: string;
  /** rule options merged over the rule's own for this example */
  options?: Record<string, unknown>;
  /** config merged over the default config for this example (e.g. `site`, `links`) */
  config?: Record<string, unknown>;
  note?: string;
  /** invalid examples: the expected findings, in source order */
  findings?: Array<{
    /** the exact source text the finding covers */
    target?: string;
    line?: number;
    column?: number;
    messageId?: string;
    severity?: Severity;
    data?: Record<string, string | number>;
  }>;
  /** invalid examples of fixable rules: the text after applying the fixes */
  output?: string;
}

/** A rule as loaded from `rules/<family>.<name>.yml`. */
export interface RuleDef {
  id: string;
  kind: string;
  severity: SeveritySetting;
  fixable: boolean;
  /** message templates keyed by messageId; `message:` in YAML is messageId `default` */
  messages: Record<string, LocalizedText>;
  description: LocalizedText;
  /** the notice's item it enforces, e.g. 一(三)1① */
  basis?: string;
  /** the inspection indicator it would trigger, e.g. 单项否决·严重表述错误 */
  indicator?: string;
  options: Record<string, unknown>;
  /** raise the severity of findings in these scopes (a typo in a title is worse) */
  escalate?: { scopes: Scope[]; severity: Severity };
  /** `untestable`: why an engine rule cannot have an invalid example (a test elsewhere covers it) */
  examples: { valid: RuleExample[]; invalid: RuleExample[]; untestable?: string };
  /** absolute path of the YAML file */
  file: string;
}

/** The resolved configuration (after `extends`), as checks see it. */
export interface Config {
  rules: Record<string, { severity?: SeveritySetting; options?: Record<string, unknown> }>;
  ignore: string[];
  /** accepted words (spelling, typo exceptions) */
  words: string[];
  /** the site's column catalog (replaces or extends the default; see column checks) */
  columns?: unknown;
  links?: Record<string, unknown>;
  site?: Record<string, unknown>;
  privacy?: Record<string, unknown>;
  prohibited?: Record<string, unknown>;
  /** other top-level sections, validated by the code that owns them */
  [section: string]: unknown;
}

export interface CheckContext {
  config: Config;
  /** the package root (where rules/ and dictionaries/ live) */
  packageRoot: string;
  /** directory of the config file (or cwd) for resolving user paths */
  baseDir: string;
  lang: Lang;
  /** true when online checks (--check-links) are enabled */
  online: boolean;
}

/** A compiled check: created once per process for a rule + options, run on every draft. */
export interface Check {
  run(draft: Draft, report: (r: Report) => void): void | Promise<void>;
  /**
   * Large files (compiled data) that the first run will read and that are not loaded yet: the
   * engine reads them ahead on the thread pool while other rules run (issue 9). A check that has
   * this runs after the checks that do not, once the reads have ended: give it to every check that
   * may read such a file, even only now and then, or it may read it a second time, synchronously,
   * while the read ahead is still under way.
   */
  readAhead?(): string[];
  /**
   * Starts slow work for this draft that does not need the CPU (a child process, a network
   * request), for `run` to take up: called for every check before the first check runs, so the
   * work overlaps the other checks. A check that has this runs after the checks that do not.
   */
  prepare?(draft: Draft): void;
}

/** A kind of check (a module in src/checks/). Rules in rules/*.yml name their kind. */
export interface CheckKind {
  id: string;
  /** Validate a rule's options (merged YAML + config). Return human-readable problems (empty = ok). */
  validateOptions?(options: Record<string, unknown>): string[];
  create(rule: RuleDef, options: Record<string, unknown>, ctx: CheckContext): Check;
}
