import { type ChannelPayload, channelScheme, parseRoyalty } from '@rightflow/sdk'
import type {
  AssetAmount,
  Network,
  PaymentRequirements,
  Price,
  SchemeNetworkServer,
  SchemePaymentRequiredContext,
  SchemeServerHooks,
  SettleContext,
  SettleResponse,
  VerifiedPaymentCanceledContext,
  VerifyContext,
  VerifyResponse,
} from '@x402/core/types'
import type { Address, PublicClient } from 'viem'
import type { ChannelRef, ChannelStore } from './ChannelStore.js'
import { ChannelVerifier, type ChargeOutcome, type ChargeReceipt } from './ChannelVerifier.js'
import { channelReasons, correctiveReasons } from './channelReasons.js'
import { parseChannelPayload } from './parseChannelPayload.js'

export type ChannelSchemeOptions = {
  store: ChannelStore
  /** Reads channels the first time they are seen (and after top-ups). */
  publicClient: PublicClient
  /** The PaymentChannels contract vouchers must be for. */
  channels: Address
  /** The token that contract holds: `channel` routes must be priced in it. */
  asset: Address
  /** The smallest deposit a new channel should have, in token units (advertised as `extra.minDeposit`). */
  minDeposit: bigint
  /** Called when undoing a charge failed (the payer then paid for a failed call). */
  onError?: ((error: unknown) => void) | undefined
}

/**
 * The server side of x402's `channel` scheme (docs/channel-scheme.md). Everything happens in process, through
 * scheme hooks, without a facilitator round trip: before the handler the voucher is checked and the call
 * charged (beforeVerify answers for the facilitator); a handler that throws or answers an error gets its
 * charge undone (onVerifiedPaymentCanceled); after a successful answer, "settling" is only the receipt
 * (beforeSettle), since claims are batched by the ChannelClaimer. A refused voucher gets a 402 whose `error` is
 * a stable reason; `voucher_stale` and `voucher_insufficient` also carry the server's view of the channel.
 *
 * @example
 * const channel = new ChannelScheme({ store, publicClient, channels, asset, minDeposit: 1_000_000n })
 * paidRoutes({ network, facilitator, schemes: [exactEvmScheme(network), { network, server: channel }], routes })
 */
export class ChannelScheme implements SchemeNetworkServer {
  readonly scheme = channelScheme
  readonly defaultAssetTransferMethod = 'default'
  readonly paymentFlows = {
    default: { supported: ['authorization' as const], default: 'authorization' as const },
  }
  readonly schemeHooks: SchemeServerHooks
  readonly verifier: ChannelVerifier
  readonly #options: ChannelSchemeOptions
  /** The charge each in-flight payment made: the middleware passes one payload object through all hooks. */
  readonly #receipts = new WeakMap<object, ChargeReceipt>()

  constructor(options: ChannelSchemeOptions) {
    this.#options = options
    this.verifier = new ChannelVerifier({ store: options.store, publicClient: options.publicClient })
    this.schemeHooks = {
      onBeforeVerify: (context) => this.#verify(context),
      onVerifiedPaymentCanceled: (context) => this.#cancel(context),
      onBeforeSettle: (context) => this.#settle(context),
    }
  }

  async parsePrice(price: Price, network: Network): Promise<AssetAmount> {
    if (typeof price === 'object' && price !== null && 'amount' in price)
      return { amount: price.amount, asset: price.asset, extra: price.extra ?? {} }
    throw new Error(`channel routes on ${network} are priced in token units: { amount, asset }`)
  }

  async enhancePaymentRequirements(requirements: PaymentRequirements): Promise<PaymentRequirements> {
    const { asset, channels, minDeposit } = this.#options
    if (requirements.asset.toLowerCase() !== asset.toLowerCase())
      throw new Error(`channel routes must be priced in ${asset}, the channel contract's token`)
    const royalty = parseRoyalty(requirements.extra.royalty)
    if (royalty === false) throw new Error('a route royalty is { assetId: bytes32 hex, bps: 0–10000 }')
    return {
      ...requirements,
      extra: { ...requirements.extra, channels, minDeposit: minDeposit.toString(), royalty },
    }
  }

  /** Adds the server's view of the channel to the `channel` requirements of a corrective 402. */
  async enrichPaymentRequiredResponse({
    requirements,
    paymentPayload,
    error,
  }: SchemePaymentRequiredContext): Promise<PaymentRequirements[] | undefined> {
    if (!error || !correctiveReasons.has(error) || paymentPayload?.accepted.scheme !== this.scheme) return
    const payload = parseChannelPayload(paymentPayload.payload)
    if (!payload) return
    const ref = this.#refOf(paymentPayload.accepted.network, payload)
    const state = await this.#options.store.getChannel(ref)
    if (!state) return
    const view = {
      channelId: state.channelId,
      accepted: (state.accepted?.amount ?? 0n).toString(),
      charged: state.charged.toString(),
      deposit: state.deposit.toString(),
      ...(state.accepted ? { signature: state.accepted.signature } : {}),
    }
    return requirements.map((r) =>
      r.scheme === this.scheme && r.network === ref.network ? { ...r, extra: { ...r.extra, ...view } } : r,
    )
  }

  /**
   * Checks a `channel` payment's voucher (its `payload`) against the requirements it was matched to and charges
   * the call: the receipt (kept for undo and the PAYMENT-RESPONSE), or the refusal's stable reason with the
   * channel's state when known. Never throws, so a failure (the store, the chain) never falls through to a
   * facilitator: it is `channel_unavailable`, nothing charged, try again.
   */
  async charge(voucher: unknown, requirements: PaymentRequirements): Promise<ChargeOutcome> {
    try {
      const payload = parseChannelPayload(voucher)
      if (!payload) return { ok: false, reason: channelReasons.malformed }
      const chainId = chainIdOf(requirements.network)
      const royalty = parseRoyalty(requirements.extra.royalty)
      if (chainId === undefined || royalty === false)
        return { ok: false, reason: channelReasons.requirementsMismatch }
      return await this.verifier.charge({
        ref: this.#refOf(requirements.network, payload),
        chainId,
        voucher: { amount: BigInt(payload.cumulativeAmount), signature: payload.signature },
        price: BigInt(requirements.amount),
        payTo: requirements.payTo as Address,
        royalty,
      })
    } catch (error) {
      this.#options.onError?.(error)
      return { ok: false, reason: channelReasons.unavailable }
    }
  }

  /** Gives a charge back (its call failed); a failure to do so is reported to `onError`, never thrown. */
  async undo(receipt: ChargeReceipt): Promise<void> {
    try {
      await this.verifier.undo(receipt)
    } catch (error) {
      this.#options.onError?.(error)
    }
  }

  /** What PAYMENT-RESPONSE says of a charged call: the channel's totals after it. */
  settlement(receipt: ChargeReceipt, network: Network): SettleResponse & { scheme: string } {
    const { state } = receipt
    // `scheme` is not in x402's SettleResponse type, but our PAYMENT-RESPONSE names the scheme that paid.
    return {
      success: true,
      scheme: this.scheme,
      transaction: '',
      network,
      payer: state.payer,
      extra: {
        channelId: state.channelId,
        accepted: (state.accepted?.amount ?? 0n).toString(),
        charged: state.charged.toString(),
        remaining: (state.deposit - state.charged).toString(),
      },
    }
  }

  async #verify({
    paymentPayload,
    requirements,
  }: VerifyContext): Promise<{ skip: true; result: VerifyResponse }> {
    const outcome = await this.charge(paymentPayload.payload, requirements)
    if (!outcome.ok) {
      const payer = outcome.state ? { payer: outcome.state.payer } : {}
      return { skip: true, result: { isValid: false, invalidReason: outcome.reason, ...payer } }
    }
    this.#receipts.set(paymentPayload as object, outcome.receipt)
    return { skip: true, result: { isValid: true, payer: outcome.receipt.state.payer } }
  }

  async #cancel({ paymentPayload }: VerifiedPaymentCanceledContext): Promise<void> {
    const receipt = this.#receipts.get(paymentPayload as object)
    if (!receipt) return
    this.#receipts.delete(paymentPayload as object)
    await this.undo(receipt)
  }

  async #settle({
    paymentPayload,
    requirements,
  }: SettleContext): Promise<{ skip: true; result: SettleResponse }> {
    const receipt = this.#receipts.get(paymentPayload as object)
    this.#receipts.delete(paymentPayload as object)
    const network = requirements.network
    if (!receipt)
      return {
        skip: true,
        result: { success: false, errorReason: channelReasons.unavailable, transaction: '', network },
      }
    return { skip: true, result: this.settlement(receipt, network) }
  }

  #refOf(network: Network, payload: ChannelPayload): ChannelRef {
    return { network, channels: this.#options.channels, channelId: payload.channelId }
  }
}

function chainIdOf(network: string): number | undefined {
  const match = /^eip155:(\d+)$/.exec(network)
  return match ? Number(match[1]) : undefined
}
