/** Exit codes a script can rely on. */
export const exitCodes = {
  ok: 0,
  error: 1,
  usage: 2,
  /** verify: no record of this content. */
  unregistered: 3,
  /** license check: the account may not use the work this way. */
  notAllowed: 3,
  /** verify: signed, not yet anchored. */
  pending: 4,
  /** verify: a record exists but its signature, id or proof does not hold. */
  invalid: 5,
} as const

/** An error the CLI reports as one line and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.error,
    readonly code = 'cli_error',
  ) {
    super(message)
  }
}
