#!/usr/bin/env node
// draftlint command line: compiled TypeScript lives in dist/ (built on install by `prepare`).
import { main } from '../dist/cli/index.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`draftlint: 内部错误 / internal error: ${err && err.message ? err.message : String(err)}\n`);
    if (process.env.DEBUG) process.stderr.write(String(err && err.stack) + '\n');
    process.exitCode = 2;
  },
);
