import {
  BaseError,
  bytesToHex,
  type Hex,
  InvalidSignatureError,
  metadataHash,
  type ProvenanceRecord,
  proveRecordOnChain,
  type RecordMetadata,
  readOnChainRecord,
  registerRecordOnChain,
  splitProof,
  type VerifyRecordSignatureReturnType,
  validateRecord,
} from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import { perceptualHashOf } from '../perceptual/perceptualHashOf.js'
import { OneAtATime } from '../relay/OneAtATime.js'
import type { NewRecord, ProvenanceStore } from '../store/types.js'
import {
  MetadataMismatchError,
  ParentNotAnchoredError,
  ParentNotFoundError,
  RecordExistsError,
  SubmissionError,
} from './ingestErrors.js'
import { SignatureVerifier } from './SignatureVerifier.js'
import type { WireSubmission } from './wireRecord.js'

export type IngestResult = { id: Hex; status: 'pending' | 'exists' | 'anchored'; txHash?: Hex }

type Checked = {
  record: ProvenanceRecord
  signature: Hex
  metadata: RecordMetadata | undefined
  perceptualHash: Hex | undefined
}

/** A batch-anchored parent, with what proving it on chain takes. */
type ParentProof = { id: Hex; record: ProvenanceRecord; signature: Hex; batchRoot: Hex; proof: Uint8Array }

/** Told about every perceptual hash stored, so searches see new records at once. */
export type PerceptualSink = { add(id: Hex, hash: Hex): void }

/**
 * The one path every write takes (single, batch, direct), so the checks live in one place: record rules,
 * metadata hash, the creator's EIP-712 signature for this chain and registry, and parents that exist.
 */
export class RecordService {
  /** Direct registrations and parent proofs being sent, by record id: a copy waits, then finds it done. */
  readonly #registering = new OneAtATime<Hex>()
  readonly #proving = new OneAtATime<Hex>()

  constructor(
    private readonly store: ProvenanceStore,
    private readonly chain: ChainContext,
    private readonly perceptual: PerceptualSink = { add: () => {} },
    private readonly verifier = new SignatureVerifier(),
  ) {}

  /** Checks every submission first and stores none unless all pass. Duplicates are reported, not errors. */
  async ingest(submissions: WireSubmission[], now = Date.now()): Promise<IngestResult[]> {
    const entries = submissions.map((submission, index) => atIndex(index, () => checkFields(submission)))
    const verdicts = await this.verifier.verify(entries, this.domain)
    const checked = entries.map((entry, index) =>
      atIndex(index, () => accepted(entry, verdicts[index]!, now)),
    )
    const known = await this.store.existingIds(checked.flatMap((c) => [c.id, ...c.record.parents]))
    const seen = new Set<Hex>()
    for (const [index, entry] of checked.entries()) {
      for (const parent of entry.record.parents)
        if (!known.has(parent) && !seen.has(parent))
          throw new SubmissionError(index, new ParentNotFoundError(parent))
      seen.add(entry.id)
    }
    const { inserted, duplicates } = await this.store.insertRecords(checked.filter((c) => !known.has(c.id)))
    this.index(checked, inserted)
    const existing = new Set([...duplicates, ...checked.filter((c) => known.has(c.id)).map((c) => c.id)])
    return checked.map(({ id }) => ({ id, status: existing.has(id) ? 'exists' : 'pending' }))
  }

  /**
   * Direct mode: the record is written on chain (parents proven there first if needed), then stored.
   * `beforeRelay` runs once the creator's signature and the parents are checked and before the relayer spends
   * gas (a quota), told how many transactions it will send: one per parent to prove, plus the registration.
   */
  async ingestDirect(
    submission: WireSubmission,
    beforeRelay?: (creator: Hex, transactions: number) => Promise<void>,
    now = Date.now(),
  ): Promise<IngestResult> {
    const entry = checkFields(submission)
    const [verdict] = await this.verifier.verify([entry], this.domain)
    const checked = accepted(entry, verdict!, now)
    return this.#registering.run(checked.id, () => this.registerDirect(checked, beforeRelay))
  }

  private async registerDirect(
    checked: NewRecord,
    beforeRelay?: (creator: Hex, transactions: number) => Promise<void>,
  ): Promise<IngestResult> {
    if (await this.store.getRecord(checked.id)) throw new RecordExistsError(checked.id)
    const toProve: ParentProof[] = []
    for (const parent of checked.record.parents) {
      const proof = await this.proofToSend(parent)
      if (proof) toProve.push(proof)
    }
    await beforeRelay?.(checked.record.creator, 1 + toProve.length)
    for (const parent of toProve) await this.#proving.run(parent.id, () => this.sendProof(parent))
    const { publicClient, walletClient, registry } = this.chain
    const signed = { record: checked.record, signature: checked.signature }
    const { txHash, blockNumber } = await registerRecordOnChain({
      publicClient,
      walletClient,
      registry,
      signed,
    })
    const block = await publicClient.getBlock({ blockNumber })
    const chain = { txHash, blockNumber: Number(blockNumber), timestamp: Number(block.timestamp) }
    const { inserted } = await this.store.insertRecords([{ ...checked, mode: 'direct', chain }])
    this.index([checked], inserted)
    return { id: checked.id, status: 'anchored', txHash }
  }

  private index(records: NewRecord[], inserted: Hex[]): void {
    const added = new Set(inserted)
    for (const { id, perceptualHash } of records)
      if (perceptualHash && added.has(id)) this.perceptual.add(id, perceptualHash)
  }

  close(): Promise<void> {
    return this.verifier.close()
  }

  /** Plain data (the chain context holds clients, which cannot cross to a worker thread). */
  private get domain() {
    return { chainId: this.chain.chainId, registry: this.chain.registry }
  }

  /**
   * The stored, batch-anchored parent to prove on chain before its child can be registered there; undefined
   * when it is on chain already. Throws when it cannot be proven (unknown, or its batch not anchored yet).
   */
  private async proofToSend(parent: Hex): Promise<ParentProof | undefined> {
    const { publicClient, registry } = this.chain
    if (await readOnChainRecord({ publicClient, registry, id: parent })) return undefined
    const stored = await this.store.getRecord(parent)
    if (!stored) throw new ParentNotFoundError(parent)
    if (stored.status !== 'anchored' || !stored.batchRoot || !stored.proof || !stored.signature)
      throw new ParentNotAnchoredError(parent)
    const { id, record, signature, batchRoot, proof } = stored
    return { id, record, signature, batchRoot, proof }
  }

  private async sendProof(parent: ParentProof): Promise<void> {
    const { publicClient, walletClient, registry } = this.chain
    // Someone may have proven it since it was counted: sending again would revert at the relayer's cost.
    if (await readOnChainRecord({ publicClient, registry, id: parent.id })) return
    await proveRecordOnChain({
      publicClient,
      walletClient,
      registry,
      signed: { record: parent.record, signature: parent.signature },
      root: parent.batchRoot,
      proof: splitProof(parent.proof).map(bytesToHex),
    })
  }
}

/** The checks that need nothing but the submission. */
function checkFields(submission: WireSubmission): Checked {
  const record: ProvenanceRecord = submission.record
  validateRecord(record)
  if (submission.metadata && metadataHash(submission.metadata) !== record.metadataHash)
    throw new MetadataMismatchError()
  const perceptualHash = perceptualHashOf(submission.metadata)
  return { record, signature: submission.signature as Hex, metadata: submission.metadata, perceptualHash }
}

function accepted(entry: Checked, verdict: VerifyRecordSignatureReturnType, now: number): NewRecord {
  if (!verdict.valid)
    throw new InvalidSignatureError(
      entry.record.creator,
      verdict.recovered
        ? `recovered ${verdict.recovered}: signed by another key, or for another chain`
        : undefined,
    )
  return { id: verdict.id, ...entry, mode: 'batch', receivedAt: now }
}

/** Runs a check for submission `index`, naming the index in any error it raises. */
function atIndex<T>(index: number, check: () => T): T {
  try {
    return check()
  } catch (error) {
    throw error instanceof BaseError ? new SubmissionError(index, error) : error
  }
}
