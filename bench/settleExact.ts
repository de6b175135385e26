import { readPaymentResponse } from '@rightflow/sdk'
import { ExactEvmScheme } from '@x402/evm/exact/client'
import { wrapFetchWithPaymentFromConfig } from '@x402/fetch'
import type { Hash } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { SettleChain } from './settleChain.js'
import { type CallTimes, timed } from './settleChannel.js'
import { price, type SettleServer } from './settleServer.js'

/** x402 `exact` calls: one settlement transaction each, its gas from the receipt. */
export type ExactRun = CallTimes & {
  calls: number
  gas: bigint[]
  /** Transactions mined while the calls ran (one per call expected). */
  transactions: number
}

/** Calls made by a throwaway payer first (JIT, connections, the facilitator's first settlement). */
export const exactWarmupCalls = 5

/**
 * One client of the official packages (@x402/fetch with @x402/evm's ExactEvmScheme, configured as their README
 * says plus the spend control our test token needs) makes `calls` paid calls to the same route as the channel
 * client, each beside an unpaid call; the server settles each through our facilitator (x402's exact facilitator
 * scheme on our relayer) before it answers.
 */
export async function measureExact(
  chain: SettleChain,
  server: SettleServer,
  calls: number,
): Promise<ExactRun> {
  await payCalls(server, await exactClient(chain, exactWarmupCalls), exactWarmupCalls)
  const pay = await exactClient(chain, calls)
  const start = await chain.publicClient.getBlockNumber()
  const run = await payCalls(server, pay, calls)
  const gas = await Promise.all(run.hashes.map((hash) => chain.gasOf(hash)))
  const transactions = (await chain.transactionsSince(start)).length
  return { calls, paid: run.paid, unpaid: run.unpaid, gas, transactions }
}

/**
 * A fresh payer holding a price more than `calls` need (its last payment does not empty its balance, which would
 * earn a storage refund no steady payer gets), and no ETH (EIP-3009 payers need none), with the official client.
 */
async function exactClient(chain: SettleChain, calls: number): Promise<typeof fetch> {
  const account = privateKeyToAccount(await chain.payer(BigInt(calls + 1) * price))
  return wrapFetchWithPaymentFromConfig(fetch, {
    schemes: [{ network: chain.network, client: new ExactEvmScheme(account) }],
    spendControls: { allowedAssets: [{ network: chain.network, asset: chain.contracts.paymentToken }] },
  })
}

async function payCalls(server: SettleServer, pay: typeof fetch, calls: number) {
  const times: CallTimes & { hashes: Hash[] } = { paid: [], unpaid: [], hashes: [] }
  for (let i = 0; i < calls; i++) {
    times.unpaid.push(await timed(() => fetch(server.freeUrl)))
    let response: Response | undefined
    times.paid.push(
      await timed(async () => {
        response = await pay(server.paidUrl)
        return response
      }),
    )
    const settled = readPaymentResponse(response!)
    if (!settled?.success || !settled.transaction) throw new Error('an exact payment named no settlement')
    times.hashes.push(settled.transaction as Hash)
  }
  return times
}
