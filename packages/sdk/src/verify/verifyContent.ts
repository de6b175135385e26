import type { Address, Hex, PublicClient } from 'viem'
import type { ApiClient } from '../api/apiRequest.js'
import { findRecordsByContentHash } from '../api/findRecordsByContentHash.js'
import { findRecordsByPerceptualHash } from '../api/findRecordsByPerceptualHash.js'
import { findRecordsByPerceptualHashes } from '../api/findRecordsByPerceptualHashes.js'
import type { ApiRecord } from '../api/types.js'
import { readBatch } from '../chain/readBatch.js'
import { readOnChainRecord } from '../chain/readOnChainRecord.js'
import { verifyInclusionOnChain } from '../chain/verifyInclusionOnChain.js'
import { recordId } from '../record/recordId.js'
import { verifyRecordSignature } from '../record/verifyRecordSignature.js'

/**
 * - verified: signed by its creator and found on chain by the chain itself;
 * - pending: correctly signed, waiting for its batch to be anchored;
 * - invalid: the id, signature or proof does not hold: do not trust it;
 * - unregistered: no record of this content.
 */
export type Verdict = 'verified' | 'pending' | 'invalid' | 'unregistered'

/** How the record was found: by the exact bytes, or by how the image looks (a washed copy). */
export type MatchKind = { kind: 'exact' } | { kind: 'perceptual'; distance: number; confidence: number }

export type RecordCheck = {
  entry: ApiRecord
  match: MatchKind
  verdict: Exclude<Verdict, 'unregistered'>
  idMatches: boolean
  /** undefined for records known only from chain events (the contract checked their signature). */
  signatureValid: boolean | undefined
  anchor:
    | {
        kind: 'batch'
        root: Hex
        proofVerifiedOnChain: boolean
        timestamp: number | undefined
        txHash: Hex | undefined
      }
    | { kind: 'direct'; onChain: boolean; timestamp: number | undefined; txHash: Hex | undefined }
    | undefined
  /**
   * For an exact match that is verified or pending: whether it is the earliest anchored claim on these bytes
   * among the records shown (rights follow that one), or a later claim, naming the earlier record. Undefined
   * for perceptual matches (other bytes) and invalid records (not a claim to weigh).
   */
  claim: { earliest: true } | { earliest: false; earlierRecord: Hex } | undefined
  problems: string[]
}

export type VerifyContentReturnType = { contentHash: Hex; verdict: Verdict; records: RecordCheck[] }

/**
 * Verifies content without trusting the server: fetches the records for a content hash, then checks each
 * id and EIP-712 signature locally and each anchor against the registry contract over plain RPC.
 * Records come back best first (verified, then the earliest anchored claim: its time as read from the chain;
 * within a block and a batch, the order the server reports, see earlierAnchor), and each
 * exact match says whether it is the earliest anchored claim on the bytes or a later one (rights in a set of
 * bytes belong to the earliest anchored claim). When no record has these exact bytes and the
 * file's perceptual hash is given, records of images that look the same are checked instead: exact
 * matches always win.
 *
 * @example
 * const { verdict, records } = await verifyContent({ api, publicClient, chainId, registry, contentHash })
 */
export async function verifyContent({
  api,
  publicClient,
  chainId,
  registry,
  contentHash,
  perceptual,
}: {
  api: ApiClient
  publicClient: PublicClient
  chainId: number
  registry: Address
  contentHash: Hex
  /**
   * The file's PDQ hash and quality, to find washed copies of an image; with `reframed` (the hashes of
   * the image re-framed as the larger picture it may have been cropped from), cropped copies too.
   */
  perceptual?: { hash: Hex; quality: number; reframed?: readonly Hex[] | undefined } | undefined
}): Promise<VerifyContentReturnType> {
  const context = { publicClient, chainId, registry }
  const records: RecordCheck[] = []
  for (const entry of await findRecordsByContentHash(api, contentHash))
    records.push(await checkRecord(entry, { kind: 'exact' }, { ...context, contentHash }))
  if (records.length === 0 && perceptual) {
    let matches = await findRecordsByPerceptualHash(api, perceptual)
    // Re-framed hashes cost a wider search, so only when the copy's own hash finds nothing.
    if (matches.length === 0 && perceptual.reframed?.length)
      matches = await findRecordsByPerceptualHashes(api, {
        hashes: [perceptual.hash, ...perceptual.reframed],
        quality: perceptual.quality,
      })
    for (const { match, ...entry } of matches) records.push(await checkRecord(entry, match, context))
  }
  // Best first: what verifies, then the closest look-alike, then the earliest anchor.
  const rank = { verified: 0, pending: 1, invalid: 2 }
  const distance = (check: RecordCheck) => (check.match.kind === 'exact' ? -1 : check.match.distance)
  records.sort(
    (a, b) => rank[a.verdict] - rank[b.verdict] || distance(a) - distance(b) || earlierAnchor(a, b),
  )
  labelClaims(records)
  return { contentHash, verdict: records[0]?.verdict ?? 'unregistered', records }
}

/**
 * Orders two claims by their anchor, as the server orders them: the chain's time (read here), then the block,
 * the anchoring event's place in it and, within one batch, the leaf index: the order the server received the
 * records. Those three come from the server: the chain keeps no order inside a batch root (an OpenZeppelin
 * sorted-pair proof does not carry the leaf's position), so for records anchored together the client trusts
 * the server's receipt order. The record id comes last: anyone can grind an id that sorts low.
 */
function earlierAnchor(a: RecordCheck, b: RecordCheck): number {
  const last = Number.MAX_SAFE_INTEGER
  const sameBatch =
    a.anchor?.kind === 'batch' && b.anchor?.kind === 'batch' && a.anchor.root === b.anchor.root
  return (
    (a.anchor?.timestamp ?? last) - (b.anchor?.timestamp ?? last) ||
    (a.entry.chain?.blockNumber ?? last) - (b.entry.chain?.blockNumber ?? last) ||
    (a.entry.chain?.logIndex ?? last) - (b.entry.chain?.logIndex ?? last) ||
    (sameBatch ? (a.entry.batch?.leafIndex ?? last) - (b.entry.batch?.leafIndex ?? last) : 0) ||
    (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0)
  )
}

/** The first verified exact match is the earliest anchored claim; every other exact claim is a later one. */
function labelClaims(records: RecordCheck[]): void {
  const earliest = records.find((r) => r.match.kind === 'exact' && r.verdict === 'verified')
  for (const check of records) {
    if (check.match.kind !== 'exact' || check.verdict === 'invalid' || !earliest) continue
    check.claim =
      check === earliest ? { earliest: true } : { earliest: false, earlierRecord: earliest.entry.id }
  }
}

async function checkRecord(
  entry: ApiRecord,
  match: MatchKind,
  {
    publicClient,
    chainId,
    registry,
    contentHash,
  }: { publicClient: PublicClient; chainId: number; registry: Address; contentHash?: Hex },
): Promise<RecordCheck> {
  const problems: string[] = []
  // A perceptual match is another file by definition: there only the record's own id must hold.
  const idMatches =
    recordId(entry.record) === entry.id &&
    (contentHash === undefined || entry.record.contentHash === contentHash)
  if (!idMatches) problems.push('the record id or content hash does not match the record')
  const signatureValid = entry.signature
    ? verifyRecordSignature({ record: entry.record, signature: entry.signature }, { chainId, registry }).valid
    : undefined
  if (signatureValid === false)
    problems.push('the signature is not the creator’s for this chain and registry')

  let anchor: RecordCheck['anchor']
  if (entry.batch && entry.status === 'anchored') {
    const { root, proof } = entry.batch
    const proofVerifiedOnChain = await verifyInclusionOnChain({
      publicClient,
      registry,
      id: entry.id,
      root,
      proof,
    })
    const batch = proofVerifiedOnChain ? await readBatch({ publicClient, registry, root }) : undefined
    if (!proofVerifiedOnChain) problems.push('the chain does not confirm the inclusion proof')
    anchor = {
      kind: 'batch',
      root,
      proofVerifiedOnChain,
      timestamp: batch?.timestamp,
      txHash: entry.chain?.txHash,
    }
  } else if (entry.mode === 'direct' && entry.status === 'anchored') {
    const onChain = await readOnChainRecord({ publicClient, registry, id: entry.id })
    const matches =
      onChain !== undefined && onChain.creator.toLowerCase() === entry.record.creator.toLowerCase()
    if (!matches) problems.push('the chain does not hold this direct record')
    anchor = { kind: 'direct', onChain: matches, timestamp: onChain?.timestamp, txHash: entry.chain?.txHash }
  }

  const anchoredOk =
    anchor?.kind === 'batch'
      ? anchor.proofVerifiedOnChain
      : anchor?.kind === 'direct'
        ? anchor.onChain
        : undefined
  const signedOk =
    signatureValid === true ||
    (signatureValid === undefined && anchor?.kind === 'direct' && anchoredOk === true)
  const verdict =
    !idMatches || !signedOk || anchoredOk === false ? 'invalid' : anchoredOk ? 'verified' : 'pending'
  return { entry, match, verdict, idMatches, signatureValid, anchor, claim: undefined, problems }
}
