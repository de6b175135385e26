import { createPayingFetch, type Hex, readPaymentResponse } from '@rightflow/sdk'
import { type Address, createPublicClient, createWalletClient, http, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { MinedTransaction, SettleChain } from './settleChain.js'
import { minDeposit, price, type SettleServer } from './settleServer.js'

/** Paid and unpaid calls to the same handler, alternating, each timed from the request to the end of the body. */
export type CallTimes = { paid: number[]; unpaid: number[] }

/** What one paying client's channel cost on chain, over its whole life, and how its calls were timed. */
export type ChannelRun = CallTimes & {
  calls: number
  /** Every transaction of the channel's life: approve, open, the payee's claim, the payee's close. */
  transactions: (MinedTransaction & { kind: string })[]
  /** CPU per call on each side, paid and unpaid, from a separate client after the run (ms). */
  cpu: { paid: CpuPerCall; unpaid: CpuPerCall }
}

export type CpuPerCall = { client: number; server: number }

/** Calls made by a throwaway client first, so the timed run starts with a warm JIT and warm connections. */
export const channelWarmupCalls = 300

/**
 * One client (our createPayingFetch, paying by `channel` only) makes `calls` paid calls, each beside an unpaid
 * call of the same handler. Its first call opens the channel; after the last the payee claims and then closes
 * it with the final voucher. Every transaction mined from the first call to the close is this channel's.
 */
export async function measureChannel(
  chain: SettleChain,
  server: SettleServer,
  calls: number,
): Promise<ChannelRun> {
  const warm = await payingClient(chain, channelWarmupCalls)
  await timeCalls(server, warm.pay, channelWarmupCalls)
  await server.claim()
  const { pay, payer } = await payingClient(chain, calls)
  const start = await chain.publicClient.getBlockNumber()
  const { times, channelId } = await timeCalls(server, pay, calls)
  const claim = await server.claim()
  if (claim.total !== BigInt(calls) * price)
    throw new Error(`the claim took ${claim.total}, not the ${calls} calls' ${BigInt(calls) * price}`)
  const close = await server.close(channelId)
  const mined = await chain.transactionsSince(start)
  const kindOf = (tx: MinedTransaction) => {
    if (claim.transactions.includes(tx.hash)) return 'claim (payee)'
    if (tx.hash === close) return 'closeWithVoucher (payee)'
    if (tx.from.toLowerCase() !== payer.toLowerCase()) return 'other'
    return tx.to?.toLowerCase() === chain.contracts.paymentToken.toLowerCase()
      ? 'approve (payer)'
      : 'open (payer)'
  }
  const transactions = mined.map((tx) => ({ ...tx, kind: kindOf(tx) }))
  if (transactions.some((tx) => tx.kind === 'other'))
    throw new Error('a transaction from neither the payer nor the payee was mined during the channel run')
  const cpu = await cpuPerCall(chain, server, Math.max(300, Math.round(calls / 10)))
  return { calls, ...times, transactions, cpu }
}

/**
 * Where a paid call's time goes: client (this process) and server CPU per call over `calls` unpaid calls, then
 * as many paid ones, one at a time.
 */
async function cpuPerCall(chain: SettleChain, server: SettleServer, calls: number) {
  const { pay } = await payingClient(chain, calls + 1)
  await timed(() => pay(server.paidUrl))
  const phase = async (call: () => Promise<Response>): Promise<CpuPerCall> => {
    const [client, serverCpu] = [process.cpuUsage(), server.cpuSeconds()]
    for (let i = 0; i < calls; i++) await timed(call)
    const used = process.cpuUsage(client)
    return {
      client: (used.user + used.system) / 1000 / calls,
      server: ((server.cpuSeconds() - serverCpu) * 1000) / calls,
    }
  }
  const unpaid = await phase(() => fetch(server.freeUrl))
  const paid = await phase(() => pay(server.paidUrl))
  // Claimed now, so that the load run's claim covers its own channels only.
  await server.claim()
  return { paid, unpaid }
}

/**
 * A fresh payer with ETH for its transactions, our paying fetch (paying by channel only) and a deposit for
 * `calls` calls (at least the server's minimum). It holds a price more than the deposit, so that opening the
 * channel does not empty its balance (a storage refund no steady payer gets).
 */
export async function payingClient(
  chain: SettleChain,
  calls: number,
): Promise<{ pay: typeof fetch; payer: Address }> {
  const deposit = BigInt(calls) * price > minDeposit ? BigInt(calls) * price : minDeposit
  const account = privateKeyToAccount(await chain.payer(deposit + price, { gas: true }))
  const transport = http(chain.rpcUrl)
  const chainConfig = chain.walletClient.chain
  const publicClient = createPublicClient({
    chain: chainConfig,
    transport,
    pollingInterval: 20,
  }) as PublicClient
  const walletClient = createWalletClient({ chain: chainConfig, transport, account })
  const pay = createPayingFetch({
    account,
    network: chain.network,
    maxAmountPerRequest: price,
    allowedAssets: [chain.contracts.paymentToken],
    schemes: ['channel'],
    channel: { publicClient, walletClient, channels: chain.contracts.paymentChannels, deposit },
  })
  return { pay, payer: account.address }
}

async function timeCalls(
  server: SettleServer,
  pay: typeof fetch,
  calls: number,
): Promise<{ times: CallTimes; channelId: Hex }> {
  const times: CallTimes = { paid: [], unpaid: [] }
  let channelId: Hex | undefined
  for (let i = 0; i < calls; i++) {
    times.unpaid.push(await timed(() => fetch(server.freeUrl)))
    let response: Response | undefined
    times.paid.push(
      await timed(async () => {
        response = await pay(server.paidUrl)
        return response
      }),
    )
    channelId ??= (readPaymentResponse(response!)?.extra as { channelId?: Hex } | undefined)?.channelId
  }
  if (!channelId) throw new Error('no PAYMENT-RESPONSE named the channel')
  return { times, channelId }
}

/** Milliseconds from the request to the end of the body; anything but 200 fails the run. */
export async function timed(call: () => Promise<Response>): Promise<number> {
  const start = performance.now()
  const response = await call()
  await response.arrayBuffer()
  const ms = performance.now() - start
  if (response.status !== 200) throw new Error(`${response.url}: ${response.status}`)
  return ms
}
