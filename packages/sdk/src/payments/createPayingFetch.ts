import { x402Client, x402HTTPClient } from '@x402/core/client'
import { decodePaymentRequiredHeader } from '@x402/core/http'
import type { Network, PaymentPayload, PaymentRequirements } from '@x402/core/types'
import { ExactEvmScheme } from '@x402/evm/exact/client'
import { wrapFetchWithPayment } from '@x402/fetch'
import type { Address, LocalAccount } from 'viem'
import type { AssetNotAllowedError, NoPaymentOptionError, OverBudgetError } from './paymentErrors.js'
import { PaymentFailedError, PaymentRejectedError } from './paymentErrors.js'
import { readPaymentResponse } from './readPaymentResponse.js'
import { type AllowedAsset, selectPayableRequirements } from './selectPayableRequirements.js'

/** Runs before a payment is signed, with what would be paid; throw (a BaseError with a stable code) to refuse. */
export type PaymentPolicy = (requirements: PaymentRequirements) => Promise<void>

export type CreatePayingFetchParameters = {
  /** Signs the payments (EIP-3009 authorizations): a viem local account. */
  account: LocalAccount
  /** The network to pay on (CAIP-2); any EVM chain when absent, still limited to `allowedAssets`. */
  network?: Network | undefined
  /** Most one request may cost, in token units (6 decimals for USDC and the test stablecoin). */
  maxAmountPerRequest: bigint
  /** Tokens the payer may spend: addresses on `network`, or `{ network, asset }` pairs. */
  allowedAssets: readonly (Address | AllowedAsset)[]
  /** Checked before every payment, after the limits above (budgets, payee allow-lists). */
  policy?: PaymentPolicy | undefined
  /** The fetch to wrap; the global one when absent. */
  fetch?: typeof globalThis.fetch | undefined
}

export type PayingFetch = typeof globalThis.fetch

export type CreatePayingFetchReturnType = PayingFetch

export type CreatePayingFetchErrorType =
  | OverBudgetError
  | AssetNotAllowedError
  | NoPaymentOptionError
  | PaymentRejectedError
  | PaymentFailedError

/**
 * A fetch that pays x402 `exact` 402 responses (any x402 v2 server), through @x402/fetch. Before signing it
 * checks the price against `maxAmountPerRequest`, the token against `allowedAssets` (also set as x402 spend
 * controls) and then runs `policy`; each refusal throws a BaseError with a stable code (`over_budget`,
 * `asset_not_allowed`, `no_payment_option`, or the policy's own such as `payee_not_allowed`) and nothing is
 * signed. A payment the server refuses throws PaymentRejectedError (`payment_rejected`, with its reason).
 *
 * @example
 * const pay = createPayingFetch({ account, network: 'eip155:8453', maxAmountPerRequest: 10_000n, allowedAssets: [usdc] })
 * const response = await pay('https://api.example/v1/paid/report')
 * readPaymentResponse(response)?.transaction // the settlement's tx hash
 */
export function createPayingFetch({
  account,
  network = 'eip155:*',
  maxAmountPerRequest,
  allowedAssets,
  policy,
  fetch: fetchImpl = globalThis.fetch,
}: CreatePayingFetchParameters): CreatePayingFetchReturnType {
  const assets = allowedAssets.map((a) => (typeof a === 'string' ? { network, asset: a } : a))
  const rules = { network, assets, maxAmount: maxAmountPerRequest, schemes: ['exact'] }
  const scheme = new ExactEvmScheme(account)
  // A client per call keeps each call's refusal apart: @x402/fetch rewraps errors thrown while paying.
  return async (input, init) => {
    const call: { required?: boolean; refusal?: unknown; paid?: PaymentPayload } = {}
    const refuse = (error: unknown): never => {
      call.refusal = error
      throw error
    }
    const client = new x402Client()
      .register(network, scheme)
      .setSpendControls({
        allowedAssets: assets.map((a) => ({ ...a, maxAmountPerPayment: maxAmountPerRequest.toString() })),
      })
      .onBeforePaymentCreation(async ({ selectedRequirements }) => {
        try {
          await policy?.(selectedRequirements)
        } catch (error) {
          refuse(error)
        }
      })
      .onAfterPaymentCreation(async ({ paymentPayload }) => {
        call.paid = paymentPayload
      })
    const http = new x402HTTPClient(client).onPaymentRequired(async ({ paymentRequired }) => {
      try {
        selectPayableRequirements(paymentRequired.accepts, rules)
      } catch (error) {
        refuse(error)
      }
    })
    let response: Response
    try {
      const observed: typeof globalThis.fetch = async (...args) => {
        const answer = await fetchImpl(...args)
        if (answer.status === 402) call.required = true
        return answer
      }
      response = await wrapFetchWithPayment(observed, http)(input, init)
    } catch (error) {
      // Before any 402 it is the fetch's own failure (unreachable host, say): passed on as it is.
      if (!call.required) throw error
      throw call.refusal ?? new PaymentFailedError(error)
    }
    if (call.paid && response.status === 402)
      throw new PaymentRejectedError(rejectionReason(response), response)
    return response
  }
}

/** The server's reason for refusing a payment it was sent: settle failure first, then verify failure. */
function rejectionReason(response: Response): string {
  const settled = readPaymentResponse(response)
  if (settled?.errorReason) return settled.errorReason
  const required = response.headers.get('payment-required')
  try {
    if (required) return decodePaymentRequiredHeader(required).error || 'payment_rejected'
  } catch {
    // An unreadable header leaves the generic reason.
  }
  return 'payment_rejected'
}
