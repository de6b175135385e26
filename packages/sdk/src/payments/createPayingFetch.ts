import { x402Client, x402HTTPClient } from '@x402/core/client'
import { decodePaymentRequiredHeader } from '@x402/core/http'
import type { Network, PaymentPayload, PaymentRequired, PaymentRequirements } from '@x402/core/types'
import { ExactEvmScheme } from '@x402/evm/exact/client'
import type { Address, LocalAccount, PublicClient } from 'viem'
import { BaseError } from '../errors/BaseError.js'
import { agentWalletPolicy } from './agentWalletPolicy.js'
import { ChannelClientScheme, type ChannelClientSchemeParameters } from './channel/ChannelClientScheme.js'
import { channelScheme } from './channel/channelWire.js'
import { afterPayment, paymentPayloadOf } from './payingFetchPayload.js'
import type { AssetNotAllowedError, OverBudgetError } from './paymentErrors.js'
import { NoPaymentOptionError, PaymentFailedError, PaymentRejectedError } from './paymentErrors.js'
import { readPaymentResponse } from './readPaymentResponse.js'
import { replayable } from './replayableRequest.js'
import { type AllowedAsset, selectPayableRequirements } from './selectPayableRequirements.js'
import { encodePaymentSignature } from './x402Header.js'

/** Runs before a payment is signed, with what would be paid; throw (a BaseError with a stable code) to refuse. */
export type PaymentPolicy = (requirements: PaymentRequirements) => Promise<void>

/** The x402 schemes this client pays with. */
export type PayingScheme = 'exact' | 'channel'

/** Paying by `channel`: where deposits go and how large they are. The fetch's `account` signs the vouchers. */
export type ChannelPaymentOptions = Omit<ChannelClientSchemeParameters, 'account' | 'agentWallets'>

export type CreatePayingFetchParameters = {
  /** Signs the payments (EIP-3009 authorizations, channel vouchers): a viem local account. */
  account: LocalAccount
  /** The network to pay on (CAIP-2); any EVM chain when absent, still limited to `allowedAssets`. */
  network?: Network | undefined
  /** Most one request may cost, in token units (6 decimals for USDC and the test stablecoin). */
  maxAmountPerRequest: bigint
  /** Tokens the payer may spend: addresses on `network`, or `{ network, asset }` pairs. */
  allowedAssets: readonly (Address | AllowedAsset)[]
  /** Checked before every payment, after the limits above (budgets, payee allow-lists). */
  policy?: PaymentPolicy | undefined
  /**
   * The schemes to pay with, most preferred first; a server offering several is paid with the first of these
   * it offers. `['channel', 'exact']` when `channel` is given, else `['exact']`.
   */
  schemes?: readonly PayingScheme[] | undefined
  /** Enables paying by channel: one channel per payee (and royalty), a signed voucher per call. */
  channel?: ChannelPaymentOptions | undefined
  /**
   * The account is an agent key with an on-chain wallet: its policy (paused, allow-list, per-payment maximum,
   * what is left this period) is checked before every `exact` payment, and channels are opened from the wallet,
   * where the contract enforces it.
   */
  agentWallet?: { publicClient: PublicClient; agentWallets: Address } | undefined
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

/** Paid attempts per call: the first, a retry after a corrective 402, one after stale remembered terms. */
const maxPaidAttempts = 3
/** Routes whose channel terms are remembered, so their next call pays at once instead of asking first. */
const rememberedRoutes = 1_000

/**
 * A fetch that pays x402 402 responses (any x402 v2 server) with `exact` (an EIP-3009 authorization per call)
 * or `channel` (a voucher per call against a channel it opens once; see docs/channel-scheme.md), preferring
 * the first of `schemes` the server offers. Before signing it checks the price against `maxAmountPerRequest`,
 * the token against `allowedAssets` (also set as x402 spend controls), the agent wallet's policy (for `exact`)
 * and then `policy`; each refusal throws a BaseError with a stable code (`over_budget`, `asset_not_allowed`,
 * `no_payment_option`, `payee_not_allowed`, or the policy's own) and nothing is signed. A payment the server
 * refuses throws PaymentRejectedError (`payment_rejected`, with its reason). Once a route was paid by channel,
 * its next call sends the voucher with the request (one round trip instead of two).
 *
 * @example
 * const pay = createPayingFetch({ account, network: 'eip155:8453', maxAmountPerRequest: 10_000n, allowedAssets: [usdc] })
 * const response = await pay('https://api.example/v1/paid/report')
 * readPaymentResponse(response)?.transaction // the settlement's tx hash ('' for a channel voucher)
 */
export function createPayingFetch({
  account,
  network = 'eip155:*',
  maxAmountPerRequest,
  allowedAssets,
  policy,
  schemes,
  channel,
  agentWallet,
  fetch: fetchImpl = globalThis.fetch,
}: CreatePayingFetchParameters): CreatePayingFetchReturnType {
  const assets = allowedAssets.map((a) => (typeof a === 'string' ? { network, asset: a } : a))
  const channels =
    channel && new ChannelClientScheme({ ...channel, account, agentWallets: agentWallet?.agentWallets })
  const preference = schemes ?? (channels ? ['channel', 'exact'] : ['exact'])
  if (preference.includes('channel') && !channels)
    throw new Error("createPayingFetch: paying by 'channel' needs the `channel` option")
  const rules = { network, assets, maxAmount: maxAmountPerRequest, schemes: preference }
  const exact = new ExactEvmScheme(account)
  const walletPolicy = agentWallet && agentWalletPolicy({ ...agentWallet, agent: account.address })
  const remembered = new Map<string, PaymentRequired>()

  /** The way to pay: the most preferred scheme among those offered that every limit allows. */
  const choose = (accepts: PaymentRequirements[]): PaymentRequirements => {
    const payable = selectPayableRequirements(accepts, rules).filter(
      (r) => r.scheme !== channelScheme || channels?.accepts(r),
    )
    for (const scheme of preference) {
      const chosen = payable.find((r) => r.scheme === scheme)
      if (chosen) return chosen
    }
    throw new NoPaymentOptionError(accepts)
  }

  // One client for every call: a policy's refusal is kept per call, keyed by the terms object that call passes.
  const refusals = new WeakMap<object, unknown>()
  const client = new x402Client()
    .register(network, exact)
    .setSpendControls({
      allowedAssets: assets.map((a) => ({ ...a, maxAmountPerPayment: maxAmountPerRequest.toString() })),
    })
    .onBeforePaymentCreation(async ({ paymentRequired, selectedRequirements }) => {
      try {
        if (selectedRequirements.scheme === 'exact') await walletPolicy?.(selectedRequirements)
        await policy?.(selectedRequirements)
      } catch (error) {
        refusals.set(paymentRequired, error)
        throw error
      }
    })
  if (channels) client.register(network, channels)
  const http = new x402HTTPClient(client)

  /**
   * A voucher for `chosen`, made as x402's client makes a payload but without its requirement selection and
   * spend controls, which `choose` has applied already: on every call by channel they cost as much as the rest.
   */
  const payByChannel = async (
    scheme: ChannelClientScheme,
    terms: PaymentRequired,
    chosen: PaymentRequirements,
  ) => {
    try {
      await policy?.(chosen)
    } catch (error) {
      refusals.set(terms, error)
      throw error
    }
    const { payload } = await scheme.createPaymentPayload(terms.x402Version, chosen)
    return paymentPayloadOf(terms, chosen, payload)
  }

  return async (input, init) => {
    const request = replayable(input, init, fetchImpl)
    const route = `${request.method} ${request.url}`
    let required = remembered.get(route)
    let proactive = required !== undefined
    let response: Response | undefined
    for (let attempt = 0; attempt < maxPaidAttempts; attempt++) {
      if (!required) {
        // Before any 402 a failure is the fetch's own (an unreachable host, say): passed on as it is.
        response = await request.send()
        if (response.status !== 402) return response
        required = readRequired(http, response)
      }
      const chosen = choose(required.accepts)
      if (chosen.scheme === channelScheme) remember(remembered, route, required)
      else remembered.delete(route)
      const terms = { ...required, accepts: [chosen] }
      let payload: PaymentPayload
      try {
        payload =
          channels && chosen.scheme === channelScheme
            ? await payByChannel(channels, terms, chosen)
            : await client.createPaymentPayload(terms)
      } catch (error) {
        throw refusals.get(terms) ?? (error instanceof BaseError ? error : new PaymentFailedError(error))
      }
      const answer = await request
        .send({ 'PAYMENT-SIGNATURE': encodePaymentSignature(payload) })
        .catch((error: unknown) => {
          throw new PaymentFailedError(error)
        })
      response = answer
      const recovered = await afterPayment(client, payload, answer)
      if (answer.status !== 402) return answer
      if (recovered) continue
      if (!proactive) break
      // Terms remembered from an earlier call may have changed: pay again by this 402's terms.
      proactive = false
      remembered.delete(route)
      required = readRequired(http, answer)
    }
    throw new PaymentRejectedError(rejectionReason(response!), response!)
  }
}

/** The terms of a 402, or payment_failed when they cannot be read. */
function readRequired(http: x402HTTPClient, response: Response): PaymentRequired {
  try {
    return http.getPaymentRequiredResponse((name) => response.headers.get(name))
  } catch (error) {
    throw new PaymentFailedError(error)
  }
}

function remember(remembered: Map<string, PaymentRequired>, route: string, required: PaymentRequired): void {
  remembered.delete(route)
  remembered.set(route, required)
  if (remembered.size > rememberedRoutes) remembered.delete(remembered.keys().next().value!)
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
