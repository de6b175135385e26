import { BaseError } from '../errors/BaseError.js'

/**
 * A payment would exceed a limit: the most one request may cost, or (with an agent wallet) what its on-chain
 * policy still allows. Nothing was signed or sent.
 */
export class OverBudgetError extends BaseError {
  override name = 'OverBudgetError'
  readonly amount: bigint
  readonly maxAmount: bigint
  /**
   * @param limit What `maxAmount` is, completing "over the <maxAmount> …" (per request by default).
   * @param cause The chain's refusal, when the limit was an agent wallet's.
   */
  constructor(amount: bigint, maxAmount: bigint, limit = 'allowed per request', cause?: unknown) {
    super(`The payment of ${amount} token units is over the ${maxAmount} ${limit}.`, {
      code: 'over_budget',
      cause,
    })
    this.amount = amount
    this.maxAmount = maxAmount
  }
}

/** The server only takes tokens this payer is not allowed to spend. Nothing was signed. */
export class AssetNotAllowedError extends BaseError {
  override name = 'AssetNotAllowedError'
  readonly assets: readonly string[]
  constructor(assets: readonly string[]) {
    super(`The server asks for payment in ${assets.join(', ')}, none of which this payer may spend.`, {
      code: 'asset_not_allowed',
    })
    this.assets = assets
  }
}

/** A policy refused to pay this recipient. Nothing was signed. */
export class PayeeNotAllowedError extends BaseError {
  override name = 'PayeeNotAllowedError'
  readonly payee: string
  constructor(payee: string, cause?: unknown) {
    super(`Paying ${payee} is not allowed by this payer's policy.`, { code: 'payee_not_allowed', cause })
    this.payee = payee
  }
}

/** The server offers no way to pay that this client speaks (scheme and network). Nothing was signed. */
export class NoPaymentOptionError extends BaseError {
  override name = 'NoPaymentOptionError'
  constructor(offered: readonly { scheme: string; network: string }[]) {
    super('The server accepts no payment this client can make.', {
      code: 'no_payment_option',
      details: `offered: ${offered.map((o) => `${o.scheme} on ${o.network}`).join(', ') || 'nothing'}`,
    })
  }
}

/** A signed payment was sent and the server refused it or could not settle it (`reason` says why). */
export class PaymentRejectedError extends BaseError {
  override name = 'PaymentRejectedError'
  readonly reason: string
  readonly response: Response
  constructor(reason: string, response: Response) {
    super(`The server refused the payment: ${reason}.`, { code: 'payment_rejected', details: reason })
    this.reason = reason
    this.response = response
  }
}

/** The 402 could not be read or the payment could not be made (see `cause`). */
export class PaymentFailedError extends BaseError {
  override name = 'PaymentFailedError'
  constructor(cause: unknown) {
    super('The payment could not be made.', {
      code: 'payment_failed',
      cause,
      details: cause instanceof Error ? cause.message : undefined,
    })
  }
}
