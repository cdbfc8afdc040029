/** A problem with the user's configuration or command line: exit code 2, one clear line, no stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
