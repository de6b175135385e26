import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait, tokenAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'

export type MintTestStablecoinParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  /** The test stablecoin (see testStablecoinAddress); its mint is open to anyone. */
  token: Address
  to: Address
  /** Token units, 6 decimals. */
  amount: bigint
}

export type MintTestStablecoinReturnType = { txHash: Hex }

/**
 * Development faucet: mints test stablecoin on a local chain. The test stablecoin exists only where
 * deployRights deployed it; on a real chain the payment token is USDC and this reverts.
 *
 * @example
 * await mintTestStablecoin({ publicClient, walletClient, token: contracts.paymentToken, to, amount: parseUsd('100') })
 */
export async function mintTestStablecoin({
  publicClient,
  walletClient,
  token,
  to,
  amount,
}: MintTestStablecoinParameters): Promise<MintTestStablecoinReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: token,
      abi: tokenAbi,
      functionName: 'mint',
      args: [to, amount],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
