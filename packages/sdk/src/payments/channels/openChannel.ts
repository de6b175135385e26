import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi, randomBytes32, sendPulling } from '../settleCall.js'
import { type ChannelRoyalty, royaltyArgs } from './channelRoyalty.js'

export type OpenChannelParameters = {
  publicClient: PublicClient
  /** The payer, who funds the deposit and gets back what is not claimed. */
  walletClient: WalletClient
  contracts: PaymentContracts
  payee: Address
  /** Payment token units locked in the channel. */
  deposit: bigint
  /** The key that signs vouchers; the payer when absent. */
  voucherSigner?: Address
  /** Credit this share of every claim to an IP asset's vault. */
  royalty?: ChannelRoyalty
  /** Makes the channel id unique among channels of the same payer, payee and signer; random when absent. */
  salt?: Hex
}

export type OpenChannelReturnType = {
  channelId: Hex
  salt: Hex
  txHash: Hex
  /** The approval sent first, when the allowance was short. */
  approvalTxHash?: Hex
}

/**
 * Opens a payment channel funded by the wallet account: the deposit is locked for `payee`, who is paid by
 * cumulative vouchers the voucher signer signs off chain (see signVoucher) and claims in batches. Approves
 * exactly the deposit first when the allowance is short.
 *
 * @example
 * const { channelId } = await openChannel({ publicClient, walletClient, contracts, payee, deposit: parseUsd('5') })
 */
export async function openChannel({
  publicClient,
  walletClient,
  contracts,
  payee,
  deposit,
  voucherSigner,
  royalty,
  salt = randomBytes32(),
}: OpenChannelParameters): Promise<OpenChannelReturnType> {
  try {
    const account = requireAccount(walletClient)
    const [royaltyAsset, royaltyBps] = royaltyArgs(royalty)
    const { txHash, receipt, approvalTxHash } = await sendPulling({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.paymentChannels,
      simulate: () =>
        publicClient.simulateContract({
          account,
          address: contracts.paymentChannels,
          abi: channelsCallAbi,
          functionName: 'open',
          args: [payee, voucherSigner ?? account.address, deposit, royaltyAsset, royaltyBps, salt],
        }),
    })
    const [opened] = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'ChannelOpened')
    return { channelId: opened!.args.channelId, salt, txHash, ...(approvalTxHash ? { approvalTxHash } : {}) }
  } catch (error) {
    throw toRightsError(error)
  }
}
