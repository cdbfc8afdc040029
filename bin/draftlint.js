#!/usr/bin/env node
// draftlint command line. A CommonJS file (bin/package.json) so that Node starts it without its ES
// module loader, about 10 ms sooner, and the daemon client (dist/daemon/client.cjs) is required
// synchronously: while a daemon of this installation runs (`draftlint daemon start`), a lint run is
// answered by it. Otherwise the command line runs from its bundle, dist/bundle/cli.js
// (scripts/build-data.mjs), which starts faster than the ~400 separate modules it is made of.
'use strict';
const { viaDaemon } = require('../dist/daemon/client.cjs');

const fail = (err) => {
  process.stderr.write(`draftlint: 内部错误 / internal error: ${err && err.message ? err.message : String(err)}\n`);
  if (process.env.DEBUG) process.stderr.write(String(err && err.stack) + '\n');
  process.exitCode = 2;
};

viaDaemon(process.argv)
  .then(async (served) => {
    if (served !== null) {
      process.exitCode = served;
      return;
    }
    const { main } = await import('../dist/bundle/cli.js');
    process.exitCode = await main(process.argv);
  })
  .catch(fail);
