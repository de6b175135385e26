import { type RecordCheck, redactUrl, sha256File, verifyContent } from '@rightflow/sdk'
import type { Command } from 'commander'
import { credentialRows } from '../c2pa/credentialRows.js'
import { credentialsFail, inspectCredentials } from '../c2pa/inspectCredentials.js'
import { loadTrustAnchors } from '../c2pa/signer.js'
import { CliError, exitCodes } from '../cliError.js'
import type { CliContext } from '../context.js'
import { mediaTypeOf } from '../mediaType.js'
import { collect } from '../options.js'
import { color, emit, table } from '../output.js'
import { perceptualOf } from '../perceptual.js'

const iso = (seconds: number | undefined) =>
  seconds === undefined ? 'unknown' : new Date(seconds * 1000).toISOString()

export function verifyCommand(program: Command, context: () => CliContext): void {
  program
    .command('verify <file>')
    .description('show a file’s birth certificate, checked against the chain itself')
    .option(
      '--trust <pem>',
      'trust anchors for Content Credentials (repeatable; default: your local CA)',
      collect,
      [],
    )
    .action(async (file: string, options: { trust: string[] }) => {
      const ctx = context()
      const { contentHash } = await sha256File({ path: file }).catch(() => {
        throw new CliError(`cannot read ${file}`)
      })
      const chain = await ctx.chain()
      const mediaType = mediaTypeOf(file)
      const { perceptual } = await perceptualOf(file, mediaType, { reframe: true })
      const result = await verifyContent({ api: ctx.api, ...chain, contentHash, perceptual })
      const best = result.records[0]
      const trustAnchorsPem = await loadTrustAnchors(ctx.home, options.trust)
      const c2pa = await inspectCredentials(file, mediaType, trustAnchorsPem, best?.entry, chain)
      emit(
        ctx.json,
        {
          file,
          contentHash,
          verdict: result.verdict,
          chain: { chainId: chain.chainId, registry: chain.registry, rpcUrl: redactUrl(chain.rpcUrl) },
          records: result.records.map(({ entry, ...check }) => ({ ...entry, check })),
          c2pa,
        },
        () => {
          if (!best) {
            if (c2pa.credentials || c2pa.error?.code === 'corrupt_manifest')
              console.log(`Content Credentials of ${file}\n${table(credentialRows(c2pa))}`)
            console.log(
              credentialsFail(c2pa)
                ? color.red(
                    `INVALID   ${file} carries Content Credentials that do not validate, and no record backs it`,
                  )
                : `${color.yellow('NO RECORD')}  ${file} (sha256 ${contentHash}) has no birth certificate here.`,
            )
            return
          }
          console.log(
            `Birth certificate of ${file}\n${table([...rows(best, contentHash, chain.chainId), ...credentialRows(c2pa)])}`,
          )
          const later = result.records.filter((r) => r.claim?.earliest === false)
          for (const check of later) console.log(laterClaimLine(check))
          const others = result.records.length - 1 - later.length
          if (others > 0)
            console.log(color.dim(`  (${others} more record(s) of the same content: --json lists them)`))
          console.log(
            credentialsFail(c2pa)
              ? color.red(
                  `INVALID   the file's Content Credentials do not hold: ${c2pa.agreement.differences.join('; ') || 'see C2PA above'}`,
                )
              : verdictLine(best),
          )
        },
      )
      const exit = {
        verified: exitCodes.ok,
        pending: exitCodes.pending,
        invalid: exitCodes.invalid,
        unregistered: exitCodes.unregistered,
      }
      process.exitCode = credentialsFail(c2pa) ? exitCodes.invalid : exit[result.verdict]
    })
}

function rows(check: RecordCheck, contentHash: string, chainId: number): [string, string][] {
  const { entry, anchor, match } = check
  const r = entry.record
  const out: [string, string][] = [
    match.kind === 'exact'
      ? ['match', 'exact: these are the registered bytes']
      : [
          'match',
          color.yellow(
            `perceptual: looks like the registered image (PDQ distance ${match.distance} of 256 bits, confidence ${match.confidence}); the bytes differ`,
          ),
        ],
    [
      'content hash',
      match.kind === 'exact'
        ? `${contentHash} (sha256, ${r.size} bytes, ${r.mediaType})`
        : `${r.contentHash} registered (${r.size} bytes, ${r.mediaType}); this file is ${contentHash}`,
    ],
    ['record', entry.id],
    ['creator', r.creator],
    ['origin', r.model ? `${r.origin} (model: ${r.model})` : r.origin],
  ]
  if (check.claim)
    out.push([
      'claim',
      check.claim.earliest
        ? 'the earliest anchored claim on these bytes known here: rights follow it'
        : color.yellow(
            `LATER CLAIM — an earlier record for these bytes exists: ${check.claim.earlierRecord}`,
          ),
    ])
  if (typeof entry.metadata?.title === 'string') out.push(['title', entry.metadata.title])
  out.push(['created', `${iso(r.createdAt)} (as signed by the creator)`])
  out.push(['parents', r.parents.length ? r.parents.join('\n                ') : 'none'])
  out.push([
    'signature',
    check.signatureValid === undefined
      ? 'checked by the registry contract'
      : check.signatureValid
        ? 'valid (EIP-712, by the creator)'
        : color.red('INVALID'),
  ])
  if (anchor?.kind === 'batch')
    out.push([
      'anchoring',
      `batch ${anchor.root}\n${' '.repeat(16)}tx ${anchor.txHash ?? '?'} at ${iso(anchor.timestamp)}\n${' '.repeat(16)}proof ${
        anchor.proofVerifiedOnChain
          ? `checked by the registry on eip155:${chainId}`
          : color.red('REJECTED by the chain')
      }`,
    ])
  else if (anchor?.kind === 'direct')
    out.push([
      'anchoring',
      `direct, tx ${anchor.txHash ?? '?'} at ${iso(anchor.timestamp)} ${anchor.onChain ? '(read back from the chain)' : color.red('(NOT on chain)')}`,
    ])
  else out.push(['anchoring', `pending (${entry.status}); anchored with the next batch`])
  return out
}

/** One line for a later claim on the same bytes: recorded, but holding no rights in them. */
function laterClaimLine(check: RecordCheck): string {
  const earlier = check.claim?.earliest === false ? check.claim.earlierRecord : '?'
  const when =
    check.anchor?.timestamp === undefined ? 'not anchored yet' : `anchored ${iso(check.anchor.timestamp)}`
  return color.yellow(
    `LATER CLAIM  ${check.entry.id} by ${check.entry.record.creator} (${when}) — an earlier record for these bytes exists: ${earlier}`,
  )
}

function verdictLine(check: RecordCheck): string {
  const who = check.entry.record.creator
  const copy = check.match.kind === 'perceptual' ? ' (a washed copy: perceptual match)' : ''
  if (check.verdict === 'verified')
    return color.green(`VERIFIED  signed by ${who}, on chain since ${iso(check.anchor?.timestamp)}${copy}`)
  if (check.verdict === 'pending')
    return color.yellow(`PENDING   signed by ${who}, not yet anchored on chain${copy}`)
  return color.red(`INVALID   ${check.problems.join('; ')}`)
}
