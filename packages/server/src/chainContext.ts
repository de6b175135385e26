import type { PaymentAddresses, RightsAddresses } from '@rightflow/sdk'
import type { Address, PublicClient, WalletClient } from 'viem'

/** How the server reaches the chain: only through JSON-RPC, so the same code runs on anvil and on an L2. */
export type ChainContext = {
  rpcUrl: string
  chainId: number
  registry: Address
  /** The License contracts; undefined when they are not deployed on this chain (rights routes answer 503). */
  rights: RightsAddresses | undefined
  /** The Settle contracts (channels, agent wallets, streams, escrow); undefined when not deployed here. */
  payments: PaymentAddresses | undefined
  publicClient: PublicClient
  /** The relayer that pays for anchoring and direct registrations. */
  walletClient: WalletClient
}
