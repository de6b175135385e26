import { aiUses, listTerms, readTerms, retireTerms, setTerms } from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { collect } from '../options.js'
import { emit, grid } from '../output.js'
import { parseId } from '../rights/flags.js'
import { termsHeaders, termsJson, termsRow } from '../rights/format.js'
import { openRights } from '../rights/session.js'
import { statusLine } from '../rights/status.js'
import { type TermsFlags, termsFromFlags } from '../rights/termsFlags.js'
import { openWallet } from '../rights/wallet.js'
import { findAsset } from '../rights/work.js'

export function termsCommand(program: Command, context: () => CliContext): void {
  const terms = program
    .command('terms')
    .description('license terms of an IP asset: a price per AI use; immutable once published')

  terms
    .command('set <work>')
    .description('publish a new set of terms (uses not named are not allowed); prints the terms id')
    .option(
      '--price <use>=<usd>',
      `allow a use for a price in dollars, e.g. inference=0.01 (repeatable; uses: ${aiUses.join(', ')})`,
      collect,
      [],
    )
    .option(
      '--free <use>',
      'allow a use for free (the license is still taken, so every use is on record)',
      collect,
      [],
    )
    .option('--commercial', 'licensees may use the work commercially')
    .option('--derivatives', 'licensees may register derivatives of the work')
    .option('--share <percent>', 'part of a derivative’s revenue owed to this asset, e.g. 10 or 2.5')
    .option('--attribution', 'licensees must credit the creator')
    .option('--expires <when>', 'an ISO date or a duration from now (30d, 12h, 2w); never by default')
    .option('--non-transferable', 'licenses cannot change hands')
    .option('--key <name|address>', 'the asset owner’s key')
    .action(async (work: string, options: TermsFlags & { key?: string }) => {
      const ctx = context()
      termsFromFlags(options, Math.floor(Date.now() / 1000)) // bad flags fail before the key is unlocked
      const wallet = await openWallet(ctx, options.key)
      const block = await wallet.publicClient.getBlock()
      const licenseTerms = termsFromFlags(options, Number(block.timestamp))
      const asset = await findAsset(wallet, ctx.api, work, wallet.account.address)
      statusLine(ctx.json)('publishing the terms')
      const { termsId, txHash } = await setTerms({ ...wallet, assetId: asset.assetId, terms: licenseTerms })
      const record = { termsId, assetId: asset.assetId, retired: false, sold: 0, terms: licenseTerms }
      emit(ctx.json, { ...termsJson(record, Number(block.timestamp)), txHash }, () => {
        console.log(`Published terms ${termsId} for asset ${asset.assetId}`)
        console.log(grid(termsHeaders, [termsRow(record, Number(block.timestamp))]))
      })
    })

  terms
    .command('show <work>')
    .description('every set of terms of an asset: status, price per use, share, expiry, licenses sold')
    .action(async (work: string) => {
      const ctx = context()
      const session = await openRights(ctx)
      const asset = await findAsset(session, ctx.api, work)
      const [records, block] = await Promise.all([
        listTerms({ ...session, assetId: asset.assetId }),
        session.publicClient.getBlock(),
      ])
      const now = Number(block.timestamp)
      emit(ctx.json, { assetId: asset.assetId, terms: records.map((t) => termsJson(t, now)) }, () => {
        if (records.length === 0) {
          console.log(`Asset ${asset.assetId} has no terms yet: \`rightflow terms set\` publishes some.`)
          return
        }
        console.log(`Terms of asset ${asset.assetId} (prices in USD)`)
        console.log(
          grid(
            termsHeaders,
            records.map((t) => termsRow(t, now)),
          ),
        )
      })
    })

  terms
    .command('retire <terms-id>')
    .description('stop selling a set of terms; licenses already sold stay valid')
    .option('--key <name|address>', 'the asset owner’s key')
    .action(async (text: string, options: { key?: string }) => {
      const ctx = context()
      const termsId = parseId('terms id', text)
      const wallet = await openWallet(ctx, options.key)
      const record = await readTerms({ ...wallet, termsId })
      if (!record) throw new CliError(`there are no terms with id ${termsId}`, 1, 'unknown_terms')
      const { txHash } = await retireTerms({ ...wallet, termsId })
      emit(ctx.json, { termsId, assetId: record.assetId, retired: true, txHash }, () =>
        console.log(
          `Retired terms ${termsId} of asset ${record.assetId}: no longer sold; the ${record.sold} license(s) sold stay valid`,
        ),
      )
    })
}
