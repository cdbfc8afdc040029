/** The line an unexpected error is reported with (exit 2), wherever the command line runs: in its own process or in the daemon. */
export function internalErrorLine(err: unknown): string {
  const message = err && (err as { message?: unknown }).message ? String((err as { message: unknown }).message) : String(err);
  return `draftlint: 内部错误 / internal error: ${message}\n`;
}
