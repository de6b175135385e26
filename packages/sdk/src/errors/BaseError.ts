/** Parameters every Rightflow error takes. */
export type BaseErrorParameters = {
  /** A stable, machine-readable code (also the problem+json `code` over HTTP). */
  code: string
  details?: string | undefined
  cause?: unknown
}

/**
 * Root of every error the SDK throws: a one-line `shortMessage` for people, a stable `code` for
 * programs, optional `details`, and the `cause` chain (walk it with {@link BaseError.walk}).
 *
 * @example
 * try { await verifyFile(...) } catch (e) { if (e instanceof BaseError) console.error(e.shortMessage) }
 */
export class BaseError extends Error {
  override name = 'RightflowError'
  readonly shortMessage: string
  readonly code: string
  readonly details: string | undefined

  constructor(shortMessage: string, { code, details, cause }: BaseErrorParameters) {
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause })
    this.shortMessage = shortMessage
    this.code = code
    this.details = details
  }

  /** The deepest cause, or the first one for which `predicate` holds. */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this
    while (current instanceof Error) {
      if (predicate?.(current)) return current
      if (!current.cause) return predicate ? undefined : current
      current = current.cause
    }
    return predicate ? undefined : current
  }
}
