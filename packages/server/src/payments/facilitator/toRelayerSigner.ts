import { type FacilitatorEvmSigner, toFacilitatorEvmSigner } from '@x402/evm'
import type { Abi, PublicClient, WalletClient } from 'viem'
import type { AssetContracts } from './AssetContracts.js'

export type ToRelayerSignerParameters = {
  publicClient: PublicClient
  /** Sends the settlements and pays their gas. Its account needs viem's nonce manager for parallel settles. */
  walletClient: WalletClient
  /** Longest wait for a settlement receipt before reporting `settlement_pending`. */
  confirmationTimeoutMs?: number | undefined
  /** Tokens already read: x402's own asset check is answered from here, so it cannot fail (see AssetContracts). */
  assets?: AssetContracts | undefined
}

/**
 * Our relayer as the signer x402's EVM facilitator schemes expect: reads and signature checks through the
 * public client, transactions from the wallet client.
 *
 * @example
 * const signer = toRelayerSigner({ publicClient: chain.publicClient, walletClient: chain.walletClient })
 */
export function toRelayerSigner({
  publicClient,
  walletClient,
  confirmationTimeoutMs = 60_000,
  assets,
}: ToRelayerSignerParameters): FacilitatorEvmSigner {
  const account = walletClient.account
  if (!account) throw new Error('The relayer wallet client has no account.')
  if (account.type === 'local' && !account.nonceManager)
    throw new Error('The relayer account needs a nonce manager: parallel settlements would reuse nonces.')
  const chain = walletClient.chain ?? publicClient.chain
  return toFacilitatorEvmSigner(
    {
      address: account.address,
      readContract: (args) =>
        publicClient.readContract({ ...args, abi: args.abi as Abi, args: args.args ?? [] }),
      verifyTypedData: (args) =>
        publicClient.verifyTypedData(args as Parameters<PublicClient['verifyTypedData']>[0]),
      writeContract: (args) =>
        walletClient.writeContract({ ...args, abi: args.abi as Abi, account, chain } as Parameters<
          WalletClient['writeContract']
        >[0]),
      sendTransaction: (args) => walletClient.sendTransaction({ ...args, account, chain }),
      waitForTransactionReceipt: (args) => publicClient.waitForTransactionReceipt(args),
      getCode: async (args) => assets?.known(args.address) ?? publicClient.getCode(args),
    },
    { confirmationTimeoutMs },
  )
}
