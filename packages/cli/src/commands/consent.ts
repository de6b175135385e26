import { aiUses, type ConsentRecord, grantConsent, listConsents, revokeConsent } from '@rightflow/sdk'
import type { Command } from 'commander'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit, grid, table } from '../output.js'
import { resolveAccount } from '../rights/accounts.js'
import { parseBytes32, parseTime, parseUse } from '../rights/flags.js'
import { formatTime } from '../rights/format.js'
import { openRights } from '../rights/session.js'
import { statusLine } from '../rights/status.js'
import { openWallet } from '../rights/wallet.js'
import { findAsset } from '../rights/work.js'

const defaultDays = 365

type GrantOptions = { to: string; use: string; from?: string; until?: string; key?: string }

export function consentCommand(program: Command, context: () => CliContext): void {
  const consent = program
    .command('consent')
    .description('a dataset owner’s consent to one AI use by one grantee, for a time window (EIP-712 signed)')

  consent
    .command('grant <dataset>')
    .description('sign and record a consent on your dataset asset')
    .requiredOption('--to <address|key>', 'the grantee')
    .requiredOption('--use <use>', `the AI use: ${aiUses.join(', ')}`)
    .option('--from <when>', 'start: an ISO date or a duration from now (default: now)')
    .option(
      '--until <when>',
      `end: an ISO date or a duration from the start (90d, 2w; default ${defaultDays} days)`,
    )
    .option('--key <name|address>', 'the dataset owner’s key, which signs and submits')
    .action(async (dataset: string, options: GrantOptions) => {
      const ctx = context()
      const use = parseUse(options.use)
      const grantee = await resolveAccount(ctx, '--to', options.to)
      const wallet = await openWallet(ctx, options.key)
      const asset = await findAsset(wallet, ctx.api, dataset, wallet.account.address)
      if (asset.kind !== 'dataset')
        throw new CliError(
          `asset ${asset.assetId} is a ${asset.kind}, not a dataset: consent is granted on datasets (others sell licenses)`,
          1,
          'not_a_dataset',
        )
      const now = Number((await wallet.publicClient.getBlock()).timestamp)
      const validFrom = options.from === undefined ? now : parseTime('--from', options.from, now)
      const validUntil =
        options.until === undefined
          ? validFrom + defaultDays * 86_400
          : parseTime('--until', options.until, validFrom)
      if (validUntil <= validFrom) throw new CliError('--until must be after --from')
      statusLine(ctx.json)('signing and recording the consent')
      const granted = await grantConsent({
        ...wallet,
        consent: { assetId: asset.assetId, grantee, use, validFrom, validUntil },
      })
      emit(ctx.json, granted, () =>
        console.log(
          `Granted consent ${granted.consentId}\n${table([
            ['dataset', asset.assetId],
            ['grantee', grantee],
            ['use', use],
            ['from', formatTime(validFrom)],
            ['until', formatTime(validUntil)],
            ['tx', granted.txHash],
          ])}`,
        ),
      )
    })

  consent
    .command('revoke <consent-id>')
    .description('revoke a consent (its grantor or the dataset’s owner)')
    .option('--key <name|address>', 'the grantor’s or owner’s key')
    .action(async (text: string, options: { key?: string }) => {
      const ctx = context()
      const consentId = parseBytes32('consent id', text)
      const wallet = await openWallet(ctx, options.key)
      const { txHash } = await revokeConsent({ ...wallet, consentId })
      emit(ctx.json, { consentId, revoked: true, txHash }, () => console.log(`Revoked consent ${consentId}`))
    })

  consent
    .command('list <dataset>')
    .description('every consent granted on a dataset, revoked and lapsed ones included')
    .action(async (dataset: string) => {
      const ctx = context()
      const session = await openRights(ctx)
      const asset = await findAsset(session, ctx.api, dataset)
      const [consents, block] = await Promise.all([
        listConsents({ ...session, assetId: asset.assetId }),
        session.publicClient.getBlock(),
      ])
      const now = Number(block.timestamp)
      emit(
        ctx.json,
        { assetId: asset.assetId, consents: consents.map((c) => ({ ...c, status: status(c, now) })) },
        () => {
          if (consents.length === 0) {
            console.log(`No consents on ${asset.assetId}.`)
            return
          }
          console.log(`Consents on dataset ${asset.assetId}`)
          console.log(
            grid(
              ['consent', 'grantee', 'use', 'from', 'until', 'status'],
              consents.map((c) => [
                c.consentId,
                c.grantee,
                c.use,
                formatTime(c.validFrom),
                formatTime(c.validUntil),
                status(c, now),
              ]),
            ),
          )
        },
      )
    })
}

function status(consent: ConsentRecord, now: number): 'active' | 'revoked' | 'not yet' | 'lapsed' {
  if (consent.revoked) return 'revoked'
  if (consent.active) return 'active'
  return now < consent.validFrom ? 'not yet' : 'lapsed'
}
