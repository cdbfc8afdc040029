/**
 * The daemon's process (started detached by `draftlint daemon start`):
 * `node dist/daemon/main.js [--idle <minutes>]`.
 */
import { runDaemon } from './server.js';

const i = process.argv.indexOf('--idle');
const idleMinutes = i >= 0 ? Number(process.argv[i + 1]) : 60;
await runDaemon({ idleMinutes: Number.isFinite(idleMinutes) && idleMinutes >= 0 ? idleMinutes : 60 });
