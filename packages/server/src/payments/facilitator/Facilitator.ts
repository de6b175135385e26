import { redactUrlsInText } from '@rightflow/sdk'
import { x402Facilitator } from '@x402/core/facilitator'
import type { FacilitatorClient } from '@x402/core/server'
import type {
  Network,
  PaymentPayload,
  PaymentRequirements,
  SchemeNetworkFacilitator,
  SettleResponse,
  SupportedResponse,
  VerifyResponse,
} from '@x402/core/types'
import {
  HttpRequestError,
  LimitExceededRpcError,
  RpcRequestError,
  TimeoutError,
  BaseError as ViemBaseError,
} from 'viem'
import { KeyedMutex } from '../channel/KeyedMutex.js'
import { InFlight } from '../InFlight.js'
import { paymentKey } from '../paymentKey.js'
import type { AssetContracts } from './AssetContracts.js'
import { type RelayPolicy, relayRefusal } from './relayPolicy.js'

/** Reasons this facilitator adds to those of the x402 schemes (which keep their own, e.g. `invalid_exact_evm_*`). */
export const facilitatorReasons = {
  unsupportedAsset: 'unsupported_asset',
  unsupportedScheme: 'unsupported_scheme',
  invalidPayload: 'invalid_payload',
  settlementInProgress: 'settlement_in_progress',
  chainUnavailable: 'chain_unavailable',
  relayNotAllowed: 'relay_not_allowed',
  assetNotContract: 'invalid_exact_evm_asset_not_deployed_contract',
} as const

export type FacilitatorOptions = {
  /**
   * Tokens the relayer pays gas to move, as `network:asset` pairs (CAIP-2 network, token address). Anything
   * else is refused before the chain is asked: an open relayer would pay for strangers' transfers.
   * Undefined allows any asset (tests, private deployments).
   */
  allowedAssets?: { network: Network; asset: string }[] | undefined
  /**
   * Which payments the relayer settles (the server's own routes, payees the operator allowed); others are
   * refused `relay_not_allowed` at verify and settle. Undefined settles for any payee (tests, private deployments).
   */
  relayPolicy?: RelayPolicy | undefined
  /**
   * Reads each token's code before x402 does (a chain failure is then `chain_unavailable`, and x402's own
   * unawaited asset check is answered from the cache; see AssetContracts). Give the same instance to the signer.
   */
  assets?: AssetContracts | undefined
}

/**
 * An x402 facilitator (verify, settle, supported) over the official scheme implementations, usable in process
 * (it is a FacilitatorClient) or over HTTP (facilitatorRoutes). It adds what a relayer that pays the gas needs:
 * an asset allow-list and a relay policy (whose payments it settles at all), one settlement at a time per
 * authorization and per payer, the token read before x402 reads it, and failures always returned as data with
 * a reason. Schemes are registered per network exactly as on x402Facilitator.
 *
 * @example
 * const facilitator = new Facilitator().register('eip155:31337', new ExactEvmScheme(signer))
 * await facilitator.verify(paymentPayload, paymentRequirements)
 */
export class Facilitator implements FacilitatorClient {
  readonly x402 = new x402Facilitator()
  readonly #allowed: Set<string> | undefined
  readonly #settling = new InFlight(5 * 60_000)
  readonly #payers = new KeyedMutex()
  readonly #policy: RelayPolicy | undefined
  readonly #assets: AssetContracts | undefined

  constructor({ allowedAssets, relayPolicy, assets }: FacilitatorOptions = {}) {
    this.#allowed =
      allowedAssets && new Set(allowedAssets.map((a) => `${a.network}:${a.asset}`.toLowerCase()))
    this.#policy = relayPolicy
    this.#assets = assets
  }

  /** Adds a scheme implementation (exact, or our own later) for one or more networks. */
  register(networks: Network | Network[], scheme: SchemeNetworkFacilitator): this {
    this.x402.register(networks, scheme)
    return this
  }

  async verify(payload: PaymentPayload, requirements: PaymentRequirements): Promise<VerifyResponse> {
    const refused = this.#refuse(requirements)
    if (refused) return { isValid: false, invalidReason: refused }
    try {
      const notContract = await this.#checkAsset(requirements)
      if (notContract) return { isValid: false, invalidReason: notContract }
      return withoutSecrets(await this.x402.verify(payload, requirements))
    } catch (error) {
      const { reason, message } = classify(error)
      return { isValid: false, invalidReason: reason, invalidMessage: message }
    }
  }

  async settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleResponse> {
    const failed = (errorReason: string, errorMessage?: string): SettleResponse => ({
      success: false,
      errorReason,
      ...(errorMessage ? { errorMessage } : {}),
      transaction: '',
      network: requirements.network,
    })
    const refused = this.#refuse(requirements)
    if (refused) return failed(refused)
    let key: string
    try {
      key = paymentKey(payload, requirements)
    } catch {
      return failed(facilitatorReasons.invalidPayload)
    }
    // Two settles of one authorization would both broadcast; the second reverts and the relayer pays for it.
    const owner = {}
    if (!this.#settling.acquire(key, owner)) return failed(facilitatorReasons.settlementInProgress)
    try {
      // One settlement at a time per payer and token: each is simulated against the state its predecessor left,
      // so authorizations that together exceed the payer's balance are refused, not sent to revert at our cost.
      return await this.#payers.run(payerKey(payload, requirements), async () => {
        const notContract = await this.#checkAsset(requirements)
        if (notContract) return failed(notContract)
        return withoutSecrets(await this.x402.settle(payload, requirements))
      })
    } catch (error) {
      const { reason, message } = classify(error)
      return failed(reason, message)
    } finally {
      this.#settling.release(key, owner)
    }
  }

  async getSupported(): Promise<SupportedResponse> {
    return this.x402.getSupported() as SupportedResponse
  }

  #refuse(requirements: PaymentRequirements): string | undefined {
    if (this.#allowed && !this.#allowed.has(`${requirements.network}:${requirements.asset}`.toLowerCase()))
      return facilitatorReasons.unsupportedAsset
    return this.#policy && relayRefusal(this.#policy, requirements)
  }

  /** A reason when the token is not a contract; throws (→ chain_unavailable) when the chain does not answer. */
  async #checkAsset(requirements: PaymentRequirements): Promise<string | undefined> {
    if (!this.#assets) return undefined
    return (await this.#assets.load(requirements.asset)) ? undefined : facilitatorReasons.assetNotContract
  }
}

/** Who pays, on which token: what settlements are serialised by. */
function payerKey(payload: PaymentPayload, requirements: PaymentRequirements): string {
  const inner = payload.payload as {
    authorization?: { from?: unknown }
    permit2Authorization?: { from?: unknown }
  }
  const from = inner.authorization?.from ?? inner.permit2Authorization?.from
  return `${requirements.network}:${requirements.asset}:${String(from)}`.toLowerCase()
}

/** A thrown error as a reason code: the scheme could not read the payload, the chain did not answer, or no scheme. */
function classify(error: unknown): { reason: string; message: string } {
  // Answered to the caller: viem's messages embed the RPC URL, which may carry the provider's key.
  const message = redactUrlsInText(error instanceof Error ? error.message : String(error))
  if (message.startsWith('No facilitator registered'))
    return { reason: facilitatorReasons.unsupportedScheme, message }
  if (error instanceof ViemBaseError && error.walk(isChainUnavailable) !== null)
    return { reason: facilitatorReasons.chainUnavailable, message: 'The chain did not answer.' }
  return { reason: facilitatorReasons.invalidPayload, message }
}

/** The RPC did not answer, timed out or is rate-limiting us (HTTP 429, or a JSON-RPC error saying so). */
function isChainUnavailable(error: unknown): boolean {
  return (
    error instanceof HttpRequestError ||
    error instanceof TimeoutError ||
    error instanceof LimitExceededRpcError ||
    (error instanceof RpcRequestError && error.code === 429)
  )
}

/**
 * x402's exact scheme returns (not throws) raw error messages, and viem's keep an RPC URL's path and query (where
 * providers put their keys); they reach clients in facilitator answers and PAYMENT-RESPONSE, so they are shown as
 * the SDK shows every URL.
 */
function withoutSecrets<T extends { invalidMessage?: string; errorMessage?: string; errorReason?: string }>(
  response: T,
): T {
  const scrubbed = { ...response }
  if (scrubbed.invalidMessage) scrubbed.invalidMessage = redactUrlsInText(scrubbed.invalidMessage)
  if (scrubbed.errorMessage) scrubbed.errorMessage = redactUrlsInText(scrubbed.errorMessage)
  if (scrubbed.errorReason) scrubbed.errorReason = redactUrlsInText(scrubbed.errorReason)
  return scrubbed
}
