import { cpus } from 'node:os'
import { fixed, int, type Table } from './section.js'
import type { ChannelRun } from './settleChannel.js'
import type { ExactRun } from './settleExact.js'
import type { LoadRun } from './settleLoad.js'
import type { Rate, VoucherRates } from './settleVouchers.js'
import { percentiles } from './stats.js'

/** The call count the targets are stated for. */
export const targetCalls = 10_000

/** What one side of the comparison comes to, per call and for `targetCalls` calls. */
export type PerCall = {
  gas: number
  transactions: number
  p50Added: number
  p99Added: number
  paid: ReturnType<typeof percentiles>
  unpaid: ReturnType<typeof percentiles>
}

export function channelPerCall(run: ChannelRun): PerCall & { totalGas: bigint } {
  const totalGas = run.transactions.reduce((sum, tx) => sum + tx.gas, 0n)
  return {
    ...latency(run),
    gas: Number(totalGas) / run.calls,
    transactions: run.transactions.length / run.calls,
    totalGas,
  }
}

export function exactPerCall(run: ExactRun): PerCall & { minGas: bigint; maxGas: bigint } {
  const gas = run.gas.reduce((a, b) => a + b, 0n)
  const sorted = [...run.gas].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    ...latency(run),
    gas: Number(gas) / run.calls,
    transactions: run.transactions / run.calls,
    minGas: sorted[0]!,
    maxGas: sorted[sorted.length - 1]!,
  }
}

function latency(run: { paid: number[]; unpaid: number[] }) {
  const [paid, unpaid] = [percentiles(run.paid), percentiles(run.unpaid)]
  return { paid, unpaid, p50Added: paid.p50 - unpaid.p50, p99Added: paid.p99 - unpaid.p99 }
}

export function comparisonTable(channel: ChannelRun, exact: ExactRun): Table {
  const [c, e] = [channelPerCall(channel), exactPerCall(exact)]
  const channelAt = (value: string) => (channel.calls === targetCalls ? value : `${value} (extrapolated)`)
  const ms = (value: number) => `${fixed(value)} ms`
  const added = (value: number) => `${value >= 0 ? '+' : ''}${fixed(value)} ms`
  return {
    headers: [
      'per paid call',
      '`channel` (Rightflow)',
      'x402 `exact` (official packages)',
      'exact / channel',
    ],
    rows: [
      ['paid calls measured', int(channel.calls), int(exact.calls), ''],
      [
        'gas per call',
        `${fixed(c.gas, 1)} (amortized)`,
        `${int(e.gas)} (measured ${int(e.minGas)}–${int(e.maxGas)})`,
        `${int(e.gas / c.gas)}×`,
      ],
      [
        'on-chain transactions per call',
        fixed(c.transactions, 4),
        fixed(e.transactions, 2),
        `${int(e.transactions / c.transactions)}×`,
      ],
      [
        'added latency p50 (paid − unpaid)',
        added(c.p50Added),
        added(e.p50Added),
        ratio(e.p50Added, c.p50Added),
      ],
      [
        'added latency p99 (paid − unpaid)',
        added(c.p99Added),
        added(e.p99Added),
        ratio(e.p99Added, c.p99Added),
      ],
      [
        'paid call p50 / p99',
        `${ms(c.paid.p50)} / ${ms(c.paid.p99)}`,
        `${ms(e.paid.p50)} / ${ms(e.paid.p99)}`,
        '',
      ],
      [
        'same route unpaid p50 / p99, same run',
        `${ms(c.unpaid.p50)} / ${ms(c.unpaid.p99)}`,
        `${ms(e.unpaid.p50)} / ${ms(e.unpaid.p99)}`,
        '',
      ],
      [
        `${int(targetCalls)} calls: gas`,
        channelAt(int(c.totalGas)),
        `${int(e.gas * targetCalls)} (extrapolated)`,
        '',
      ],
      [
        `${int(targetCalls)} calls: transactions`,
        channelAt(int(channel.transactions.length)),
        `${int(targetCalls)} (extrapolated)`,
        '',
      ],
      [
        `${int(targetCalls)} calls: paying time (sum of paid calls)`,
        channelAt(`${fixed((c.paid.mean * targetCalls) / 1000, 1)} s`),
        `${fixed((e.paid.mean * targetCalls) / 1000, 1)} s (extrapolated)`,
        '',
      ],
    ],
  }
}

export function channelLifeTable(channel: ChannelRun): Table {
  const total = channel.transactions.reduce((sum, tx) => sum + tx.gas, 0n)
  return {
    headers: ['the channel’s transactions', 'gas', `per call over ${int(channel.calls)}`],
    rows: [
      ...channel.transactions.map((tx) => [tx.kind, int(tx.gas), fixed(Number(tx.gas) / channel.calls, 1)]),
      ['all together', int(total), fixed(Number(total) / channel.calls, 1)],
    ],
  }
}

export function cpuTable({ cpu }: ChannelRun): Table {
  const row = (side: 'client' | 'server', label: string) => [
    label,
    fixed(cpu.unpaid[side], 3),
    fixed(cpu.paid[side], 3),
    `+${fixed(cpu.paid[side] - cpu.unpaid[side], 3)}`,
  ]
  return {
    headers: ['CPU per call, one call at a time (ms)', 'unpaid', 'paid by channel', 'added'],
    rows: [
      row('client', 'client process (our paying fetch: voucher signing, x402 headers)'),
      row('server', 'server process (paidRoutes: channel fast path, voucher check, SQLite charge)'),
    ],
  }
}

export function vouchersTable({ check, charge, sign, nativeSign }: VoucherRates): Table {
  const row = (label: string, rate: Rate) => [
    label,
    int(rate.perSecond),
    fixed(1e6 / rate.perSecond, 1),
    int(rate.count),
  ]
  return {
    headers: ['one core, in a loop', 'per second', 'µs each', 'measured'],
    rows: [
      row('voucher check: recoverVoucherSigner (EIP-712 digest + libsecp256k1) and compare', check),
      row('server verify + charge: ChannelVerifier.charge on SqliteChannelStore', charge),
      row(
        'signVoucher with a viem account (pure JS): agent-wallet channels, whose voucher key is the agent',
        sign,
      ),
      row(
        'signVoucherWithKey (libsecp256k1): channels the client funds itself, with their own voucher key',
        nativeSign,
      ),
    ],
  }
}

export function loadTable(load: LoadRun): Table {
  const perSecond = load.served / load.seconds
  const claimGas = load.claimGas.reduce((a, b) => a + b, 0n)
  return {
    headers: [`${load.clients} concurrent paying clients, ${load.seconds} s`, ''],
    rows: [
      ['paid calls served (200)', int(load.served)],
      ['throughput', `${int(perSecond)} paid requests/s`],
      [
        'latency p50 / p90 / p99',
        `${fixed(load.latency.p50)} / ${fixed(load.latency.p90)} / ${fixed(load.latency.p99)} ms`,
      ],
      ['payments refused', int(load.refused)],
      ['200s without a successful PAYMENT-RESPONSE', int(load.unreceipted)],
      ['errors reported by the server’s channel scheme (whole run)', int(load.serverErrors)],
      [
        'server CPU (cores busy on average)',
        `${fixed(load.serverCpu, 1)} s (${fixed(load.serverCpu / load.seconds)})`,
      ],
      [
        'server CPU per paid request',
        `${fixed((load.serverCpu * 1000) / load.served)} ms: about ${int(load.served / load.serverCpu)} paid requests/s per core it keeps busy`,
      ],
      [
        `client CPU, all ${load.clients} clients in one process`,
        `${fixed(load.clientCpu, 1)} s (${fixed(load.clientCpu / load.seconds)})`,
      ],
      [
        'the whole machine’s CPU, other processes included',
        `${fixed(load.machineCpu, 1)} s (${fixed(load.machineCpu / load.seconds)} of ${cpus().length} cores)`,
      ],
      [
        'charged by the server (store) / (served + opening calls) × price',
        `${int(load.charged)} / ${int(load.expected)} token units`,
      ],
      ['channels whose charge ≠ own client’s 200s × price', int(load.mismatched)],
      [
        'claimed afterwards, read back from the channels on chain',
        `${int(load.claimed)} token units (the payee's claim took ${int(load.claimedChannels)} channels)`,
      ],
      [
        'claim gas',
        `${int(claimGas)} in ${load.claimGas.length} transaction(s): ${int(Number(claimGas) / Math.max(1, load.claimedChannels))} per channel`,
      ],
    ],
  }
}

function ratio(exact: number, channel: number): string {
  return channel > 0 ? `${int(exact / channel)}×` : ''
}
