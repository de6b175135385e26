import {
  BaseError,
  buildMerkleTree,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  readBatch,
  sendAnchorBatch,
} from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import type { Logger } from '../logger.js'
import type { ProvenanceStore, StoredBatch } from '../store/types.js'
import { landedOnCanonicalChain, pendingInNode } from './landedOnCanonicalChain.js'

export type BatcherOptions = {
  /** Close a batch once this many records are pending. */
  maxCount: number
  /** Close a batch once its oldest record has waited this long. */
  maxAgeMs: number
  /**
   * Send a batch again once neither its transaction (mined on the canonical chain, or still pending in the
   * node) nor its root has been seen for this long (the transaction was lost: a crash of the chain, a reset, a
   * dropped or reorged transaction).
   */
  resendAfterMs: number
}

/**
 * Batch mode: closes batches by count or age, stores every record's inclusion proof, then anchors the root.
 * The batch is saved before its transaction is sent, so a crash in between only means the root is sent
 * again on restart (and a root already on chain is not sent twice). The transaction's hash is saved as soon
 * as the node accepts it, without waiting for it to be mined: a slow transaction or an RPC error while
 * polling never makes the batcher send it again before `resendAfterMs`. A sent batch stays watched until the
 * indexer has seen its root on chain: if its transaction is lost, the root is sent again, so every
 * acknowledged record ends anchored. The contract refuses a root twice, so a re-send never anchors twice.
 */
export class Batcher {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  /** When each sent batch was last known to be on its way (sent, or seen on the canonical chain). */
  private readonly lastSeen = new Map<Hex, number>()

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

  /**
   * Waits until every batch sent so far is mined, or `timeoutMs` has passed for it (a batch that does not land is
   * the re-send's business, not the caller's): for anchoring on demand (`tick(true)`, then this, then the
   * indexer's `poll()`) and for a shutdown that wants its last batch in a block.
   */
  async waitForSent(timeoutMs = 30_000): Promise<void> {
    const sent = (await this.store.unconfirmedBatches()).filter((batch) => batch.txHash !== undefined)
    await Promise.all(
      sent.map((batch) =>
        this.chain.publicClient
          .waitForTransactionReceipt({ hash: batch.txHash!, timeout: timeoutMs })
          .catch(() => undefined),
      ),
    )
  }

  private async pass(force: boolean): Promise<void> {
    try {
      const unconfirmed = await this.store.unconfirmedBatches()
      for (const root of this.lastSeen.keys())
        if (!unconfirmed.some((batch) => batch.root === root)) this.lastSeen.delete(root)
      // A batch still 'built' here was not sent by a pass of this process, or its anchor left the chain (a
      // reset or reorg the indexer noticed): sending it is a re-send.
      for (const batch of unconfirmed)
        if (batch.status === 'built') await this.submit(batch.root, batch.count, { resend: true })
        else await this.watch(batch)
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

  /**
   * A sent batch the indexer has not yet recorded as anchored. While its transaction is in a canonical block,
   * or still pending in the node (a re-send would only queue behind it, with the next nonce), or its root is on chain through another transaction (ours that did land, or anyone's: `anchor` is
   * permissionless), there is nothing to do: the indexer reads where and when from the chain's event, and
   * puts the batch back to 'built' if that block is later reorganised away. Otherwise, once that has lasted
   * `resendAfterMs` (measured in this process, so a restart waits once more), the root is sent again.
   */
  private async watch(batch: StoredBatch): Promise<void> {
    const { publicClient, registry } = this.chain
    const now = Date.now()
    const onItsWay =
      (batch.txHash !== undefined && (await landedOnCanonicalChain(publicClient, batch.txHash))) ||
      (batch.txHash !== undefined && (await pendingInNode(publicClient, batch.txHash))) ||
      (await readBatch({ publicClient, registry, root: batch.root })) !== undefined
    const since = this.lastSeen.get(batch.root)
    if (onItsWay || since === undefined) {
      this.lastSeen.set(batch.root, now)
      return
    }
    if (now - since < this.options.resendAfterMs) return
    this.log.warn(
      `batch ${batch.root.slice(0, 10)}…: transaction ${batch.txHash?.slice(0, 10)}… is not on the chain ` +
        `after ${this.options.resendAfterMs} ms; sending the root again`,
    )
    this.lastSeen.set(batch.root, now)
    await this.submit(batch.root, batch.count, { resend: true })
  }

  private async submit(root: Hex, count: number, { resend = false } = {}): Promise<void> {
    const { publicClient, walletClient, registry } = this.chain
    if (await readBatch({ publicClient, registry, root })) return
    // A lost transaction's nonce is free again, and a chain that went back took the nonce with it: the nonce
    // manager, which never counts down by itself, would otherwise leave a gap the transaction waits behind.
    if (resend) this.forgetNonce()
    try {
      // No wait for the receipt here: `watch` and the indexer follow the transaction from its stored hash.
      const { txHash } = await sendAnchorBatch({ publicClient, walletClient, registry, root, count })
      this.lastSeen.set(root, Date.now())
      await this.store.markBatchSubmitted(root, txHash)
      this.log.info(
        `sent batch ${root.slice(0, 10)}… of ${count} records in transaction ${txHash.slice(0, 10)}…`,
      )
    } catch (error) {
      // Someone anchored this root between our read and our send: it is on chain, the indexer records it.
      if (error instanceof BaseError && error.code === 'batch_exists') return
      throw error
    }
  }

  private forgetNonce(): void {
    const { walletClient, chainId } = this.chain
    const account = walletClient.account
    if (account?.type === 'local') account.nonceManager?.reset({ address: account.address, chainId })
  }
}
