import {
  BaseError,
  bytesToHex,
  type Hex,
  InvalidSignatureError,
  metadataHash,
  proveRecordOnChain,
  readOnChainRecord,
  registerRecordOnChain,
  splitProof,
  validateRecord,
  verifyRecordSignature,
} from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import type { NewRecord, ProvenanceStore } from '../store/types.js'
import {
  MetadataMismatchError,
  ParentNotAnchoredError,
  ParentNotFoundError,
  RecordExistsError,
  SubmissionError,
} from './ingestErrors.js'
import type { WireSubmission } from './wireRecord.js'

export type IngestResult = { id: Hex; status: 'pending' | 'exists' | 'anchored'; txHash?: Hex }

/**
 * The one path every write takes (single, batch, direct), so the checks live in one place: record rules,
 * metadata hash, the creator's EIP-712 signature for this chain and registry, and parents that exist.
 */
export class RecordService {
  constructor(
    private readonly store: ProvenanceStore,
    private readonly chain: ChainContext,
  ) {}

  /** Checks every submission first and stores none unless all pass. Duplicates are reported, not errors. */
  ingest(submissions: WireSubmission[], now = Date.now()): IngestResult[] {
    const checked = submissions.map((submission, index) => {
      try {
        return this.check(submission, now)
      } catch (error) {
        throw error instanceof BaseError ? new SubmissionError(index, error) : error
      }
    })
    const known = this.store.existingIds(checked.flatMap((c) => [c.id, ...c.record.parents]))
    const seen = new Set<Hex>()
    checked.forEach((entry, index) => {
      for (const parent of entry.record.parents)
        if (!known.has(parent) && !seen.has(parent))
          throw new SubmissionError(index, new ParentNotFoundError(parent))
      seen.add(entry.id)
    })
    const { duplicates } = this.store.insertRecords(checked.filter((c) => !known.has(c.id)))
    const existing = new Set([...duplicates, ...checked.filter((c) => known.has(c.id)).map((c) => c.id)])
    return checked.map(({ id }) => ({ id, status: existing.has(id) ? 'exists' : 'pending' }))
  }

  /** Direct mode: the record is written on chain (parents proven there first if needed), then stored. */
  async ingestDirect(submission: WireSubmission, now = Date.now()): Promise<IngestResult> {
    const entry = this.check(submission, now)
    if (this.store.getRecord(entry.id)) throw new RecordExistsError(entry.id)
    for (const parent of entry.record.parents) await this.ensureOnChain(parent)
    const { publicClient, walletClient, registry } = this.chain
    const signed = { record: entry.record, signature: entry.signature }
    const { txHash, blockNumber } = await registerRecordOnChain({
      publicClient,
      walletClient,
      registry,
      signed,
    })
    const block = await publicClient.getBlock({ blockNumber })
    const chain = { txHash, blockNumber: Number(blockNumber), timestamp: Number(block.timestamp) }
    this.store.insertRecords([{ ...entry, mode: 'direct', chain }])
    return { id: entry.id, status: 'anchored', txHash }
  }

  private async ensureOnChain(parent: Hex): Promise<void> {
    const { publicClient, walletClient, registry } = this.chain
    if (await readOnChainRecord({ publicClient, registry, id: parent })) return
    const stored = this.store.getRecord(parent)
    if (!stored) throw new ParentNotFoundError(parent)
    if (stored.status !== 'anchored' || !stored.batchRoot || !stored.proof || !stored.signature)
      throw new ParentNotAnchoredError(parent)
    await proveRecordOnChain({
      publicClient,
      walletClient,
      registry,
      signed: { record: stored.record, signature: stored.signature },
      root: stored.batchRoot,
      proof: splitProof(stored.proof).map(bytesToHex),
    })
  }

  private check(submission: WireSubmission, now: number): NewRecord {
    const record = { ...submission.record, parents: submission.record.parents }
    validateRecord(record)
    if (submission.metadata && metadataHash(submission.metadata) !== record.metadataHash)
      throw new MetadataMismatchError()
    const signature = submission.signature as Hex
    const verdict = verifyRecordSignature({ record, signature }, this.chain)
    if (!verdict.valid)
      throw new InvalidSignatureError(
        record.creator,
        verdict.recovered
          ? `recovered ${verdict.recovered}: signed by another key, or for another chain`
          : undefined,
      )
    return {
      id: verdict.id,
      record,
      signature,
      metadata: submission.metadata,
      mode: 'batch',
      receivedAt: now,
    }
  }
}
