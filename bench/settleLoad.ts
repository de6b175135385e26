import { readFileSync } from 'node:fs'
import { type Hex, readChannel, readPaymentResponse } from '@rightflow/sdk'
import { clockTicks } from './serverProcess.js'
import type { SettleChain } from './settleChain.js'
import { payingClient } from './settleChannel.js'
import { price, type SettleServer } from './settleServer.js'
import { type Percentiles, percentiles } from './stats.js'

export type LoadRun = {
  clients: number
  seconds: number
  /** Paid calls answered 200 in the timed window, and the others. */
  served: number
  refused: number
  /** Of the 200s, those without a successful PAYMENT-RESPONSE: served without a payment. */
  unreceipted: number
  latency: Percentiles
  /** CPU seconds the server process, this (client) process and the whole machine used in the window. */
  serverCpu: number
  clientCpu: number
  machineCpu: number
  /** Σ charged on the clients' channels, by the server's store, against (warm-up + served) × price. */
  charged: bigint
  expected: bigint
  /** Channels whose charge differs from its own client's count of 200s × price. */
  mismatched: number
  /** Failures the server's channel scheme reported over the whole benchmark. */
  serverErrors: number
  /** The payee's claim of every channel afterwards: what the channels say they paid out (read from the chain). */
  claimed: bigint
  claimGas: bigint[]
  claimedChannels: number
}

/** Upper bound on one client's calls in the window, for its deposit: more than the server could serve. */
const maxCallsPerClient = 20_000

/**
 * `clients` payers, each with its own channel (opened by a first, untimed call), call the paid route in a
 * sequential loop each, all at once, for `seconds`. Afterwards every channel's charge in the server's store is
 * compared with its client's count of 200 responses, and the payee claims them all on chain.
 */
export async function measureLoad(
  chain: SettleChain,
  server: SettleServer,
  { clients, seconds }: { clients: number; seconds: number },
): Promise<LoadRun> {
  const payers = []
  for (let i = 0; i < clients; i++) payers.push(await payingClient(chain, maxCallsPerClient))
  // Opened one after another, untimed: 100 opens at once made a receipt wait time out on a loaded machine.
  const channelIds: Awaited<ReturnType<typeof firstCall>>[] = []
  for (const { pay } of payers) channelIds.push(await firstCall(server, pay))
  const counts = payers.map(() => 0)
  const latencies: number[] = []
  let refused = 0
  let unreceipted = 0
  const serverCpu = server.cpuSeconds()
  const clientCpu = process.cpuUsage()
  const machineCpu = machineCpuSeconds()
  const until = performance.now() + seconds * 1000
  await Promise.all(
    payers.map(async ({ pay }, i) => {
      while (performance.now() < until) {
        const start = performance.now()
        // Our paying fetch throws when the server refuses a payment: counted, never served.
        const status = await pay(server.paidUrl).then(
          async (response) => {
            await response.arrayBuffer()
            if (response.status === 200 && !readPaymentResponse(response)?.success) unreceipted++
            return response.status
          },
          () => 402,
        )
        latencies.push(performance.now() - start)
        if (status === 200) counts[i]!++
        else refused++
      }
    }),
  )
  const used = process.cpuUsage(clientCpu)
  const cpu = {
    server: server.cpuSeconds() - serverCpu,
    client: (used.user + used.system) / 1e6,
    machine: machineCpuSeconds() - machineCpu,
  }
  const served = counts.reduce((a, b) => a + b, 0)
  const { channels, errors } = await server.state()
  const chargedOf = new Map(channels.map((c) => [c.channelId.toLowerCase(), BigInt(c.charged)]))
  const ownCharges = channelIds.map((id) => chargedOf.get(id.toLowerCase()) ?? 0n)
  const mismatched = ownCharges.filter((charged, i) => charged !== BigInt(counts[i]! + 1) * price).length
  const claim = await server.claim()
  const { publicClient, contracts } = chain
  const onChain = await Promise.all(
    channelIds.map((channelId) => readChannel({ publicClient, contracts, channelId })),
  )
  return {
    clients,
    seconds,
    served,
    refused,
    unreceipted,
    latency: percentiles(latencies),
    serverCpu: cpu.server,
    clientCpu: cpu.client,
    machineCpu: cpu.machine,
    charged: ownCharges.reduce((a, b) => a + b, 0n),
    expected: BigInt(served + clients) * price,
    mismatched,
    serverErrors: errors,
    claimed: onChain.reduce((sum, channel) => sum + (channel?.claimed ?? 0n), 0n),
    claimGas: await Promise.all(claim.transactions.map((hash) => chain.gasOf(hash))),
    claimedChannels: claim.channels,
  }
}

/** The client's first paid call: it opens the channel (two transactions); returns the channel's id. */
async function firstCall(server: SettleServer, pay: typeof fetch): Promise<Hex> {
  const response = await pay(server.paidUrl)
  await response.arrayBuffer()
  const channelId = (readPaymentResponse(response)?.extra as { channelId?: Hex } | undefined)?.channelId
  if (response.status !== 200 || !channelId) throw new Error(`first paid call: ${response.status}`)
  return channelId
}

/** CPU seconds all cores have spent busy since boot (/proc/stat: everything but idle and iowait). */
function machineCpuSeconds(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number)
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / clockTicks
}
