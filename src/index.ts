/**
 * draftlint as a library — the same engine the `draftlint` command, the editors' desk
 * (`draftlint serve`) and the tests use. One implementation: nothing here re-implements a rule.
 *
 * ```js
 * import { lint, fix } from 'draftlint';
 * const result = await lint('请各单位按要求按装监控设备。', { filename: '通知.md' });
 * result.messages[0].ruleId;   // 'typo/confusion'
 * (await fix('请各单位按要求按装监控设备。')).output; // '请各单位按要求安装监控设备。'
 * ```
 *
 * See docs/api.md for every export with runnable examples.
 * @packageDocumentation
 */

export {
  /**
   * Lint one draft given as text (or bytes in UTF-8, UTF-8 with BOM, GB18030/GBK).
   * Returns ESLint's result shape: `{filePath, messages, errorCount, warningCount, …, source}`.
   * Configuration: `options.config` (merged over the defaults), `options.configFile`, or the
   * nearest `.draftlintrc.yml` above `options.filename`.
   */
  lint,
  /**
   * Lint and apply every fix, repeatedly, until nothing changes (at most 10 passes).
   * Returns `{output, changed, result, passes}`; `result` is the lint result of `output`.
   */
  fix,
  /**
   * Read and lint one file: Markdown, Word (`.docx`) or text (`.txt`). Never throws for
   * problems with the file itself (they become `meta/…` findings). Returns `{result, info}`.
   */
  lintFile,
  /** Lint a Draft built with `buildDraft` (for tools that already hold a parsed draft). */
  lintDraft,
  /** The configuration in effect for a file (or text): `{config, file}`. */
  resolveConfig,
  /** Every rule definition (id → RuleDef: kind, severity, messages, basis, indicator, examples). */
  ruleDefinitions,
  /** Apply non-overlapping fixes to a text: `{output, applied}`. */
  applyFixes,
  /** The installed package's root directory (where `rules/` and `dictionaries/` live). */
  packageRoot,
  /** The error thrown for a bad configuration or option (the CLI exits 2 on it). */
  UsageError,
  /** The result for a file that could not be linted at all. */
  problemResult,
  DEFAULT_MAX_FILE_SIZE,
} from './engine/index.js';
export type { LintResult, LintMessage, LintOptions, FixResult, FileInfo, SuppressedMessage } from './engine/index.js';

/**
 * Parse text into the Draft model every check reads (front matter, prose runs, links, headings).
 * The text of raw HTML blocks is read once `loadHtmlParser()` has been awaited (`lint` does that
 * for drafts that may hold HTML, `MAY_HOLD_HTML`).
 */
export { buildDraft } from './document/draft.js';
export { loadHtmlParser, MAY_HOLD_HTML } from './document/html.js';

export {
  /**
   * Read a draft file into the Markdown the engine lints: Markdown as is, Word and text converted
   * (with front matter from a sidecar `<file>.yml` or config `defaults`) plus a position map.
   */
  readDraftInput,
  /** Convert bytes (by file name: .docx, .txt, else Markdown) into a DraftInput. */
  convertDraft,
  /** Map a lint result of a converted draft back to Word paragraph:character or text line:column. */
  mapResultToInput,
  /** Fill front matter fields (栏目, 发布单位, 渠道, 日期 …) into Markdown text that lacks them. */
  withFrontMatter,
  /** Which reader a file name selects: 'markdown' | 'docx' | 'txt'. */
  draftKind,
  /** Why `--fix` does not rewrite a file of this kind (null when it may). */
  fixRefusal,
  DraftInputError,
} from './document/input.js';
export type { DraftInput, DraftKind, InputExtras, FrontMatterFields } from './document/input.js';
export type { PositionMap } from './document/txt.js';

export {
  /**
   * Output formats by name (`stylish`, `json`, and those other modules register): each entry
   * loads a `(results, ctx) => string` formatter.
   */
  formatters,
} from './report/index.js';
export type { Formatter, FormatContext } from './report/index.js';

export {
  /** Start the editors' desk (what `draftlint serve` runs): `{url, port, app, close()}`. */
  startDesk,
} from './server/listen.js';
export {
  /** The desk's fastify instance without listening (for embedding or `inject` tests). */
  createDeskServer,
} from './server/app.js';

export type {
  Config,
  Draft,
  Fix,
  Lang,
  Range,
  Report,
  RuleDef,
  RuleExample,
  Severity,
  SeveritySetting,
  CheckKind,
  CheckContext,
  Check,
} from './types.js';
