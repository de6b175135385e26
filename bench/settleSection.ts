import { cpus } from 'node:os'
import { defaultPaymentsConfig } from '@rightflow/server'
import { fixed, int, type Outcome, type Section } from './section.js'
import { type ChannelRun, channelWarmupCalls } from './settleChannel.js'
import { type ExactRun, exactWarmupCalls } from './settleExact.js'
import type { LoadRun } from './settleLoad.js'
import { minDeposit, price } from './settleServer.js'
import {
  channelLifeTable,
  channelPerCall,
  comparisonTable,
  cpuTable,
  exactPerCall,
  loadTable,
  targetCalls,
  vouchersTable,
} from './settleTables.js'
import type { VoucherRates } from './settleVouchers.js'

export type SettleRun = {
  channel: ChannelRun
  exact: ExactRun
  vouchers: VoucherRates
  load: LoadRun
  chainName: string
  /** The machine's load averages (1, 5, 15 min) when the section started and ended. */
  loads: [string, string]
}

const gasTarget = 30
const ratioTarget = 2_000
const addedLatencyTarget = 1

export function settleSection(run: SettleRun): Section {
  const { channel, exact, vouchers, load } = run
  return {
    id: 'settle',
    title: `9. Settle: ${int(channel.calls)} calls paid by \`channel\` beside x402 \`exact\``,
    summary: summary(run),
    tables: [
      comparisonTable(channel, exact),
      channelLifeTable(channel),
      cpuTable(channel),
      vouchersTable(vouchers),
      loadTable(load),
    ],
    notes: notes(run),
  }
}

function summary({ channel, exact, load }: SettleRun): Outcome[] {
  const [c, e] = [channelPerCall(channel), exactPerCall(exact)]
  const over =
    channel.calls === targetCalls ? '' : ` (over ${int(channel.calls)} calls, not ${int(targetCalls)})`
  const paidInFull = load.charged === load.expected && load.mismatched === 0 && load.claimed === load.expected
  return [
    {
      target: `\`channel\`: ≤ ${gasTarget} gas per paid call amortized over ${int(targetCalls)} calls, ≥ ${int(ratioTarget)}× less than x402 \`exact\``,
      result: `${fixed(c.gas, 1)} gas per call${over}, ${channel.transactions.length} transactions in all; \`exact\` ${int(e.gas)} per call: ${int(e.gas / c.gas)}×`,
      met: c.gas <= gasTarget && e.gas / c.gas >= ratioTarget,
    },
    {
      target: `\`channel\`: ≤ ${addedLatencyTarget} ms added p50 latency over the same unpaid call`,
      result: `+${fixed(c.p50Added)} ms p50, +${fixed(c.p99Added)} ms p99 (\`exact\`: +${fixed(e.p50Added)} ms p50)`,
      met: c.p50Added <= addedLatencyTarget,
    },
    {
      target: `${load.clients} concurrent paying clients: no response served without payment`,
      result: `${int(load.served / load.seconds)} paid requests/s, p99 ${fixed(load.latency.p99)} ms; charged ${paidInFull ? '=' : '≠'} paid calls × price, claimed on chain ${load.claimed === load.expected ? '=' : '≠'} charged`,
      met: paidInFull && load.refused === 0 && load.unreceipted === 0 && load.serverErrors === 0,
    },
  ]
}

function notes({ channel, exact, vouchers, load, chainName, loads }: SettleRun): string[] {
  const e = exactPerCall(exact)
  return [
    `One run, one machine, one fresh anvil (${chainName}, a block per transaction, mined at once). The resource server runs in its own node process (\`bench/settleServe.ts\`): a Hono route priced with our \`paidRoutes\` at ${int(price)} token units ($${fixed(Number(price) / 1e6, 4)}), offering \`channel\` and \`exact\` on the same route, with the server's payments wired as \`npm start\` wires them (\`startPayments\`: our facilitator in process with x402's exact facilitator scheme on our relayer, our \`ChannelScheme\` with its SQLite store, its \`ChannelClaimer\`; the relayer is the payee). The same handler is also mounted unpaid. Clients run in the bench process over real HTTP on loopback: ours is the SDK's \`createPayingFetch\` paying by \`channel\` only; the \`exact\` client is \`@x402/fetch\` with \`@x402/evm\`'s \`ExactEvmScheme\`, configured as their README says (plus the spend control for our test token). Each paid call is timed beside an unpaid call of the same handler (alternating, same run); latency is from the request to the end of the body. Throwaway clients warm both paths first (${channelWarmupCalls} channel calls, ${exactWarmupCalls} exact calls); their transactions are not counted.`,
    `**Gas.** Every transaction mined from the channel client's first call to the payee's close is counted: the payer's approve and open (made by the paying fetch on its first call, deposit exactly ${int(channel.calls)} calls), one claim by the payee's \`ChannelClaimer\` after the last call, and the payee's cooperative \`closeWithVoucher\`. A payee that claims more often adds one claim's gas each time (${claimGas(channel)}); the server's default claimer claims a channel once ${int(defaultPaymentsConfig.claimMinUnclaimed)} token units are unclaimed (${int(defaultPaymentsConfig.claimMinUnclaimed / price)} calls at this price) or its oldest unclaimed charge is ${int(defaultPaymentsConfig.claimMaxAgeMs / 60_000)} minutes old; claims batch up to 100 channels in one transaction (the load run below claims its ${int(load.claimedChannels)} channels that way). \`exact\` gas is each settlement's \`receipt.gasUsed\`; ${int(exact.calls)} calls were made, not ${int(targetCalls)} (about ${fixed((e.paid.mean * targetCalls) / 60_000, 0)} minutes at the measured pace), so its ${int(targetCalls)}-call totals are the measured mean × ${int(targetCalls)}, marked extrapolated. That is sound because an \`exact\` call is one EIP-3009 transfer whose gas does not depend on how many came before: measured ${int(e.minGas)}–${int(e.maxGas)} gas over the ${int(exact.calls)} (the spread is calldata: signature and nonce bytes that happen to be zero cost 4 gas instead of 16), one transaction per call (${int(exact.transactions)} mined for ${int(exact.calls)} calls). Payers hold a price more than they spend, so no payment empties a balance (a refund a steady payer never gets).`,
    `**Latency.** On anvil a settlement is mined the moment it is sent, so \`exact\`'s added latency here is its floor; on a chain with blocks every 2 s it waits for inclusion on top. \`channel\` sends nothing to the chain per call: its added time is CPU on both sides (the CPU table). The client signs a voucher with the channel's own key through libsecp256k1 (${fixed(1e6 / vouchers.nativeSign.perSecond, 0)} µs in its loop; a channel opened from an agent wallet is signed by the agent's viem account instead, ${fixed(1e6 / vouchers.sign.perSecond, 0)} µs) and sends it in PAYMENT-SIGNATURE. The server takes a \`channel\` payment through paidRoutes' fast path (\`channelFastPath\`: x402's route matching and requirement matching, the voucher check and one SQLite compare-and-set, PAYMENT-RESPONSE set on the handler's own response); a refused voucher goes through x402's full middleware, which answers the 402. ${attribution(channel, vouchers)} The machine is shared: its load average was ${loads[0]} when this section started and ${loads[1]} when it ended, on ${cpus().length} cores; latency, CPU times and throughput move with it, gas does not.`,
    `**Voucher checks** run in the bench process on one thread. The verify-and-charge loop is \`ChannelVerifier.charge\` on a \`SqliteChannelStore\` (WAL, synchronous NORMAL) with a real channel on this anvil, read from the chain once by the first (untimed) charge; each timed charge recovers the signer and makes one compare-and-set write. Its vouchers were signed with libsecp256k1 over the SDK's digest, the first checked byte for byte against viem's signature.`,
    `**Load.** ${int(load.clients)} payers, each with its own channel opened by a first untimed call (a deposit of up to 20,000 calls), call the paid route in a sequential loop each, all at once, for ${load.seconds} s; then each channel's charge in the server's store is compared with its own client's count of 200 responses (plus the opening call) × price, and the payee claims them all on chain. Clients and server share the machine's two cores (with anvil), so the clients' own CPU (voucher signing) limits the rate as much as the server does.`,
    `Reproduce: \`BENCH_ONLY=settle npm run bench\` (\`BENCH_QUICK=1\` runs fewer calls and a shorter load). The server's minimum deposit is ${int(minDeposit)} token units.`,
  ]
}

function claimGas(channel: ChannelRun): string {
  const claim = channel.transactions.find((tx) => tx.kind.startsWith('claim'))
  return claim
    ? `${int(claim.gas)} gas, ${fixed(Number(claim.gas) / channel.calls, 1)} per call over ${int(channel.calls)}`
    : 'no claim was made'
}

/** What the voucher loops say of the added CPU per call, where they account for part of it. */
function attribution({ cpu }: ChannelRun, { nativeSign, charge }: VoucherRates): string {
  const added = { client: cpu.paid.client - cpu.unpaid.client, server: cpu.paid.server - cpu.unpaid.server }
  const [signMs, chargeMs] = [1000 / nativeSign.perSecond, 1000 / charge.perSecond]
  const part = (ms: number, of: number, rest: string) =>
    ms < of
      ? `about ${fixed(ms)} ms of its +${fixed(of)} ms; the rest is ${rest}`
      : `${fixed(ms)} ms in its loop, as much as the whole +${fixed(of)} ms measured at another moment of a shared machine`
  return `From the voucher loops, the client's signing is ${part(signMs, added.client, 'building and encoding the payment, the larger request and reading PAYMENT-RESPONSE')}. The server's verify-and-charge is ${part(chargeMs, added.server, 'decoding the header, matching the route and the requirements, the larger request and encoding PAYMENT-RESPONSE')}.`
}
