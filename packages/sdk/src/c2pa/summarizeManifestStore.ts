import type { ContentCredentials, ContentCredentialsAction } from './contentCredentials.js'
import { originFromDigitalSourceType } from './digitalSourceType.js'
import { CorruptManifestError } from './errors.js'
import { parseRightflowAssertion, rightflowRecordLabel } from './rightflowAssertion.js'

type Json = Record<string, unknown>

/**
 * Our summary of c2pa-wasm's manifest store (`WasmReader.manifestStore()`). Every field is read
 * defensively: the store mirrors whatever the file's author wrote, v1 and v2 claims alike.
 *
 * @example
 * summarizeManifestStore((await WasmReader.fromBytes(type, bytes)).manifestStore())
 */
export function summarizeManifestStore(store: unknown): ContentCredentials {
  const manifests = object(object(store).manifests)
  const label = string(object(store).active_manifest)
  const manifest = label ? manifests[label] : undefined
  if (!label || !isObject(manifest))
    throw new CorruptManifestError('the manifest store names no active manifest')
  const assertions = array(manifest.assertions).filter(isObject)
  const actions = assertions
    .filter((a) => string(a.label)?.startsWith('c2pa.actions'))
    .flatMap((a) => array(object(a.data).actions).filter(isObject).map(toAction))
  const stated = actions.find((a) => a.digitalSourceType)?.digitalSourceType
  const signature = object(manifest.signature_info)
  return {
    activeManifest: {
      label,
      title: string(manifest.title),
      claimGenerator: claimGenerator(manifest),
      signer: {
        issuer: string(signature.issuer),
        commonName: string(signature.common_name),
        time: string(signature.time),
      },
      actions,
      origin: stated ? originFromDigitalSourceType(stated) : undefined,
      ingredients: array(manifest.ingredients)
        .filter(isObject)
        .map((i) => ({
          title: string(i.title),
          relationship: string(i.relationship),
          hasCredentials: typeof i.active_manifest === 'string',
        })),
      trainingMining: trainingMining(assertions),
      rightflow: parseRightflowAssertion(assertions.find((a) => a.label === rightflowRecordLabel)?.data),
    },
    manifestCount: Object.keys(manifests).length,
    validation: validation(object(store)),
  }
}

function toAction(a: Json): ContentCredentialsAction {
  const agent = a.softwareAgent
  const softwareAgent = isObject(agent)
    ? [string(agent.name), string(agent.version)].filter(Boolean).join(' ') || undefined
    : string(agent)
  const digitalSourceType = string(a.digitalSourceType)
  const when = string(a.when)
  return {
    action: string(a.action) ?? '(unnamed)',
    ...(digitalSourceType ? { digitalSourceType } : {}),
    ...(softwareAgent ? { softwareAgent } : {}),
    ...(when ? { when } : {}),
  }
}

function claimGenerator(manifest: Json): string | undefined {
  const [info] = array(manifest.claim_generator_info).filter(isObject)
  if (info) return [string(info.name), string(info.version)].filter(Boolean).join('/') || undefined
  return string(manifest.claim_generator) // v1 claims
}

// CAWG's `cawg.training-mining`, or the C2PA 1.x `c2pa.training-mining` it replaced.
function trainingMining(assertions: Json[]): Record<string, string> | undefined {
  const found = assertions.find(
    (a) => a.label === 'cawg.training-mining' || a.label === 'c2pa.training-mining',
  )
  if (!found) return undefined
  const entries: Record<string, string> = {}
  for (const [use, entry] of Object.entries(object(object(found.data).entries))) {
    const permission = string(object(entry).use)
    if (permission) entries[use] = permission
  }
  return entries
}

function validation(store: Json): ContentCredentials['validation'] {
  const state = string(store.validation_state)?.toLowerCase()
  const failures = object(object(store.validation_results).activeManifest).failure ?? store.validation_status
  return {
    // A store without a state was not validated; call it invalid rather than vouch for it.
    state: state === 'trusted' || state === 'valid' ? state : 'invalid',
    errors: array(failures)
      .filter(isObject)
      .map((f) => ({ code: string(f.code) ?? 'unknown', explanation: string(f.explanation) })),
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
function object(value: unknown): Json {
  return isObject(value) ? value : {}
}
function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
