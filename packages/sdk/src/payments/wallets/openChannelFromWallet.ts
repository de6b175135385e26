import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { agentWalletsAbi } from '../../generated/agentWallets.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import { type ChannelRoyalty, royaltyArgs } from '../channels/channelRoyalty.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { randomBytes32, walletsCallAbi } from '../settleCall.js'

export type OpenChannelFromWalletParameters = {
  publicClient: PublicClient
  /** The agent key: it signs the channel's vouchers. */
  walletClient: WalletClient
  contracts: PaymentContracts
  payee: Address
  /** Payment token units; a payment to `payee` under the wallet's policy. */
  deposit: bigint
  royalty?: ChannelRoyalty
  /** Random when absent. */
  salt?: Hex
}

export type OpenChannelFromWalletReturnType = {
  channelId: Hex
  /** The agent's channel account: the channel's payer, where its refund lands. */
  channelAccount: Address
  salt: Hex
  txHash: Hex
}

/**
 * The agent opens a payment channel funded from its wallet: the deposit counts as a payment to `payee` for the
 * policy (so `over_budget`, `payee_not_allowed`… apply), the agent key signs the vouchers, and the refund comes
 * back to the wallet through reclaimChannel (it does not give back budget). Only on the PaymentChannels the
 * wallets contract was deployed with (`contracts.paymentChannels`; any other reverts `channels_not_approved`).
 *
 * @example
 * const { channelId } = await openChannelFromWallet({ publicClient, walletClient: agentClient, contracts, payee, deposit: parseUsd('2') })
 */
export async function openChannelFromWallet({
  publicClient,
  walletClient,
  contracts,
  payee,
  deposit,
  royalty,
  salt = randomBytes32(),
}: OpenChannelFromWalletParameters): Promise<OpenChannelFromWalletReturnType> {
  try {
    const account = requireAccount(walletClient)
    const [royaltyAsset, royaltyBps] = royaltyArgs(royalty)
    const { request } = await publicClient.simulateContract({
      account,
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'openChannel',
      args: [contracts.paymentChannels, payee, deposit, royaltyAsset, royaltyBps, salt],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [funded] = eventsOf(receipt, contracts.agentWallets, agentWalletsAbi, 'ChannelFunded')
    const channelAccount = await publicClient.readContract({
      address: contracts.agentWallets,
      abi: walletsCallAbi,
      functionName: 'channelAccountOf',
      args: [account.address],
    })
    return { channelId: funded!.args.channelId, channelAccount, salt, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
