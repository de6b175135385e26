import {
  createEscrow,
  type EscrowDeal,
  formatUsd,
  readEscrow,
  refundEscrow,
  releaseEscrow,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit, table } from '../output.js'
import { parseNumberId } from '../payments/flags.js'
import {
  openPayments,
  openPaymentsWallet,
  type PaymentsSession,
  requireDeployed,
} from '../payments/session.js'
import { resolveAccount } from '../rights/accounts.js'
import { parseTime, parseUsdFlag } from '../rights/flags.js'
import { formatTime } from '../rights/format.js'
import { statusLine } from '../rights/status.js'

const usd = (units: bigint) => `${formatUsd(units)} USD`

async function requireEscrow(session: PaymentsSession, text: string): Promise<EscrowDeal> {
  const escrowId = parseNumberId('escrow id', text)
  await requireDeployed(session, 'escrow')
  const deal = await readEscrow({ ...session, contracts: session.payments, escrowId })
  if (!deal) throw new CliError(`there is no escrow ${escrowId}`, 1, 'unknown_escrow')
  return deal
}

function escrowRows(deal: EscrowDeal, now: number): [string, string][] {
  const state = deal.refunded
    ? 'refunded'
    : now >= deal.deadline
      ? `past the deadline: \`rightflow escrow refund ${deal.escrowId}\` returns ${usd(deal.remaining)} to the payer`
      : deal.remaining === 0n
        ? 'released in full'
        : 'open'
  return [
    ['payer', deal.payer],
    ['payee', deal.payee],
    ['arbiter', deal.arbiter ?? 'none'],
    ['amount', usd(deal.amount)],
    ['released', usd(deal.released)],
    ['remaining', usd(deal.remaining)],
    ['deadline', formatTime(deal.deadline)],
    ['state', state],
  ]
}

const escrowJson = (deal: EscrowDeal) => ({
  ...deal,
  usd: {
    amount: formatUsd(deal.amount),
    released: formatUsd(deal.released),
    remaining: formatUsd(deal.remaining),
  },
})

export function escrowCommand(program: Command, context: () => CliContext): void {
  const escrow = program
    .command('escrow')
    .description(
      'a deposit locked for a payee until a deadline: released by the payer or an arbiter, else refunded',
    )

  escrow
    .command('create <payee> <usd>')
    .description('lock dollars for a payee until a deadline')
    .requiredOption(
      '--deadline <date|duration>',
      'releases before it, refunds from it on: 2026-01-31, 7d, 12h',
    )
    .option('--arbiter <address|key>', 'someone else who may release it')
    .option('--key <name|address>', 'the payer’s key')
    .action(
      async (
        payeeText: string,
        amountText: string,
        options: { deadline: string; arbiter?: string; key?: string },
      ) => {
        const ctx = context()
        const amount = parseUsdFlag('amount', amountText)
        const payee = await resolveAccount(ctx, 'payee', payeeText)
        const arbiter = options.arbiter ? await resolveAccount(ctx, '--arbiter', options.arbiter) : undefined
        const session = await openPaymentsWallet(ctx, options.key)
        await requireDeployed(session, 'escrow')
        const now = Number((await session.publicClient.getBlock()).timestamp)
        const deadline = parseTime('--deadline', options.deadline, now)
        statusLine(ctx.json)(`locking ${formatUsd(amount)} for ${payee}`)
        const call = { ...session, contracts: session.payments }
        const created = await createEscrow({
          ...call,
          payee,
          amount,
          deadline,
          ...(arbiter ? { arbiter } : {}),
        })
        const deal = (await readEscrow({ ...call, escrowId: created.escrowId }))!
        emit(ctx.json, { ...escrowJson(deal), txHash: created.txHash }, () =>
          console.log(
            `Created escrow ${deal.escrowId}\n${table([...escrowRows(deal, now).slice(1, 7), ['tx', created.txHash]])}`,
          ),
        )
      },
    )

  escrow
    .command('release <id> [usd]')
    .description('the payer or the arbiter pays the payee (what is left unless an amount is given)')
    .option('--key <name|address>', 'the payer’s or the arbiter’s key')
    .action(async (id: string, amountText: string | undefined, options: { key?: string }) => {
      const ctx = context()
      const amount = amountText === undefined ? undefined : parseUsdFlag('amount', amountText)
      const session = await openPaymentsWallet(ctx, options.key)
      const deal = await requireEscrow(session, id)
      const releasing = amount ?? deal.remaining
      const call = { ...session, contracts: session.payments, escrowId: deal.escrowId }
      const released = await releaseEscrow({ ...call, amount: releasing })
      const after = (await readEscrow(call))!
      emit(ctx.json, { ...escrowJson(after), releasedNow: releasing, txHash: released.txHash }, () =>
        console.log(
          `Released ${usd(releasing)} of escrow ${deal.escrowId} to ${deal.payee}; ${usd(after.remaining)} left`,
        ),
      )
    })

  escrow
    .command('refund <id>')
    .description('from the deadline on, return what was not released to the payer (anyone may)')
    .option('--key <name|address>', 'the key that sends the transaction')
    .action(async (id: string, options: { key?: string }) => {
      const ctx = context()
      const session = await openPaymentsWallet(ctx, options.key)
      const deal = await requireEscrow(session, id)
      const refunded = await refundEscrow({
        ...session,
        contracts: session.payments,
        escrowId: deal.escrowId,
      })
      emit(ctx.json, { escrowId: deal.escrowId, ...refunded, usd: formatUsd(refunded.refunded) }, () =>
        console.log(`Refunded ${usd(refunded.refunded)} of escrow ${deal.escrowId} to ${deal.payer}`),
      )
    })

  escrow
    .command('status <id>')
    .description('amount, released, remaining, deadline and arbiter')
    .action(async (id: string) => {
      const ctx = context()
      const session = await openPayments(ctx)
      const deal = await requireEscrow(session, id)
      const now = Number((await session.publicClient.getBlock()).timestamp)
      emit(ctx.json, escrowJson(deal), () =>
        console.log(`Escrow ${deal.escrowId}\n${table(escrowRows(deal, now))}`),
      )
    })
}
