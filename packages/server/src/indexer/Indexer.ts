import { BaseError, getRegistryEvents, type Hex, redactUrlsInText } from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import type { Logger } from '../logger.js'
import type { ChainUpdate, ProvenanceStore } from '../store/types.js'

export type IndexerOptions = { pollMs: number; startBlock: number; blocksPerQuery: number }

/**
 * Follows the registry's events into the store. Each block range is applied together with the cursor in
 * one transaction, so after a crash (even kill -9) it resumes exactly where it stopped: nothing lost,
 * nothing applied twice. If the block under the cursor is gone or has another hash, the chain was reset
 * (or reorganised): it says so, forgets what it learned from the old chain and syncs again.
 */
export class Indexer {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  /** Last error seen, for /health; undefined once a poll succeeds. */
  lastError: string | undefined

  constructor(
    private readonly store: ProvenanceStore,
    private readonly chain: ChainContext,
    private readonly options: IndexerOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.options.pollMs)
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  /** Brings the store up to the chain head as of this call. Passes never overlap. */
  async poll(): Promise<void> {
    while (this.running) await this.running
    this.running = this.pass().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async pass(): Promise<void> {
    try {
      await this.syncToHead()
      this.lastError = undefined
    } catch (error) {
      // Shown by /health to anyone: viem's errors embed the RPC URL, which may carry the provider's key.
      this.lastError = redactUrlsInText(error instanceof BaseError ? error.shortMessage : String(error))
      this.log.warn(`indexer: ${this.lastError}`)
    }
  }

  private async syncToHead(): Promise<void> {
    const { publicClient } = this.chain
    const head = Number(await publicClient.getBlockNumber({ cacheTime: 0 }))
    let cursor = await this.store.getCursor()
    if (cursor && !(await this.cursorStillOnChain(cursor.blockNumber, cursor.blockHash, head))) {
      const { requeued, dropped } = await this.store.resetChainState()
      this.log.warn(
        `the chain was reset: block ${cursor.blockNumber} is gone. Re-syncing from block ${this.options.startBlock}; ` +
          `${requeued} direct records queued for anchoring again, ${dropped} chain-only records dropped.`,
      )
      cursor = undefined
    }
    let from = cursor ? cursor.blockNumber + 1 : this.options.startBlock
    while (from <= head) {
      const to = Math.min(head, from + this.options.blocksPerQuery - 1)
      await this.applyRange(from, to)
      from = to + 1
    }
  }

  private async cursorStillOnChain(blockNumber: number, blockHash: Hex, head: number): Promise<boolean> {
    if (blockNumber > head) return false
    const block = await this.chain.publicClient
      .getBlock({ blockNumber: BigInt(blockNumber) })
      .catch(() => undefined)
    return block?.hash === blockHash
  }

  private async applyRange(from: number, to: number): Promise<void> {
    const { publicClient, registry } = this.chain
    const events = await getRegistryEvents({
      publicClient,
      registry,
      fromBlock: BigInt(from),
      toBlock: BigInt(to),
    })
    const times = new Map<bigint, number>()
    for (const event of events)
      if (!times.has(event.blockNumber))
        times.set(
          event.blockNumber,
          Number((await publicClient.getBlock({ blockNumber: event.blockNumber })).timestamp),
        )
    const last = await publicClient.getBlock({ blockNumber: BigInt(to) })
    const update: ChainUpdate = {
      anchoredBatches: [],
      onChainRecords: [],
      improvedRecords: [],
      cursor: { blockNumber: to, blockHash: last.hash },
    }
    for (const event of events) {
      const position = {
        txHash: event.txHash,
        blockNumber: Number(event.blockNumber),
        timestamp: times.get(event.blockNumber)!,
        logIndex: event.logIndex,
      }
      if (event.kind === 'batch')
        update.anchoredBatches.push({
          root: event.root,
          count: event.count,
          anchorer: event.anchorer,
          ...position,
        })
      else if (event.kind === 'improved')
        update.improvedRecords!.push({ id: event.id, batchRoot: event.root, timestamp: event.timestamp })
      else
        update.onChainRecords.push({
          id: event.id,
          record: event.record,
          batchRoot: event.batchRoot,
          ...position,
        })
    }
    await this.store.applyChainUpdate(update)
  }
}
