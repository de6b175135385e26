import {
  type ApiClient,
  createRecord,
  embeddableMediaTypes,
  findRecordsByContentHash,
  getHealth,
  getRecord,
  type Hex,
  type IngestResult,
  type Origin,
  origins,
  type ProvenanceRecord,
  type RecordMetadata,
  recordId,
  type Submission,
  sha256File,
  signRecord,
  submitRecord,
  submitRecords,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import { embedFile } from '../c2pa/embedFile.js'
import { loadSigner } from '../c2pa/signer.js'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { expandPaths } from '../files.js'
import { findKey, unlockKey } from '../keys/keyStore.js'
import { mediaTypeOf } from '../mediaType.js'
import { collect } from '../options.js'
import { color, emit } from '../output.js'
import { perceptualOf } from '../perceptual.js'
import { progressBar } from '../progress.js'

type RegisterOptions = {
  origin: string
  model?: string
  parent: string[]
  title?: string
  direct?: boolean
  embed?: boolean
  key?: string
}
type FileResult = {
  file: string
  id?: Hex
  contentHash: Hex
  status: IngestResult['status'] | 'skipped'
  /** The copy with embedded Content Credentials (--embed). */
  embedded?: string
}

const chunkSize = 500

export function registerCommand(program: Command, context: () => CliContext): void {
  program
    .command('register <paths...>')
    .description('sign and register the provenance of files or whole folders (re-running skips what is done)')
    .requiredOption('--origin <origin>', `how the work was made: ${origins.join(', ')}`)
    .option('--model <id>', 'the AI model (required for ai and ai-assisted)')
    .option('--parent <record-id|file>', 'a work this one derives from (repeatable)', collect, [])
    .option('--title <title>', 'a title, kept in the record’s metadata')
    .option('--direct', 'write the record on chain now (direct mode) instead of in the next batch')
    .option(
      '--embed',
      'also write a copy with C2PA Content Credentials pointing at the record (JPEG, PNG, WebP)',
    )
    .option('--key <name|address>', 'the signing key')
    .action(async (paths: string[], options: RegisterOptions) => {
      const ctx = context()
      if (!origins.includes(options.origin as Origin))
        throw new CliError(`unknown origin "${options.origin}": use ${origins.join(', ')}`)
      if ((options.origin === 'ai' || options.origin === 'ai-assisted') && !options.model)
        throw new CliError(`--model is required for origin ${options.origin}`)
      if (options.origin === 'human' && options.model) throw new CliError('a human work takes no --model')
      const files = await expandPaths(paths)
      if (options.direct && files.length > 1) throw new CliError('--direct registers one file at a time')
      const parents = await Promise.all(options.parent.map((p) => resolveParent(ctx.api, p)))
      if (options.embed) {
        const refused = files.find(
          (f) => !(embeddableMediaTypes as readonly string[]).includes(mediaTypeOf(f)),
        )
        if (refused)
          throw new CliError(
            `--embed writes Content Credentials into JPEG, PNG and WebP only, not ${refused}`,
          )
      }
      const signer = options.embed ? await loadSigner(ctx.home) : undefined
      const key = await findKey(ctx.keysDir, options.key)
      const health = await getHealth(ctx.api)
      const account = await unlockKey(key)
      const domain = { chainId: health.chain.chainId, registry: health.chain.registry }

      const results: FileResult[] = []
      let batch: { file: string; contentHash: Hex; submission: Submission }[] = []
      const flush = async () => {
        if (batch.length === 0) return
        const answers = await submitRecords(
          ctx.api,
          batch.map((b) => b.submission),
        )
        for (const [i, answer] of answers.entries()) {
          const { file, contentHash } = batch[i]!
          results.push({ file, contentHash, id: answer.id, status: answer.status })
        }
        batch = []
      }

      const toEmbed: { file: string; record: ProvenanceRecord; id: Hex }[] = []
      const progress = progressBar(files.length, 'files', !ctx.json)
      for (const [index, file] of files.entries()) {
        progress.update(index, file)
        const { contentHash, size } = await sha256File({ path: file })
        const mediaType = mediaTypeOf(file)
        const existing = await findRecordsByContentHash(ctx.api, contentHash)
        const mine = existing.find((r) => r.record.creator.toLowerCase() === account.address.toLowerCase())
        if (mine) {
          results.push({ file, contentHash, id: mine.id, status: 'skipped' })
          toEmbed.push({ file, record: mine.record, id: mine.id })
          continue
        }
        // Images also carry a PDQ hash in their signed metadata, so a re-encoded or resized copy is found.
        const { perceptual } = await perceptualOf(file, mediaType)
        const metadata: RecordMetadata | undefined =
          options.title || perceptual
            ? {
                ...(options.title ? { title: options.title } : {}),
                ...(perceptual
                  ? { perceptualHash: perceptual.hash, perceptualQuality: perceptual.quality }
                  : {}),
              }
            : undefined
        const record = createRecord({
          creator: account.address,
          contentHash,
          size,
          mediaType,
          origin: options.origin as Origin,
          model: options.model,
          parents,
          metadata,
        })
        const signed = await signRecord({ account, record, domain })
        toEmbed.push({ file, record, id: recordId(record) })
        if (options.direct) {
          const answer = await submitRecord(ctx.api, { ...signed, metadata, mode: 'direct' })
          results.push({ file, contentHash, id: answer.id, status: answer.status })
          continue
        }
        batch.push({ file, contentHash, submission: { ...signed, metadata } })
        if (batch.length >= chunkSize) await flush()
      }
      await flush()
      progress.stop()
      if (signer) {
        const embedding = progressBar(toEmbed.length, 'files', !ctx.json)
        for (const [index, { file, record, id }] of toEmbed.entries()) {
          embedding.update(index, `embedding ${file}`)
          const { path } = await embedFile({
            file,
            record,
            recordId: id,
            ...domain,
            signer,
            title: options.title,
          })
          const result = results.find((r) => r.file === file)
          if (result) result.embedded = path
        }
        embedding.stop()
      }
      report(ctx, results)
    })
}

function report(ctx: CliContext, results: FileResult[]): void {
  const count = (status: FileResult['status']) => results.filter((r) => r.status === status).length
  const summary = {
    registered: count('pending') + count('anchored'),
    skipped: count('skipped') + count('exists'),
  }
  emit(ctx.json, { ...summary, results }, () => {
    if (results.length <= 20)
      for (const r of results) {
        const label =
          r.status === 'skipped' || r.status === 'exists'
            ? color.dim('already registered')
            : color.green(r.status)
        console.log(`${r.file}\n  record ${r.id}  ${label}`)
        if (r.embedded) console.log(`  Content Credentials written to ${r.embedded}`)
      }
    console.log(
      `${summary.registered} registered, ${summary.skipped} already registered` +
        (summary.registered > 0
          ? '. Batch records are anchored within seconds; `rightflow verify <file>` shows status.'
          : ''),
    )
  })
}

/** A parent given as a record id, or as a file whose record is looked up by its content hash. */
async function resolveParent(api: ApiClient, parent: string): Promise<Hex> {
  if (/^0x[0-9a-fA-F]{64}$/.test(parent)) {
    const id = parent.toLowerCase() as Hex
    if (!(await getRecord(api, id)))
      throw new CliError(`parent ${id} is not a registered record`, 1, 'parent_not_found')
    return id
  }
  const { contentHash } = await sha256File({ path: parent }).catch(() => {
    throw new CliError(`--parent ${parent} is neither a record id nor a readable file`)
  })
  const [record] = await findRecordsByContentHash(api, contentHash)
  if (!record)
    throw new CliError(`parent file ${parent} has no record: register it first`, 1, 'parent_not_found')
  return record.id
}
