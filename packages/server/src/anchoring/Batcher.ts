import {
  anchorBatch,
  BaseError,
  buildMerkleTree,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  readBatch,
} from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import type { Logger } from '../logger.js'
import type { ProvenanceStore } from '../store/types.js'

export type BatcherOptions = {
  /** Close a batch once this many records are pending. */
  maxCount: number
  /** Close a batch once its oldest record has waited this long. */
  maxAgeMs: number
}

/**
 * Batch mode: closes batches by count or age, stores every record's inclusion proof, then anchors the root.
 * The batch is saved before its transaction is sent, so a crash in between only means the root is sent
 * again on restart (and a root already on chain is not sent twice).
 */
export class Batcher {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined

  constructor(
    private readonly store: ProvenanceStore,
    private readonly chain: ChainContext,
    private readonly options: BatcherOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    const interval = Math.max(20, Math.min(500, this.options.maxAgeMs / 4))
    this.timer = setInterval(() => void this.tick(), interval)
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  /**
   * One pass: send batches left unsent, then close and anchor every batch that is due (all pending records
   * when `force`). Passes never overlap: a call waits for the one in flight, then runs its own.
   */
  async tick(force = false): Promise<void> {
    while (this.running) await this.running
    this.running = this.pass(force).finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async pass(force: boolean): Promise<void> {
    try {
      for (const batch of await this.store.unconfirmedBatches())
        if (batch.status === 'built') await this.submit(batch.root, batch.count)
      while (await this.isDue(force)) await this.closeBatch()
    } catch (error) {
      const message = error instanceof BaseError ? error.shortMessage : String(error)
      this.log.warn(`anchoring postponed: ${message}`)
    }
  }

  private async isDue(force: boolean): Promise<boolean> {
    const pending = await this.store.pendingCount()
    if (pending === 0) return false
    if (force || pending >= this.options.maxCount) return true
    const oldest = await this.store.oldestPendingAt()
    return oldest !== undefined && Date.now() - oldest >= this.options.maxAgeMs
  }

  private async closeBatch(): Promise<void> {
    const ids = await this.store.pendingIds(this.options.maxCount)
    const tree = buildMerkleTree(packLeaves(ids))
    const root = merkleRoot(tree)
    const proofs = ids.map((_, i) => merkleProofBytes(tree, i))
    await this.store.saveBatch({ root, ids, proofs, createdAt: Date.now() })
    await this.submit(root, ids.length)
  }

  private async submit(root: Hex, count: number): Promise<void> {
    const { publicClient, walletClient, registry } = this.chain
    if (await readBatch({ publicClient, registry, root })) return
    const { txHash, gasUsed } = await anchorBatch({ publicClient, walletClient, registry, root, count })
    await this.store.markBatchSubmitted(root, txHash)
    this.log.info(`anchored batch ${root.slice(0, 10)}… of ${count} records (${gasUsed} gas)`)
  }
}
