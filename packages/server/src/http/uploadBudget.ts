import type { MiddlewareHandler } from 'hono'
import { problem } from './problem.js'

/** Default bound on request-body bytes held in memory at once, over all requests: four maximal uploads. */
export const defaultUploadBudgetBytes = 256 * 1024 * 1024

/**
 * JSON bodies (records, batches, grants, payments) have a pool of their own, so uploads held open cannot starve
 * the writes the server exists for (nor the reverse): 32 maximal JSON bodies, or 1,024 facilitator requests.
 */
export const defaultJsonBudgetBytes = 64 * 1024 * 1024

/**
 * The bytes of request bodies the server holds at once. Every body is read whole into memory (a file to hash
 * and decode, a batch to check), so without a bound a few concurrent large uploads grow the process without
 * limit; with it, a busy server refuses the excess with 503 `server_busy` and Retry-After instead.
 */
export class UploadBudget {
  #inFlightBytes = 0
  #refused = 0

  constructor(readonly capacityBytes: number) {}

  /** Bytes currently reserved by requests being handled. */
  get inFlightBytes(): number {
    return this.#inFlightBytes
  }

  /** Requests refused because the budget was spent. */
  get refused(): number {
    return this.#refused
  }

  /** Reserves `bytes`, or returns false (and counts a refusal) when they do not fit. */
  tryReserve(bytes: number): boolean {
    if (this.#inFlightBytes + bytes > this.capacityBytes) {
      this.#refused++
      return false
    }
    this.#inFlightBytes += bytes
    return true
  }

  release(bytes: number): void {
    this.#inFlightBytes -= bytes
  }
}

export type BudgetBodiesOptions = {
  /** The most a body of this request may be (its route's limit): reserved when the length is not declared. */
  maxBytesOf: (path: string) => number
  /** Seconds a refused client is asked to wait. */
  retryAfterSeconds?: number
}

/**
 * Reserves each request body's size in `budget` before the body is read, and releases it when the answer is
 * made. A declared Content-Length is reserved as is (one over the route's limit is left to the route's 413); a
 * chunked body reserves its route's limit. Requests without a body pass untouched.
 */
export function budgetBodies(
  budget: UploadBudget,
  { maxBytesOf, retryAfterSeconds = 1 }: BudgetBodiesOptions,
): MiddlewareHandler {
  return async (c, next) => {
    const length = c.req.header('content-length')
    const chunked = c.req.header('transfer-encoding') !== undefined
    if (!chunked && (length === undefined || Number(length) === 0)) return next()
    const limit = maxBytesOf(c.req.path)
    const declared = Number(length)
    if (!chunked && !(declared <= limit)) return next()
    const bytes = chunked ? limit : declared
    if (!budget.tryReserve(bytes)) {
      c.header('retry-after', String(retryAfterSeconds))
      return problem(
        c,
        'server_busy',
        'The server is handling as many uploads as it holds in memory at once; retry shortly.',
      )
    }
    try {
      await next()
    } finally {
      budget.release(bytes)
    }
  }
}
