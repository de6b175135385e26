import type { Address, Hex, TransactionReceipt } from 'viem'
import { type PaymentContracts, readPaymentBalance } from '../../src/index.js'
import { type RightsChain, startRightsChain } from './rightsChain.js'

export type PaymentsChain = Omit<RightsChain, 'payments'> & {
  /** The Settle contracts and the payment token they move. */
  payments: PaymentContracts
  /** Payment token units held by an account. */
  balance(account: Address): Promise<bigint>
  /** Moves the chain's clock forward and mines a block (anvil's evm_increaseTime + evm_mine). */
  travel(seconds: number): Promise<void>
  /** The timestamp of the block that included a transaction. */
  minedAt(txHash: Hex): Promise<number>
}

/** A dev chain with the License and Settle contracts, and helpers for balances and time. */
export async function startPaymentsChain(): Promise<PaymentsChain> {
  const chain = await startRightsChain()
  const payments = { ...chain.payments, paymentToken: chain.contracts.paymentToken }
  const { publicClient, testClient } = chain
  return {
    ...chain,
    payments,
    balance: (account) => readPaymentBalance({ publicClient, token: payments.paymentToken, account }),
    async travel(seconds) {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    },
    async minedAt(txHash) {
      const receipt: TransactionReceipt = await publicClient.getTransactionReceipt({ hash: txHash })
      const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber })
      return Number(block.timestamp)
    },
  }
}

export { expectRevert, failure } from './failure.js'
