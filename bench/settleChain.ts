import {
  deployPayments,
  deployRights,
  type Hex,
  mintTestStablecoin,
  type PaymentContracts,
} from '@rightflow/sdk'
import { ensureMulticall3 } from '@rightflow/server'
import { type Address, type Hash, toHex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { type BenchChain, startBenchChain } from './devChain.js'

/**
 * anvil's second dev account: the resource server's relayer, which sends (and pays for) every `exact`
 * settlement and, as the paid route's payee, the channel claims and closes.
 */
export const facilitatorKey: Hex = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'

export type MinedTransaction = { hash: Hash; from: Address; to: Address | null; gas: bigint }

export type SettleChain = BenchChain & {
  network: `eip155:${number}`
  contracts: PaymentContracts
  /** A fresh payer holding `units` of the test stablecoin and, when it sends its own transactions, some ETH. */
  payer(units: bigint, options?: { gas?: boolean }): Promise<Hex>
  /** Every transaction mined after block `after`, with its gas. */
  transactionsSince(after: bigint): Promise<MinedTransaction[]>
  gasOf(hash: Hash): Promise<bigint>
}

/** A fresh anvil with the registry, the License and Settle contracts, the test stablecoin and Multicall3. */
export async function startSettleChain(): Promise<SettleChain> {
  const chain = await startBenchChain()
  try {
    const { publicClient, walletClient } = chain
    const rights = await deployRights({ publicClient, walletClient, provenance: chain.registry })
    const payments = await deployPayments({ publicClient, walletClient, ...rights })
    // Without Multicall3 the exact facilitator cannot name why a payment failed.
    await ensureMulticall3({ rpcUrl: chain.rpcUrl })
    const contracts = { ...payments, paymentToken: rights.paymentToken }
    const setBalance = (address: Address) =>
      publicClient.request({
        method: 'anvil_setBalance' as 'eth_chainId',
        params: [address, toHex(10n ** 20n)] as never,
      })
    return {
      ...chain,
      network: `eip155:${chain.chainId}`,
      contracts,
      async payer(units, { gas = false } = {}) {
        const key = generatePrivateKey()
        const to = privateKeyToAccount(key).address
        if (gas) await setBalance(to)
        await mintTestStablecoin({
          publicClient,
          walletClient,
          token: contracts.paymentToken,
          to,
          amount: units,
        })
        return key
      },
      async transactionsSince(after) {
        const mined: MinedTransaction[] = []
        const latest = await publicClient.getBlockNumber()
        for (let n = after + 1n; n <= latest; n++) {
          const block = await publicClient.getBlock({ blockNumber: n, includeTransactions: true })
          for (const tx of block.transactions) {
            const { gasUsed } = await publicClient.getTransactionReceipt({ hash: tx.hash })
            mined.push({ hash: tx.hash, from: tx.from, to: tx.to, gas: gasUsed })
          }
        }
        return mined
      },
      gasOf: async (hash) => (await publicClient.getTransactionReceipt({ hash })).gasUsed,
    }
  } catch (error) {
    await chain.stop()
    throw error
  }
}
