#!/usr/bin/env node
// draftlint command line. A CommonJS file (bin/package.json), so that Node starts it without its ES
// module loader, about 10 ms sooner; it requires one small file, dist/start.cjs (src/cli/start.ts):
// - while a daemon of this installation runs (`draftlint daemon start`), a lint run is answered by
//   it (src/daemon/client.ts);
// - otherwise the bundled command line runs here, compiled from a V8 code cache (src/cli/loader.ts).
'use strict';
const { join } = require('node:path');
const { viaDaemon, loadCli, internalErrorLine, watchStdio, exitWhenFlushed, isLintRun } = require('../dist/start.cjs');

// A finished lint run exits at once, once its output is flushed, instead of waiting for V8's
// compilations that nothing will use (src/cli/exit.ts).
const lintRun = isLintRun(process.argv);
if (lintRun) watchStdio();

const fail = (err) => {
  process.stderr.write(internalErrorLine(err));
  if (process.env.DEBUG) process.stderr.write(String(err && err.stack) + '\n');
  process.exitCode = 2;
};

viaDaemon(process.argv)
  .then(async (served) => {
    if (served !== null) {
      process.exitCode = served;
      if (lintRun) exitWhenFlushed();
      return;
    }
    const cli = await loadCli(join(__dirname, '..', 'dist', 'bundle'));
    process.exitCode = await cli.main(process.argv);
    cli.done();
    if (lintRun) exitWhenFlushed();
  })
  .catch(fail);
