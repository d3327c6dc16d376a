/** Errors a user causes and can fix (a bad flag, a missing file): the CLI prints `error: <message>` and exits with `code`, no stack trace. */
export class CliError extends Error {
  /** 2: bad usage (the usage text follows when `usage`); 1: anything else. */
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
    readonly usage = false,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
