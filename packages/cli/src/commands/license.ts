import {
  type AiUse,
  aiUses,
  buyLicense,
  checkUse,
  formatUsd,
  type Hex,
  listLicenses,
  listTerms,
  readTerms,
  type TermsRecord,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError, exitCodes } from '../cliError.js'
import type { CliContext } from '../context.js'
import { color, emit, grid, table } from '../output.js'
import { keyAddress, resolveAccount } from '../rights/accounts.js'
import { parseId, parsePercentBps, parseUsdFlag, parseUse } from '../rights/flags.js'
import { formatTime } from '../rights/format.js'
import { cheapestTerms } from '../rights/pickTerms.js'
import { openRights, type RightsSession } from '../rights/session.js'
import { statusLine } from '../rights/status.js'
import { openWallet } from '../rights/wallet.js'
import { findAsset } from '../rights/work.js'

type BuyOptions = {
  use: string
  terms?: string
  maxPrice?: string
  maxShare?: string
  for?: string
  key?: string
}

export function licenseCommand(program: Command, context: () => CliContext): void {
  const license = program
    .command('license')
    .description('licenses for AI uses of IP assets (ERC-1155 tokens)')

  license
    .command('buy <work>')
    .description('buy a license for one AI use, under the cheapest terms on sale unless --terms names some')
    .requiredOption('--use <use>', `the AI use: ${aiUses.join(', ')}`)
    .option('--terms <id>', 'buy under these terms')
    .option(
      '--max-price <usd>',
      'the most you will pay (default: the price shown now, so a change cannot cost you)',
    )
    .option(
      '--max-share <percent>',
      'the largest part of your derivatives’ revenue you accept to owe (default 100)',
    )
    .option('--for <address|key>', 'who receives the license (default: you)')
    .option('--key <name|address>', 'the paying key')
    .action(async (work: string, options: BuyOptions) => {
      const ctx = context()
      const use = parseUse(options.use)
      const termsId = options.terms === undefined ? undefined : parseId('--terms', options.terms)
      const maxPrice =
        options.maxPrice === undefined ? undefined : parseUsdFlag('--max-price', options.maxPrice)
      const maxShare =
        options.maxShare === undefined ? 10_000 : parsePercentBps('--max-share', options.maxShare)
      const recipient =
        options.for === undefined ? undefined : await resolveAccount(ctx, '--for', options.for)
      const wallet = await openWallet(ctx, options.key)
      const asset = await findAsset(wallet, ctx.api, work)
      const record = await chooseTerms(wallet, asset.assetId, use, termsId)
      const price = record.terms.uses[use].price
      statusLine(ctx.json)(`buying a ${use} license under terms ${record.termsId} for ${formatUsd(price)}`)
      const bought = await buyLicense({
        ...wallet,
        termsId: record.termsId,
        use,
        ...(recipient ? { recipient } : {}),
        maxPrice: maxPrice ?? price,
        maxRevenueShareBps: maxShare,
      })
      const holder = recipient ?? wallet.account.address
      emit(ctx.json, { ...bought, use, termsId: record.termsId, usd: formatUsd(bought.price), holder }, () =>
        console.log(
          `Bought license ${bought.licenseId}\n${table([
            ['use', use],
            ['asset', bought.assetId],
            ['terms', record.termsId.toString()],
            ['paid', `${formatUsd(bought.price)} USD`],
            ['holder', holder],
            ['tx', bought.txHash],
          ])}`,
        ),
      )
    })

  license
    .command('check <work>')
    .description(
      `may an account use the work this way now? prints "yes  license <id>", "yes  consent <id>" or "no"; exits 0 for yes, ${exitCodes.notAllowed} for no`,
    )
    .requiredOption('--use <use>', `the AI use: ${aiUses.join(', ')}`)
    .requiredOption('--by <address|key>', 'the account that would use it')
    .action(async (work: string, options: { use: string; by: string }) => {
      const ctx = context()
      const use = parseUse(options.use)
      const account = await resolveAccount(ctx, '--by', options.by)
      const session = await openRights(ctx)
      const asset = await findAsset(session, ctx.api, work)
      const answer = await checkUse({
        ...session,
        consentRegistry: session.contracts.consentRegistry,
        assetId: asset.assetId,
        use,
        account,
      })
      emit(ctx.json, { assetId: asset.assetId, use, account, ...answer }, () => {
        if (answer.basis === 'license') console.log(`${color.green('yes')}  license ${answer.licenseId}`)
        else if (answer.basis === 'consent') console.log(`${color.green('yes')}  consent ${answer.consentId}`)
        else console.log(color.red('no'))
      })
      process.exitCode = answer.allowed ? exitCodes.ok : exitCodes.notAllowed
    })

  license
    .command('list')
    .description('the licenses an account holds')
    .option('--by <address|key>', 'the holder (default: your key)')
    .option('--work <work>', 'only licenses of this work (a file or record id)')
    .option('--key <name|address>', 'your key, when --by is absent')
    .action(async (options: { by?: string; work?: string; key?: string }) => {
      const ctx = context()
      const account = options.by
        ? await resolveAccount(ctx, '--by', options.by)
        : await keyAddress(ctx, options.key)
      const session = await openRights(ctx)
      const assetId = options.work ? (await findAsset(session, ctx.api, options.work)).assetId : undefined
      const held = await listLicenses({ ...session, account, ...(assetId ? { assetId } : {}) })
      emit(ctx.json, { account, licenses: held }, () => {
        if (held.length === 0) {
          console.log(`${account} holds no licenses${assetId ? ` of ${assetId}` : ''}.`)
          return
        }
        console.log(`Licenses held by ${account}`)
        console.log(
          grid(
            ['license', 'use', 'asset', 'terms', 'count', 'valid', 'expires'],
            held.map((l) => [
              l.licenseId.toString(),
              l.use,
              l.assetId,
              l.termsId.toString(),
              l.balance.toString(),
              l.valid ? 'yes' : 'expired',
              formatTime(l.expiresAt),
            ]),
          ),
        )
      })
    })
}

/** The terms named by --terms (which must be this asset's), or the cheapest on sale that allow the use. */
async function chooseTerms(
  session: RightsSession,
  assetId: Hex,
  use: AiUse,
  termsId: bigint | undefined,
): Promise<TermsRecord> {
  if (termsId !== undefined) {
    const record = await readTerms({ ...session, termsId })
    if (!record) throw new CliError(`there are no terms with id ${termsId}`, 1, 'unknown_terms')
    if (BigInt(record.assetId) !== BigInt(assetId))
      throw new CliError(
        `terms ${termsId} license asset ${record.assetId}, not ${assetId}`,
        1,
        'terms_mismatch',
      )
    return record
  }
  const [records, block] = await Promise.all([
    listTerms({ ...session, assetId }),
    session.publicClient.getBlock(),
  ])
  const cheapest = cheapestTerms(records, use, Number(block.timestamp))
  if (!cheapest)
    throw new CliError(
      records.length === 0
        ? `asset ${assetId} has no terms: nothing is for sale`
        : `no terms on sale for asset ${assetId} allow ${use}`,
      1,
      'use_not_offered',
    )
  return cheapest
}
