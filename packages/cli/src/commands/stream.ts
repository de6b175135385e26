import {
  cancelStream,
  formatUsd,
  openStream,
  type PaymentStream,
  readStream,
  withdrawFromStream,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit, table } from '../output.js'
import { parseNumberId } from '../payments/flags.js'
import { formatRate, parseRate } from '../payments/rate.js'
import {
  openPayments,
  openPaymentsWallet,
  type PaymentsSession,
  requireDeployed,
} from '../payments/session.js'
import { resolveAccount } from '../rights/accounts.js'
import { parseUsdFlag } from '../rights/flags.js'
import { formatTime } from '../rights/format.js'
import { statusLine } from '../rights/status.js'

const usd = (units: bigint) => `${formatUsd(units)} USD`

async function requireStream(session: PaymentsSession, text: string): Promise<PaymentStream> {
  const streamId = parseNumberId('stream id', text)
  await requireDeployed(session, 'streams')
  const stream = await readStream({ ...session, contracts: session.payments, streamId })
  if (!stream) throw new CliError(`there is no stream ${streamId}`, 1, 'unknown_stream')
  return stream
}

function streamRows(stream: PaymentStream, now: number): [string, string][] {
  const state = stream.cancelled
    ? 'cancelled'
    : now >= stream.depletesAt
      ? 'ran dry (a top-up restarts it)'
      : 'flowing'
  return [
    ['sender', stream.sender],
    ['recipient', stream.recipient],
    ['rate', formatRate(stream.ratePerSecond)],
    ['deposit', usd(stream.deposit)],
    ['withdrawn', usd(stream.withdrawn)],
    ['withdrawable', usd(stream.withdrawable)],
    ['started', formatTime(stream.start)],
    [stream.cancelled ? 'paid until' : 'runs dry at', formatTime(stream.depletesAt)],
    ['state', state],
  ]
}

/** A stream in JSON, with dollars beside the token units. */
const streamJson = (stream: PaymentStream) => ({
  ...stream,
  usd: {
    deposit: formatUsd(stream.deposit),
    withdrawn: formatUsd(stream.withdrawn),
    withdrawable: formatUsd(stream.withdrawable),
    perHour: formatUsd(stream.ratePerSecond * 3_600n),
  },
})

export function streamCommand(program: Command, context: () => CliContext): void {
  const stream = program
    .command('stream')
    .description('money that flows per second: compute leases, subscriptions')

  stream
    .command('open <recipient>')
    .description('lock a deposit that accrues to the recipient at a rate until it runs out')
    .requiredOption('--rate <usd/unit>', 'dollars per unit of time: 0.36/h, 0.0001/s, 8.64/day')
    .requiredOption('--deposit <usd>', 'the dollars locked; the stream runs until they have all accrued')
    .option('--key <name|address>', 'the sender’s key')
    .action(async (recipientText: string, options: { rate: string; deposit: string; key?: string }) => {
      const ctx = context()
      const ratePerSecond = parseRate(options.rate)
      const deposit = parseUsdFlag('--deposit', options.deposit)
      const recipient = await resolveAccount(ctx, 'recipient', recipientText)
      const session = await openPaymentsWallet(ctx, options.key)
      await requireDeployed(session, 'streams')
      statusLine(ctx.json)(`opening a stream of ${formatUsd(deposit)} to ${recipient}`)
      const call = { ...session, contracts: session.payments }
      const opened = await openStream({ ...call, recipient, ratePerSecond, deposit })
      const read = (await readStream({ ...call, streamId: opened.streamId }))!
      emit(ctx.json, { ...streamJson(read), txHash: opened.txHash }, () =>
        console.log(
          `Opened stream ${read.streamId}\n${table([
            ['recipient', read.recipient],
            ['rate', formatRate(read.ratePerSecond)],
            ['deposit', usd(read.deposit)],
            ['runs dry at', formatTime(read.depletesAt)],
            ['tx', opened.txHash],
          ])}`,
        ),
      )
    })

  stream
    .command('withdraw <id> [usd]')
    .description('the recipient takes what has accrued (all of it unless an amount is given)')
    .option('--key <name|address>', 'the recipient’s key')
    .action(async (id: string, amountText: string | undefined, options: { key?: string }) => {
      const ctx = context()
      const amount = amountText === undefined ? undefined : parseUsdFlag('amount', amountText)
      const session = await openPaymentsWallet(ctx, options.key)
      const read = await requireStream(session, id)
      const withdrawn = await withdrawFromStream({
        ...session,
        contracts: session.payments,
        streamId: read.streamId,
        ...(amount === undefined ? {} : { amount }),
      })
      emit(ctx.json, { streamId: read.streamId, ...withdrawn, usd: formatUsd(withdrawn.amount) }, () =>
        console.log(`Withdrew ${usd(withdrawn.amount)} from stream ${read.streamId} to ${read.recipient}`),
      )
    })

  stream
    .command('cancel <id>')
    .description('end a stream: the recipient is paid what accrued, the sender gets the rest back')
    .option('--key <name|address>', 'the sender’s or the recipient’s key')
    .action(async (id: string, options: { key?: string }) => {
      const ctx = context()
      const session = await openPaymentsWallet(ctx, options.key)
      const read = await requireStream(session, id)
      const cancelled = await cancelStream({
        ...session,
        contracts: session.payments,
        streamId: read.streamId,
      })
      emit(
        ctx.json,
        {
          streamId: read.streamId,
          ...cancelled,
          usd: { toRecipient: formatUsd(cancelled.toRecipient), refunded: formatUsd(cancelled.refunded) },
        },
        () =>
          console.log(
            `Cancelled stream ${read.streamId}: ${usd(cancelled.toRecipient)} to ${read.recipient}, ` +
              `${usd(cancelled.refunded)} back to ${read.sender}`,
          ),
      )
    })

  stream
    .command('status <id>')
    .description('rate, deposit, what was withdrawn and what is withdrawable now, when it runs dry')
    .action(async (id: string) => {
      const ctx = context()
      const session = await openPayments(ctx)
      const read = await requireStream(session, id)
      const now = Number((await session.publicClient.getBlock()).timestamp)
      emit(ctx.json, streamJson(read), () =>
        console.log(`Stream ${read.streamId}\n${table(streamRows(read, now))}`),
      )
    })
}
