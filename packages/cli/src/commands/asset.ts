import { assetKinds, createAsset, createDerivative, listTerms, readRoyalties } from '@rightflow/sdk'
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { collect } from '../options.js'
import { emit, grid, listRows, table } from '../output.js'
import { parseId, parseKind } from '../rights/flags.js'
import { formatTime, percentOfBps, termsHeaders, termsJson, termsRow } from '../rights/format.js'
import { ensureRecordOnChain } from '../rights/onChainRecord.js'
import { openRights } from '../rights/session.js'
import { statusLine } from '../rights/status.js'
import { openWallet } from '../rights/wallet.js'
import { findAsset, findOwnRecord } from '../rights/work.js'

type CreateOptions = { kind: string; parentLicense: string[]; key?: string }

export function assetCommand(program: Command, context: () => CliContext): void {
  const asset = program
    .command('asset')
    .description('IP assets: a registered work with an owner, license terms and a revenue vault')

  asset
    .command('create <work>')
    .description(
      'make your registered work (a file or record id) an IP asset; with --parent-license, a derivative that pays its parents',
    )
    .option('--kind <kind>', `what it is: ${assetKinds.join(', ')}`, 'work')
    .option(
      '--parent-license <license-id>',
      'a license you hold on a parent whose terms allow derivatives (repeatable)',
      collect,
      [],
    )
    .option('--key <name|address>', 'the signing key: the record’s creator, who pays the gas')
    .action(async (work: string, options: CreateOptions) => {
      const ctx = context()
      const kind = parseKind(options.kind)
      const parentLicenseIds = options.parentLicense.map((id) => parseId('--parent-license', id))
      const wallet = await openWallet(ctx, options.key)
      const status = statusLine(ctx.json)
      const { id, record } = await findOwnRecord(ctx.api, work, wallet.account.address)
      status('checking the record is on chain')
      const proveTxHash = await ensureRecordOnChain(wallet, id, record)
      status(parentLicenseIds.length ? 'creating the derivative' : 'creating the asset')
      const created = parentLicenseIds.length
        ? await createDerivative({ ...wallet, recordId: id, kind, parentLicenseIds })
        : { ...(await createAsset({ ...wallet, recordId: id, kind })), parents: [] }
      emit(ctx.json, { ...created, kind, owner: wallet.account.address, proveTxHash }, () => {
        if (proveTxHash) console.log(`Proved the record's batch on chain (tx ${proveTxHash})`)
        console.log(
          `Created IP asset\n${table([
            ['asset', created.assetId],
            ['kind', kind],
            ['owner', wallet.account.address],
            ['vault', `${created.vault} (its ERC-20 shares are all yours)`],
            ...listRows('parents', created.parents),
            ['tx', created.txHash],
          ])}`,
        )
      })
    })

  asset
    .command('show <work>')
    .description('an IP asset: owner, kind, vault, parents and its terms')
    .action(async (work: string) => {
      const ctx = context()
      const session = await openRights(ctx)
      const found = await findAsset(session, ctx.api, work)
      const [terms, royalties, block] = await Promise.all([
        listTerms({ ...session, assetId: found.assetId }),
        readRoyalties({ ...session, assetId: found.assetId, account: found.owner }),
        session.publicClient.getBlock(),
      ])
      const now = Number(block.timestamp)
      // The vault lists parents in the order the registry does, so each parent's share lines up with it.
      const parents = found.parents.map((assetId, i) => ({ assetId, bps: royalties.parents[i]?.bps ?? 0 }))
      emit(ctx.json, { ...found, parents, terms: terms.map((t) => termsJson(t, now)) }, () => {
        console.log(
          `IP asset ${found.assetId}\n${table([
            ['owner', found.owner],
            ['kind', found.kind],
            ['vault', found.vault],
            ['created', formatTime(found.createdAt)],
            ...listRows(
              'parents',
              parents.map((p) => `${p.assetId} (owed ${percentOfBps(p.bps)} of its revenue)`),
              'none',
            ),
          ])}`,
        )
        console.log(
          terms.length
            ? `Terms (prices in USD)\n${grid(
                termsHeaders,
                terms.map((t) => termsRow(t, now)),
              )}`
            : 'No terms yet: `rightflow terms set` publishes some.',
        )
      })
    })
}
