import type { Address, PublicClient } from 'viem'
import { tokenAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'

export type ReadPaymentBalanceParameters = { publicClient: PublicClient; token: Address; account: Address }

/** Payment token units (6 decimals: format with formatUsd). */
export type ReadPaymentBalanceReturnType = bigint

/**
 * The payment token balance of an account (or of a vault).
 *
 * @example
 * formatUsd(await readPaymentBalance({ publicClient, token: contracts.paymentToken, account }))
 */
export async function readPaymentBalance({
  publicClient,
  token,
  account,
}: ReadPaymentBalanceParameters): Promise<ReadPaymentBalanceReturnType> {
  try {
    return await publicClient.readContract({
      address: token,
      abi: tokenAbi,
      functionName: 'balanceOf',
      args: [account],
    })
  } catch (error) {
    throw toRightsError(error)
  }
}
