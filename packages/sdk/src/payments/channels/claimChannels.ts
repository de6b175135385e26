import type { Hex, PublicClient, WalletClient } from 'viem'
import { paymentChannelsAbi } from '../../generated/paymentChannels.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { channelsCallAbi } from '../settleCall.js'

/**
 * One channel's claim: a voucher (the payee may take up to `cumulativeAmount` from the channel in total) and the
 * total the payee takes under it, `claimTotal` (at most `cumulativeAmount`; the voucher's whole amount when
 * omitted). A payee claims what it charged, whatever larger voucher the payer sent.
 */
export type ChannelClaim = { channelId: Hex; cumulativeAmount: bigint; claimTotal?: bigint; signature: Hex }

export type ClaimChannelsParameters = {
  publicClient: PublicClient
  /** The payee of every channel claimed. */
  walletClient: WalletClient
  contracts: PaymentContracts
  claims: readonly ChannelClaim[]
}

export type ClaimChannelsReturnType = {
  /** Newly paid out by this claim, royalties included. */
  total: bigint
  /** The part of `total` credited to royalty vaults. */
  royalties: bigint
  txHash: Hex
}

/**
 * Brings many channels' claimed totals up to their `claimTotal` in one transaction; the payee is paid once for
 * the batch and each channel's royalty share goes to its asset's vault. A total at or below what was already
 * claimed pays nothing (replays are harmless); any invalid claim reverts the whole batch (`invalid_voucher`,
 * `claim_above_voucher`, `voucher_above_deposit`, `not_payee`…).
 *
 * @example
 * const { total } = await claimChannels({ publicClient, walletClient, contracts, claims: [{ channelId, cumulativeAmount, claimTotal: charged, signature }] })
 */
export async function claimChannels({
  publicClient,
  walletClient,
  contracts,
  claims,
}: ClaimChannelsParameters): Promise<ClaimChannelsReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.paymentChannels,
      abi: channelsCallAbi,
      functionName: 'claim',
      args: [
        claims.map(({ channelId, cumulativeAmount, claimTotal, signature }) => ({
          channelId,
          cumulativeAmount,
          claimTotal: claimTotal ?? cumulativeAmount,
          signature,
        })),
      ],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const claimed = eventsOf(receipt, contracts.paymentChannels, paymentChannelsAbi, 'ChannelClaimed')
    return {
      total: claimed.reduce((sum, { args }) => sum + args.amount, 0n),
      royalties: claimed.reduce((sum, { args }) => sum + args.royalty, 0n),
      txHash,
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
