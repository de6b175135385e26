import {
  formatUsd,
  openChannel,
  openChannelFromWallet,
  type PaymentChannel,
  readChannel,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit, table } from '../output.js'
import { closeStep, describeStep, walletAgentOf } from '../payments/channelClose.js'
import { parseChannelId } from '../payments/flags.js'
import {
  openPayments,
  openPaymentsWallet,
  type PaymentsSession,
  requireDeployed,
} from '../payments/session.js'
import { resolveAccount } from '../rights/accounts.js'
import { parsePercentBps, parseUsdFlag } from '../rights/flags.js'
import { formatTime, percentOfBps } from '../rights/format.js'
import { statusLine } from '../rights/status.js'
import { findAsset } from '../rights/work.js'

type OpenOptions = {
  deposit: string
  royaltyAsset?: string
  royaltyShare?: string
  fromWallet?: boolean
  key?: string
}

const usd = (units: bigint) => `${formatUsd(units)} USD`
const openRows = ['payer', 'payee', 'voucher signer', 'deposit', 'royalty']

async function requireChannel(session: PaymentsSession, text: string): Promise<PaymentChannel> {
  const channelId = parseChannelId(text)
  await requireDeployed(session, 'paymentChannels')
  const channel = await readChannel({ ...session, contracts: session.payments, channelId })
  if (!channel) throw new CliError(`there is no channel ${channelId}`, 1, 'unknown_channel')
  return channel
}

function stateCell(channel: PaymentChannel, now: number): string {
  if (channel.state === 'open') return 'open'
  if (channel.state === 'closed') return 'closed'
  return now < channel.challengeEndsAt!
    ? `closing: the payee may claim until ${formatTime(channel.challengeEndsAt!)}`
    : 'closing: the challenge is over, `rightflow channel close` refunds the payer'
}

function channelRows(channel: PaymentChannel, agent: Address | undefined, now: number): [string, string][] {
  return [
    ['payer', agent ? `${channel.payer} (the agent wallet of ${agent})` : channel.payer],
    ['payee', channel.payee],
    ['voucher signer', channel.voucherSigner],
    ['deposit', usd(channel.deposit)],
    ['claimed', usd(channel.claimed)],
    ['remaining', usd(channel.remaining)],
    [
      'royalty',
      channel.royalty ? `${percentOfBps(channel.royalty.bps)} to asset ${channel.royalty.assetId}` : 'none',
    ],
    ['state', stateCell(channel, now)],
    ['challenge ends', channel.challengeEndsAt === undefined ? '-' : formatTime(channel.challengeEndsAt)],
  ]
}

export function channelCommand(program: Command, context: () => CliContext): void {
  const channel = program
    .command('channel')
    .description('payment channels: deposit once, pay many requests by signed vouchers, settle in batches')

  channel
    .command('open <payee>')
    .description('open a channel to a payee, funded by your key or, with --from-wallet, by its agent wallet')
    .requiredOption('--deposit <usd>', 'the dollars locked in the channel')
    .option(
      '--royalty-asset <work>',
      'credit a share of every claim to this IP asset’s vault (record id or file)',
    )
    .option('--royalty-share <percent>', 'the share of every claim the asset gets (with --royalty-asset)')
    .option('--from-wallet', 'fund it from your key’s agent wallet, within its policy')
    .option('--key <name|address>', 'the paying key (the agent key with --from-wallet)')
    .action(async (payeeText: string, options: OpenOptions) => {
      const ctx = context()
      const deposit = parseUsdFlag('--deposit', options.deposit)
      if ((options.royaltyAsset === undefined) !== (options.royaltyShare === undefined))
        throw new CliError('--royalty-asset and --royalty-share go together')
      const bps =
        options.royaltyShare === undefined ? 0 : parsePercentBps('--royalty-share', options.royaltyShare)
      const payee = await resolveAccount(ctx, 'payee', payeeText)
      const session = await openPaymentsWallet(ctx, options.key)
      await requireDeployed(session, options.fromWallet ? 'agentWallets' : 'paymentChannels')
      const royalty = options.royaltyAsset
        ? { assetId: (await findAsset(session, ctx.api, options.royaltyAsset)).assetId, bps }
        : undefined
      const call = {
        ...session,
        contracts: session.payments,
        payee,
        deposit,
        ...(royalty ? { royalty } : {}),
      }
      statusLine(ctx.json)(`opening a channel to ${payee} with ${formatUsd(deposit)}`)
      const opened = options.fromWallet ? await openChannelFromWallet(call) : await openChannel(call)
      const read = (await readChannel({ ...call, channelId: opened.channelId }))!
      const agent = options.fromWallet ? session.account.address : undefined
      emit(ctx.json, { ...read, txHash: opened.txHash, fromWallet: Boolean(agent) }, () =>
        console.log(
          `Opened channel ${opened.channelId}\n${table([
            ...channelRows(read, agent, 0).filter(([label]) => openRows.includes(label)),
            ['tx', opened.txHash],
          ])}`,
        ),
      )
    })

  channel
    .command('status <channel-id>')
    .description('deposit, claimed, remaining, royalty route, and where a close stands')
    .action(async (id: string) => {
      const ctx = context()
      const session = await openPayments(ctx)
      const read = await requireChannel(session, id)
      const [agent, block] = await Promise.all([
        walletAgentOf(session, read),
        session.publicClient.getBlock(),
      ])
      const now = Number(block.timestamp)
      emit(ctx.json, { ...read, walletOf: agent ?? null }, () =>
        console.log(`Channel ${read.channelId}\n${table(channelRows(read, agent, now))}`),
      )
    })

  channel
    .command('close <channel-id>')
    .description(
      'the payer leaves without the payee: asks to close; run again after the challenge period to get the rest back',
    )
    .option(
      '--key <name|address>',
      'the payer’s key (the wallet owner’s or the agent’s for a wallet channel)',
    )
    .action(async (id: string, options: { key?: string }) => {
      const ctx = context()
      const session = await openPaymentsWallet(ctx, options.key)
      const read = await requireChannel(session, id)
      const [agent, block] = await Promise.all([
        walletAgentOf(session, read),
        session.publicClient.getBlock(),
      ])
      const step = await closeStep(session, read, agent, Number(block.timestamp))
      emit(ctx.json, { channelId: read.channelId, ...step }, () =>
        console.log(describeStep(step, read, agent)),
      )
    })
}
