/** ESLint's JSON shape, so existing tooling reads it. The decoded source is not repeated. */
import type { Formatter } from './index.js';

const json: Formatter = (results) =>
  JSON.stringify(
    results.map(({ source: _source, ...r }) => r),
    null,
    0,
  );

export default json;
