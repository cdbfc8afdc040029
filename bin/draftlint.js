#!/usr/bin/env node
// draftlint command line: compiled TypeScript lives in dist/ (built on install by `prepare`); the
// command line runs from its bundle, dist/bundle/cli.js (scripts/build-data.mjs), which starts
// faster than the ~400 separate modules it is made of.
import { main } from '../dist/bundle/cli.js';

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
