import {
  buildMerkleTree,
  createRecord,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  recordId,
} from '@rightflow/sdk'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewRecord, ProvenanceStore } from '../../src/store/types.js'
import { randomHash } from '../support/records.js'

const creator = '0x1111111111111111111111111111111111111111' as Hex
const zeroRoot = `0x${'0'.repeat(64)}` as Hex

function newRecord(options: { parents?: Hex[]; contentHash?: Hex; receivedAt?: number } = {}): NewRecord {
  const record = createRecord({
    creator,
    contentHash: options.contentHash ?? randomHash(),
    size: 10,
    mediaType: 'text/plain',
    origin: 'human',
    parents: options.parents,
    createdAt: options.receivedAt ?? 1,
  })
  return {
    id: recordId(record),
    record,
    signature: `0x${'ab'.repeat(65)}`,
    metadata: { title: 't' },
    mode: 'batch',
    receivedAt: options.receivedAt ?? 1000,
  }
}

async function batchOf(store: ProvenanceStore, ids: Hex[]) {
  const tree = buildMerkleTree(packLeaves(ids))
  const root = merkleRoot(tree)
  await store.saveBatch({ root, ids, proofs: ids.map((_, i) => merkleProofBytes(tree, i)), createdAt: 5 })
  return root
}

const position = { txHash: randomHash(), blockNumber: 7, timestamp: 1234 }

/**
 * The behaviour every ProvenanceStore must have. Each implementation's test file calls this with a
 * factory for a fresh, empty store.
 */
export function storeConformance(name: string, makeStore: () => ProvenanceStore): void {
  describe(`${name} store conformance`, () => {
    let store: ProvenanceStore
    beforeEach(() => {
      store = makeStore()
    })
    afterEach(() => store.close())

    it('inserts records, reports duplicates and finds them by id, content hash and creator', async () => {
      const a = newRecord()
      const b = newRecord({ contentHash: a.record.contentHash, receivedAt: 2000 })
      expect(await store.insertRecords([a, b])).toEqual({ inserted: [a.id, b.id], duplicates: [] })
      expect(await store.insertRecords([a])).toEqual({ inserted: [], duplicates: [a.id] })
      expect(await store.getRecord(a.id)).toMatchObject({
        id: a.id,
        record: a.record,
        status: 'pending',
        metadata: { title: 't' },
      })
      expect((await store.findByContentHash(a.record.contentHash)).map((r) => r.id)).toEqual([a.id, b.id])
      expect(await store.existingIds([a.id, randomHash()])).toEqual(new Set([a.id]))
      const first = await store.listByCreator(creator, { limit: 1 })
      expect(first.items.map((r) => r.id)).toEqual([a.id])
      expect(
        (await store.listByCreator(creator, { limit: 1, after: first.nextCursor })).items.map((r) => r.id),
      ).toEqual([b.id])
      expect(await store.getRecord(randomHash())).toBeUndefined()
    })

    it('keeps the perceptual hashes of image records for the search index', async () => {
      const hash = `0x${'ab'.repeat(32)}` as Hex
      const image = { ...newRecord(), perceptualHash: hash }
      await store.insertRecords([image, newRecord({ receivedAt: 5 })])
      expect(await store.perceptualHashes()).toEqual([{ id: image.id, hash }])
    })

    it('keeps the parent → child edges', async () => {
      const parent = newRecord()
      const child = newRecord({ parents: [parent.id] })
      await store.insertRecords([parent, child])
      expect(await store.childrenOf(parent.id)).toEqual([child.id])
      expect(await store.childrenOf(child.id)).toEqual([])
    })

    it('moves pending records into a batch with their proofs, and to anchored when the chain says so', async () => {
      const records = [
        newRecord({ receivedAt: 10 }),
        newRecord({ receivedAt: 20 }),
        newRecord({ receivedAt: 30 }),
      ]
      await store.insertRecords(records)
      expect(await store.pendingCount()).toBe(3)
      expect(await store.oldestPendingAt()).toBe(10)
      const ids = await store.pendingIds(2)
      expect(ids).toEqual([records[0]!.id, records[1]!.id])
      const root = await batchOf(store, ids)
      expect(await store.pendingCount()).toBe(1)
      expect(await store.getRecord(ids[1]!)).toMatchObject({
        status: 'batched',
        batchRoot: root,
        leafIndex: 1,
      })
      expect((await store.unconfirmedBatches()).map((b) => [b.root, b.status])).toEqual([[root, 'built']])
      await store.markBatchSubmitted(root, position.txHash)
      expect(await store.getBatch(root)).toMatchObject({ status: 'submitted', txHash: position.txHash })

      await store.applyChainUpdate({
        anchoredBatches: [{ root, count: 2, anchorer: creator, ...position }],
        onChainRecords: [],
        cursor: { blockNumber: 7, blockHash: randomHash() },
      })
      expect(await store.getRecord(ids[0]!)).toMatchObject({ status: 'anchored', chain: position })
      expect(await store.unconfirmedBatches()).toEqual([])
      expect(await store.counts()).toEqual({ records: 3, pending: 1, anchored: 2, batches: 1 })
      expect(await store.getCursor()).toMatchObject({ blockNumber: 7 })
    })

    it('gives a batch sent again its new transaction, and never rewrites an anchored batch', async () => {
      const records = [newRecord(), newRecord()]
      await store.insertRecords(records)
      const root = await batchOf(store, [records[0]!.id])
      const [lost, resent] = [randomHash(), randomHash()]
      await store.markBatchSubmitted(root, lost)
      await store.markBatchSubmitted(root, resent)
      expect(await store.getBatch(root)).toMatchObject({ status: 'submitted', txHash: resent })
      expect((await store.unconfirmedBatches()).map((b) => b.txHash)).toEqual([resent])

      await store.applyChainUpdate({
        anchoredBatches: [{ root, count: 1, anchorer: creator, ...position }],
        onChainRecords: [],
        cursor: { blockNumber: 7, blockHash: randomHash() },
      })
      await store.markBatchSubmitted(root, randomHash())
      expect(await store.getBatch(root)).toMatchObject({ status: 'anchored', txHash: position.txHash })
      expect(await store.getRecord(records[0]!.id)).toMatchObject({ status: 'anchored', chain: position })
    })

    it('finds the records of some bytes earliest claim first: chain time, block, id; then unanchored as received', async () => {
      const contentHash = randomHash()
      const [pendingFirst, pendingSecond, late, early, tieA, tieB] = [10, 20, 30, 40, 50, 60].map((at) =>
        newRecord({ contentHash, receivedAt: at }),
      )
      await store.insertRecords([pendingFirst!, pendingSecond!])
      const [lowId, highId] = [tieA!, tieB!].sort((x, y) => (x.id < y.id ? -1 : 1))
      const onChain = (r: NewRecord, blockNumber: number, timestamp: number) => ({
        id: r.id,
        record: r.record,
        batchRoot: zeroRoot,
        txHash: randomHash(),
        blockNumber,
        timestamp,
      })
      await store.applyChainUpdate({
        anchoredBatches: [],
        // Received in an order that is not the claim order.
        onChainRecords: [
          onChain(late!, 9, 3000),
          onChain(highId!, 8, 2000),
          onChain(lowId!, 8, 2000),
          onChain(early!, 5, 1000),
        ],
        cursor: { blockNumber: 9, blockHash: randomHash() },
      })
      expect((await store.findByContentHash(contentHash)).map((r) => r.id)).toEqual([
        early!.id,
        lowId!.id,
        highId!.id,
        late!.id,
        pendingFirst!.id,
        pendingSecond!.id,
      ])
    })

    it('orders claims anchored in one block by the anchoring log, then within one batch by leaf (receipt order), never by id', async () => {
      const contentHash = randomHash()
      const [first, second] = [
        newRecord({ contentHash, receivedAt: 10 }),
        newRecord({ contentHash, receivedAt: 20 }),
      ].sort((x, y) => (x.id > y.id ? -1 : 1))
      // Received first, so leaf 0, although its id sorts higher: a stranger grinding a low id gains nothing.
      await store.insertRecords([first!, second!])
      const rootA = await batchOf(store, [first!.id, second!.id])
      const [other, direct] = [
        newRecord({ contentHash, receivedAt: 30 }),
        newRecord({ contentHash, receivedAt: 40 }),
      ]
      await store.insertRecords([other])
      const rootB = await batchOf(store, [other.id])
      const block = { blockNumber: 8, timestamp: 2000 }
      await store.applyChainUpdate({
        // Batch B's event comes first in the block, then a direct registration, then batch A's.
        anchoredBatches: [
          { root: rootA, count: 2, anchorer: creator, txHash: randomHash(), ...block, logIndex: 2 },
          { root: rootB, count: 1, anchorer: creator, txHash: randomHash(), ...block, logIndex: 0 },
        ],
        onChainRecords: [
          {
            id: direct.id,
            record: direct.record,
            batchRoot: zeroRoot,
            txHash: randomHash(),
            ...block,
            logIndex: 1,
          },
        ],
        cursor: { blockNumber: 8, blockHash: randomHash() },
      })
      expect((await store.findByContentHash(contentHash)).map((r) => r.id)).toEqual([
        other.id,
        direct.id,
        first!.id,
        second!.id,
      ])
      expect(await store.getRecord(direct.id)).toMatchObject({ chain: { logIndex: 1 } })
    })

    it('learns the log place of a direct record it stored itself when the indexer sees its event, keeping the anchor', async () => {
      const own = { ...newRecord(), mode: 'direct' as const, chain: { ...position } }
      await store.insertRecords([own])
      expect((await store.getRecord(own.id))?.chain?.logIndex).toBeUndefined()
      await store.applyChainUpdate({
        anchoredBatches: [],
        onChainRecords: [{ id: own.id, record: own.record, batchRoot: zeroRoot, ...position, logIndex: 4 }],
        cursor: { blockNumber: 7, blockHash: randomHash() },
      })
      expect(await store.getRecord(own.id)).toMatchObject({ chain: { ...position, logIndex: 4 } })
    })

    it("keeps a record's earliest anchor: a later direct registration never moves it, an earlier batch lowers it", async () => {
      const [batched, foreign] = [newRecord(), newRecord()]
      await store.insertRecords([batched])
      const root = await batchOf(store, [batched.id])
      const batchAt = { txHash: randomHash(), blockNumber: 5, timestamp: 1000 }
      const later = { txHash: randomHash(), blockNumber: 9, timestamp: 4000 }
      await store.applyChainUpdate({
        anchoredBatches: [{ root, count: 1, anchorer: creator, ...batchAt }],
        // Someone writes the public batched record on chain directly, later; and a stranger's record, later.
        onChainRecords: [
          { id: batched.id, record: batched.record, batchRoot: zeroRoot, ...later },
          { id: foreign.id, record: foreign.record, batchRoot: zeroRoot, ...later },
        ],
        cursor: { blockNumber: 9, blockHash: randomHash() },
      })
      expect(await store.getRecord(batched.id)).toMatchObject({ status: 'anchored', chain: batchAt })
      // The stranger's record is then proven against an earlier batch (RecordAnchorImproved): its time drops.
      const foreignRoot = foreign.id
      const foreignBatchAt = { txHash: randomHash(), blockNumber: 4, timestamp: 900 }
      await store.applyChainUpdate({
        anchoredBatches: [{ root: foreignRoot, count: 1, anchorer: creator, ...foreignBatchAt }],
        onChainRecords: [],
        improvedRecords: [{ id: foreign.id, batchRoot: foreignRoot, timestamp: 900 }],
        cursor: { blockNumber: 10, blockHash: randomHash() },
      })
      expect(await store.getRecord(foreign.id)).toMatchObject({ chain: foreignBatchAt })
      expect(await store.counts()).toMatchObject({ records: 2, anchored: 2 })
    })

    it('refuses to batch a record that is not pending, writing nothing', async () => {
      const [a, b] = [newRecord(), newRecord()]
      await store.insertRecords([a, b])
      await batchOf(store, [a.id])
      await expect(batchOf(store, [b.id, a.id])).rejects.toThrow()
      expect((await store.getRecord(b.id))?.status).toBe('pending')
      expect(await store.unconfirmedBatches()).toHaveLength(1)
    })

    it('learns records registered by others from chain events, once', async () => {
      const direct = newRecord()
      const update = {
        anchoredBatches: [],
        onChainRecords: [{ id: direct.id, record: direct.record, batchRoot: zeroRoot, ...position }],
        cursor: { blockNumber: 8, blockHash: randomHash() },
      }
      await store.applyChainUpdate(update)
      await store.applyChainUpdate(update)
      expect(await store.findByContentHash(direct.record.contentHash)).toHaveLength(1)
      expect(await store.counts()).toMatchObject({ records: 1, pending: 0, anchored: 1 })
      expect(await store.getRecord(direct.id)).toMatchObject({
        status: 'anchored',
        mode: 'direct',
        signature: '',
        chain: position,
      })
    })

    it('forgets chain state on reset: batches are re-sent, direct records re-queued, chain-only records dropped', async () => {
      const [batched, direct] = [newRecord(), newRecord()]
      await store.insertRecords([batched, { ...direct, mode: 'direct', chain: position }])
      const root = await batchOf(store, [batched.id])
      const foreign = newRecord()
      await store.applyChainUpdate({
        anchoredBatches: [{ root, count: 1, anchorer: creator, ...position }],
        onChainRecords: [{ id: foreign.id, record: foreign.record, batchRoot: zeroRoot, ...position }],
        cursor: { blockNumber: 9, blockHash: randomHash() },
      })
      expect(await store.counts()).toMatchObject({ records: 3, pending: 0, anchored: 3 })
      expect(await store.resetChainState()).toEqual({ requeued: 1, dropped: 1 })
      expect(await store.counts()).toMatchObject({ records: 2, pending: 1, anchored: 0 })
      expect(await store.getRecord(batched.id)).toMatchObject({
        status: 'batched',
        batchRoot: root,
        chain: undefined,
      })
      expect((await store.getBatch(root))?.status).toBe('built')
      expect(await store.getRecord(direct.id)).toMatchObject({ status: 'pending', chain: undefined })
      expect(await store.getRecord(foreign.id)).toBeUndefined()
      expect(await store.getCursor()).toBeUndefined()
    })

    it('accepts each nonce of an account once, even when asked concurrently', async () => {
      const account = '0x00000000000000000000000000000000000000aa'
      const nonce = `0x${'1'.repeat(64)}` as const
      const expiresAt = Math.floor(Date.now() / 1000) + 300
      const answers = await Promise.all([1, 2, 3].map(() => store.consumeNonce(account, nonce, expiresAt)))
      expect(answers.filter(Boolean)).toHaveLength(1)
      expect(
        await store.consumeNonce(account.toUpperCase().replace('0X', '0x') as Hex, nonce, expiresAt),
      ).toBe(false)
      expect(await store.consumeNonce('0x00000000000000000000000000000000000000bb', nonce, expiresAt)).toBe(
        true,
      )
    })

    it('stores metadata values', async () => {
      await store.setMeta('k', 'v1')
      await store.setMeta('k', 'v2')
      expect(await store.getMeta('k')).toBe('v2')
      expect(await store.getMeta('missing')).toBeUndefined()
    })
  })
}
