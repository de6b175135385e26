import {
  claimRoyalties,
  formatUsd,
  payRoyalty,
  readPaymentBalance,
  readRoyalties,
  revenueVaultAbi,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { emit, listRows, table } from '../output.js'
import { keyAddress, resolveAccount } from '../rights/accounts.js'
import { parseUsdFlag } from '../rights/flags.js'
import { formatShares, percentOfBps, sharePercent } from '../rights/format.js'
import { openRights } from '../rights/session.js'
import { statusLine } from '../rights/status.js'
import { openWallet } from '../rights/wallet.js'
import { findAsset } from '../rights/work.js'

const usd = (units: bigint) => `${formatUsd(units)} USD`

export function royaltiesCommand(program: Command, context: () => CliContext): void {
  const royalties = program
    .command('royalties')
    .description('revenue of an IP asset: license fees and royalties, shared pro rata by its share holders')

  royalties
    .command('show <work>')
    .description('what an account can claim, its shares, and the vault’s totals')
    .option('--account <address|key>', 'the share holder (default: your key)')
    .option('--key <name|address>', 'your key, when --account is absent')
    .action(async (work: string, options: { account?: string; key?: string }) => {
      const ctx = context()
      const account = options.account
        ? await resolveAccount(ctx, '--account', options.account)
        : await keyAddress(ctx, options.key)
      const session = await openRights(ctx)
      const asset = await findAsset(session, ctx.api, work, account)
      const position = await readRoyalties({ ...session, assetId: asset.assetId, account })
      const [accounted, balance] = await Promise.all([
        session.publicClient.readContract({
          address: position.vault,
          abi: revenueVaultAbi,
          functionName: 'accounted',
        }),
        readPaymentBalance({ ...session, token: session.contracts.paymentToken, account: position.vault }),
      ])
      // Payments sent straight to the vault (x402, plain transfers) count only once the vault syncs.
      const unsynced = balance - accounted
      const percent = sharePercent(position.shares, position.totalShares)
      emit(
        ctx.json,
        { assetId: asset.assetId, account, ...position, sharePercent: percent, unsynced },
        () => {
          console.log(
            `Royalties of asset ${asset.assetId} for ${account}\n${table([
              ['claimable', usd(position.claimable)],
              [
                'shares',
                `${formatShares(position.shares)} of ${formatShares(position.totalShares)} (${percent})`,
              ],
              ...(unsynced > 0n
                ? [
                    [
                      'not yet accounted',
                      `${usd(unsynced)} (\`royalties claim --pull\` accounts for it)`,
                    ] as [string, string],
                  ]
                : []),
              ['vault', position.vault],
              ['received', usd(position.received)],
              ['claimed', usd(position.claimed)],
              [
                'to ancestors',
                `${usd(position.paidToAncestors)} paid, ${usd(position.pendingAncestors)} pending`,
              ],
              ...listRows(
                'parents',
                position.parents.map((p) => `vault ${p.vault} (owed ${percentOfBps(p.bps)})`),
                'none',
              ),
            ])}`,
          )
        },
      )
    })

  royalties
    .command('claim <work>')
    .description('claim your royalties from an asset’s vault')
    .option('--to <address|key>', 'where the dollars go (default: you)')
    .option(
      '--pull',
      'first collect the vault: account for payments sent straight to it and pay its parents their part (payAncestors)',
    )
    .option('--key <name|address>', 'the share holder’s key')
    .action(async (work: string, options: { to?: string; pull?: boolean; key?: string }) => {
      const ctx = context()
      const to = options.to ? await resolveAccount(ctx, '--to', options.to) : undefined
      const wallet = await openWallet(ctx, options.key)
      const asset = await findAsset(wallet, ctx.api, work, wallet.account.address)
      statusLine(ctx.json)('claiming')
      const claimed = await claimRoyalties({
        ...wallet,
        assetId: asset.assetId,
        ...(to ? { to } : {}),
        payAncestorsFirst: options.pull ?? false,
      })
      const recipient = to ?? wallet.account.address
      emit(
        ctx.json,
        { assetId: asset.assetId, to: recipient, ...claimed, usd: formatUsd(claimed.amount) },
        () => console.log(`Claimed ${usd(claimed.amount)} from asset ${asset.assetId} to ${recipient}`),
      )
    })

  royalties
    .command('pay <work> <usd>')
    .description('pay a royalty to an asset: its holders share it, and its parents get their part at once')
    .option('--key <name|address>', 'the paying key')
    .action(async (work: string, amountText: string, options: { key?: string }) => {
      const ctx = context()
      const amount = parseUsdFlag('amount', amountText)
      const wallet = await openWallet(ctx, options.key)
      const asset = await findAsset(wallet, ctx.api, work)
      statusLine(ctx.json)(`paying ${formatUsd(amount)}`)
      const paid = await payRoyalty({ ...wallet, assetId: asset.assetId, amount })
      emit(ctx.json, { assetId: asset.assetId, amount, usd: formatUsd(amount), ...paid }, () =>
        console.log(
          `Paid ${usd(amount)} to asset ${asset.assetId}` +
            (asset.parents.length ? '; its parents were paid their part in the same transaction' : ''),
        ),
      )
    })
}
