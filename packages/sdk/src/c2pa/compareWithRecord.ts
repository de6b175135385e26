import type { Hex } from 'viem'
import type { ProvenanceRecord } from '../record/types.js'
import type { ContentCredentials } from './contentCredentials.js'

/**
 * How a file's Content Credentials stand beside its on-chain record:
 * - agree: both exist and say the same thing (origin, model, and the record id when the manifest names one);
 * - disagree: both exist and contradict each other (see `differences`) — do not trust the file's claims;
 * - c2pa-only: a manifest and no record; chain-only: a record and no manifest; none: neither.
 */
export type CredentialsAgreement = {
  status: 'agree' | 'disagree' | 'c2pa-only' | 'chain-only' | 'none'
  differences: string[]
}

/**
 * Compares what a C2PA manifest claims with what the signed, anchored record says.
 *
 * @example
 * compareWithRecord(credentials, { id, record }) // { status: 'agree', differences: [] }
 */
export function compareWithRecord(
  credentials: ContentCredentials | undefined,
  match: { id: Hex; record: ProvenanceRecord } | undefined,
  /** The chain being checked: a manifest naming a record on another chain or registry is not compared by id. */
  chain?: { chainId: number; registry: Hex },
): CredentialsAgreement {
  if (!credentials) return { status: match ? 'chain-only' : 'none', differences: [] }
  if (!match) return { status: 'c2pa-only', differences: [] }
  const manifest = credentials.activeManifest
  const { id, record } = match
  const differences: string[] = []
  const sameChain =
    !chain ||
    (manifest.rightflow?.chainId === chain.chainId &&
      manifest.rightflow.registry.toLowerCase() === chain.registry.toLowerCase())
  if (manifest.rightflow && sameChain && manifest.rightflow.recordId.toLowerCase() !== id.toLowerCase())
    differences.push(`the manifest names record ${manifest.rightflow.recordId}, the chain has ${id}`)
  if (manifest.origin && manifest.origin !== record.origin)
    differences.push(`the manifest says origin ${manifest.origin}, the record says ${record.origin}`)
  const agents = manifest.actions.flatMap((a) => (a.softwareAgent ? [a.softwareAgent] : []))
  if (record.model && agents.length > 0 && !agents.some((agent) => agent.startsWith(record.model)))
    differences.push(
      `the manifest names software ${agents.join(', ')}, the record names model ${record.model}`,
    )
  if (!record.model && manifest.origin && manifest.origin !== 'human' && manifest.origin !== 'composite')
    differences.push('the manifest declares AI generation, the record names no model')
  return { status: differences.length ? 'disagree' : 'agree', differences }
}
