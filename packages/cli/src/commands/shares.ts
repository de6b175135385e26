import { readRoyalties, transferShares } from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit } from '../output.js'
import { resolveAccount } from '../rights/accounts.js'
import { parseShareAmount } from '../rights/flags.js'
import { formatShares, sharePercent } from '../rights/format.js'
import { statusLine } from '../rights/status.js'
import { openWallet } from '../rights/wallet.js'
import { findAsset } from '../rights/work.js'

export function sharesCommand(program: Command, context: () => CliContext): void {
  const shares = program
    .command('shares')
    .description('revenue shares of an IP asset (its vault’s ERC-20): whoever holds them is paid pro rata')

  shares
    .command('transfer <work> <to> <amount>')
    .description(
      'give revenue shares: <amount> is a part of the supply ("12.5%") or a share count ("125000"); revenue already earned stays yours',
    )
    .option('--key <name|address>', 'the holder’s key')
    .action(async (work: string, toText: string, amountText: string, options: { key?: string }) => {
      const ctx = context()
      const to = await resolveAccount(ctx, '<to>', toText)
      const wallet = await openWallet(ctx, options.key)
      const asset = await findAsset(wallet, ctx.api, work, wallet.account.address)
      const before = await readRoyalties({
        ...wallet,
        assetId: asset.assetId,
        account: wallet.account.address,
      })
      const amount = parseShareAmount(amountText, before.totalShares)
      // Checked here because the token's own revert would read as dollars, not shares.
      if (amount > before.shares)
        throw new CliError(
          `you hold ${formatShares(before.shares)} shares (${sharePercent(before.shares, before.totalShares)}), fewer than ${formatShares(amount)}`,
          1,
          'insufficient_shares',
        )
      statusLine(ctx.json)('transferring shares')
      const { txHash } = await transferShares({ ...wallet, assetId: asset.assetId, to, amount })
      const kept = before.shares - amount
      emit(
        ctx.json,
        {
          assetId: asset.assetId,
          to,
          amount,
          percent: sharePercent(amount, before.totalShares),
          kept,
          keptPercent: sharePercent(kept, before.totalShares),
          txHash,
        },
        () =>
          console.log(
            `Sent ${formatShares(amount)} shares (${sharePercent(amount, before.totalShares)}) of asset ${asset.assetId} to ${to}; ` +
              `you keep ${formatShares(kept)} (${sharePercent(kept, before.totalShares)})`,
          ),
      )
    })
}
