export { buildDraft, positionAt, computeLineStarts, PLACEHOLDER } from './draft.js';
export { loadHtmlParser, loadHtmlParserFor, MAY_HOLD_HTML } from './html.js';
export { decode, encode, firstInvalidUtf8 } from './decode.js';
export type { Decoded, DecodeProblem, Encoding } from './decode.js';
export { scanFrontMatter, canonicalKey, FIELD_ALIASES, safeCopy } from './frontmatter.js';
