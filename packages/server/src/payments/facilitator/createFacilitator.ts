import type { Network } from '@x402/core/types'
import { ExactEvmScheme } from '@x402/evm/exact/facilitator'
import type { Address, PublicClient, WalletClient } from 'viem'
import { ChannelFacilitatorScheme } from '../channel/ChannelFacilitatorScheme.js'
import { AssetContracts } from './AssetContracts.js'
import { Facilitator } from './Facilitator.js'
import type { RelayPolicy } from './relayPolicy.js'
import { toRelayerSigner } from './toRelayerSigner.js'

export type CreateFacilitatorParameters = {
  publicClient: PublicClient
  /** The relayer that sends settlements and pays their gas (its account needs viem's nonce manager). */
  walletClient: WalletClient
  /** Tokens the relayer settles on this chain; undefined allows any (tests, private deployments). */
  assets?: Address[] | undefined
  /**
   * The PaymentChannels contract: lists the `channel` scheme in /supported, so resource servers may offer it
   * (they check vouchers themselves; see ChannelFacilitatorScheme).
   */
  paymentChannels?: Address | undefined
  /** Which payments the relayer settles (see RelayPolicy); undefined settles for any payee (tests, private deployments). */
  relayPolicy?: RelayPolicy | undefined
}

/**
 * The facilitator for the chain we serve, with x402's `exact` scheme (EIP-3009 transferWithAuthorization) and
 * our relayer as its signer. Settles re-simulate first, one at a time per payer, so an authorization already used
 * elsewhere, or one the payer can no longer cover, is refused without spending gas.
 *
 * @example
 * const facilitator = createFacilitator({ publicClient, walletClient, assets: [paymentToken] })
 */
export function createFacilitator({
  publicClient,
  walletClient,
  assets,
  paymentChannels,
  relayPolicy,
}: CreateFacilitatorParameters): Facilitator {
  const chainId = walletClient.chain?.id ?? publicClient.chain?.id
  if (chainId === undefined) throw new Error('createFacilitator needs clients with a chain.')
  const network: Network = `eip155:${chainId}`
  const assetContracts = new AssetContracts(publicClient)
  const signer = toRelayerSigner({ publicClient, walletClient, assets: assetContracts })
  const facilitator = new Facilitator({
    allowedAssets: assets?.map((asset) => ({ network, asset })),
    relayPolicy,
    assets: assetContracts,
  }).register(network, new ExactEvmScheme(signer, { simulateInSettle: true }))
  // Under the same network key as `exact`: x402 looks a network's schemes up under one key only.
  if (paymentChannels) facilitator.register(network, new ChannelFacilitatorScheme(paymentChannels))
  return facilitator
}
