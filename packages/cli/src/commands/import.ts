import { readFile } from 'node:fs/promises'
import {
  createRecord,
  getHealth,
  getRecord,
  type Hex,
  type RecordMetadata,
  readableMediaTypes,
  readContentCredentials,
  sha256File,
  signRecord,
  submitRecords,
} from '@rightflow/sdk'
import type { Command } from 'commander'
import { loadTrustAnchors } from '../c2pa/signer.js'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { findKey, unlockKey } from '../keys/keyStore.js'
import { mediaTypeOf } from '../mediaType.js'
import { collect } from '../options.js'
import { emit, table } from '../output.js'
import { perceptualOf } from '../perceptual.js'

const recordIdPattern = /^0x[0-9a-fA-F]{64}$/

export function importCommand(program: Command, context: () => CliContext): void {
  program
    .command('import <file>')
    .description(
      'register a file that already carries Content Credentials, keeping its claims as the record’s',
    )
    .option('--model <id>', 'the AI model, when the manifest declares AI generation but names no software')
    .option(
      '--trust <pem>',
      'trust anchors for the manifest (repeatable; default: your local CA)',
      collect,
      [],
    )
    .option('--key <name|address>', 'the signing key')
    .action(async (file: string, options: { model?: string; trust: string[]; key?: string }) => {
      const ctx = context()
      const mediaType = mediaTypeOf(file)
      if (!readableMediaTypes.includes(mediaType))
        throw new CliError(`${file}: ${mediaType} cannot carry Content Credentials`)
      const bytes = new Uint8Array(
        await readFile(file).catch(() => {
          throw new CliError(`cannot read ${file}`)
        }),
      )
      const trustAnchorsPem = await loadTrustAnchors(ctx.home, options.trust)
      const credentials = await readContentCredentials({ bytes, mediaType, trustAnchorsPem })
      if (!credentials)
        throw new CliError(`${file} carries no Content Credentials: use \`rightflow register\``)
      if (credentials.validation.state === 'invalid')
        throw new CliError(
          `${file}: its Content Credentials do not validate (${credentials.validation.errors.map((e) => e.code).join(', ')}); refusing to import them`,
        )
      const manifest = credentials.activeManifest
      // Our own embedded copies name their record: the work is registered already.
      const named = manifest.rightflow && (await getRecord(ctx.api, manifest.rightflow.recordId))
      if (named) {
        emit(ctx.json, { file, id: named.id, status: 'exists' }, () =>
          console.log(`${file} is already registered: its Content Credentials name record ${named.id}`),
        )
        return
      }
      const origin = manifest.origin
      if (!origin)
        throw new CliError(`${file}: the manifest states no digital source type, so its origin is unknown`)
      const agent = manifest.actions.find((a) => a.softwareAgent)?.softwareAgent
      const model = origin === 'human' ? '' : (options.model ?? agent ?? '')
      if ((origin === 'ai' || origin === 'ai-assisted') && !model)
        throw new CliError(`${file}: the manifest declares ${origin} but names no software: pass --model`)
      // Ingredients that name a Rightflow record (as ours do) become parents, when that record is known.
      const ingredientIds = manifest.ingredients.flatMap((i) =>
        i.title && recordIdPattern.test(i.title) ? [i.title.toLowerCase() as Hex] : [],
      )
      const parents: Hex[] = []
      for (const id of ingredientIds) if (await getRecord(ctx.api, id)) parents.push(id)

      const { contentHash, size } = await sha256File({ path: file })
      const { perceptual } = await perceptualOf(file, mediaType)
      const metadata: RecordMetadata = {
        ...(manifest.title ? { title: manifest.title } : {}),
        c2pa: {
          manifest: manifest.label,
          claimGenerator: manifest.claimGenerator ?? null,
          signer: manifest.signer.commonName ?? null,
          issuer: manifest.signer.issuer ?? null,
          validation: credentials.validation.state,
        },
        ...(perceptual ? { perceptualHash: perceptual.hash, perceptualQuality: perceptual.quality } : {}),
      }
      const key = await findKey(ctx.keysDir, options.key)
      const health = await getHealth(ctx.api)
      const account = await unlockKey(key)
      const record = createRecord({
        creator: account.address,
        contentHash,
        size,
        mediaType,
        origin,
        model,
        parents,
        metadata,
      })
      const signed = await signRecord({
        account,
        record,
        domain: { chainId: health.chain.chainId, registry: health.chain.registry },
      })
      const [result] = await submitRecords(ctx.api, [{ ...signed, metadata }])
      emit(ctx.json, { file, ...result, origin, model, parents, c2pa: metadata.c2pa }, () =>
        console.log(
          `Imported ${file} from its Content Credentials\n${table([
            [
              'record',
              `${result!.id}  ${result!.status === 'exists' ? 'already registered' : result!.status}`,
            ],
            ['origin', model ? `${origin} (model: ${model})` : origin],
            ['parents', parents.length ? parents.join(', ') : 'none'],
            ['manifest', `${credentials.validation.state}, signed by ${manifest.signer.commonName ?? '?'}`],
          ])}`,
        ),
      )
    })
}
