import type { Address, PublicClient, WalletClient } from 'viem'

/** How the server reaches the chain: only through JSON-RPC, so the same code runs on anvil and on an L2. */
export type ChainContext = {
  rpcUrl: string
  chainId: number
  registry: Address
  publicClient: PublicClient
  /** The relayer that pays for anchoring and direct registrations. */
  walletClient: WalletClient
}
