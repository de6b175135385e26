import {
  deployPayments,
  deployRegistry,
  deployRights,
  type Hex,
  type PaymentAddresses,
  type RightsAddresses,
} from '@rightflow/sdk'
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type PublicClient,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type Anvil, type AnvilOptions, startAnvil } from '../../src/embedded/startAnvil.js'

/** anvil's well-known dev keys: funded on every fresh anvil. */
export const devKeys = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
] as const satisfies Hex[]

export type DevChain = {
  anvil: Anvil
  rpcUrl: string
  chainId: number
  registry: Hex
  /** The License contracts and the test stablecoin, deployed at their deterministic addresses. */
  rights: RightsAddresses
  /** The Settle contracts (channels, agent wallets, streams, escrow). */
  payments: PaymentAddresses
  publicClient: PublicClient
  walletClient: WalletClient
  stop(): Promise<void>
}

/** A real anvil with the registry and the License contracts deployed at their deterministic addresses. */
export async function startDevChain(options: AnvilOptions = {}): Promise<DevChain> {
  const anvil = await startAnvil(options)
  const chain = defineChain({
    id: options.chainId ?? 31337,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  })
  const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 20 })
  const walletClient = createWalletClient({
    chain,
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(devKeys[0]),
  })
  const { address } = await deployRegistry({ publicClient, walletClient })
  const rights = await deployRights({ publicClient, walletClient, provenance: address })
  const payments = await deployPayments({ publicClient, walletClient, ...rights })
  return {
    anvil,
    rpcUrl: anvil.rpcUrl,
    chainId: chain.id,
    registry: address,
    rights,
    payments,
    publicClient,
    walletClient,
    stop: () => anvil.stop(),
  }
}
