/**
 * Ending a finished lint run at once (bin/draftlint.js, issue 9). Left to itself, Node does not exit
 * when the run's work is done: it first waits for V8 to finish the optimised compilations queued
 * during the run, which nothing will use any more. That wait was 5–20 ms after one draft and about
 * half a second after 12 MB linted on one thread (measured: gone with V8's concurrent compilation
 * turned off). Output still on its way through a pipe (asynchronous on POSIX) is waited for first,
 * so nothing written is lost; `exit` listeners still run.
 */

type StdName = 'stdout' | 'stderr';
const opened = new Set<StdName>();

/**
 * Notes which of the standard output streams the run opens, without opening them: Node creates
 * each on first use, and creating one only to ask whether it is empty would load tty or net.
 */
export function watchStdio(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const d = Object.getOwnPropertyDescriptor(process, name);
    const get = d?.get;
    if (!get || !d.configurable) {
      opened.add(name); // cannot tell: treated as used
      continue;
    }
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        opened.add(name);
        return get.call(process);
      },
    });
  }
}

/** The standard streams the run has opened so far (for tests). */
export function openedStdio(): StdName[] {
  return [...opened];
}

/**
 * `exit()` (process.exit by default) once everything written to the standard streams the run
 * opened has been handed to the system; at once when nothing is pending.
 */
export function exitWhenFlushed(exit: () => void = () => process.exit()): void {
  const pending = [...opened].map((n) => process[n]).filter((s) => s.writableLength > 0 && !s.destroyed);
  if (!pending.length) return exit();
  let left = pending.length;
  for (const s of pending) {
    // a reader that has gone (`draftlint lint | head`) fails the write with EPIPE: the output is
    // not wanted any more, and the run ends with its own exit code instead of a stack trace
    s.on('error', () => {});
    // a write's callback runs once the writes before it are done (or the stream has failed)
    s.write('', () => {
      if (--left === 0) exit();
    });
  }
}
