import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildMerkleTree,
  createRecord,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  recordId,
} from '@rightflow/sdk'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SqliteStore } from '../../src/store/sqlite/SqliteStore.js'
import { randomHash } from '../support/records.js'
import { storeConformance } from './conformance.js'

storeConformance('SQLite (in memory)', () => new SqliteStore(':memory:'))
storeConformance(
  'SQLite (file, WAL)',
  () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'rf-store-')), 'store.db')),
)

describe('SQLite store upgrade', () => {
  it('adds the anchor-order columns to a database made before them, keeping anchored leaves as the tie-break', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rf-store-')), 'store.db')
    const contentHash = randomHash()
    const records = [10, 20].map((createdAt) => {
      const record = createRecord({
        creator: '0x1111111111111111111111111111111111111111',
        contentHash,
        size: 1,
        mediaType: 'text/plain',
        origin: 'human',
        createdAt,
      })
      return { id: recordId(record), record, signature: `0x${'ab'.repeat(65)}` as Hex, metadata: undefined }
    })
    // Received first, leaf 0, although its id sorts higher.
    const [first, second] = records.sort((x, y) => (x.id > y.id ? -1 : 1))
    const ids = [first!.id, second!.id]
    const store = new SqliteStore(path)
    await store.insertRecords([first!, second!].map((r) => ({ ...r, mode: 'batch' as const, receivedAt: 1 })))
    const tree = buildMerkleTree(packLeaves(ids))
    const root = merkleRoot(tree)
    await store.saveBatch({ root, ids, proofs: ids.map((_, i) => merkleProofBytes(tree, i)), createdAt: 1 })
    const at = { txHash: randomHash(), blockNumber: 3, timestamp: 100 }
    await store.applyChainUpdate({
      anchoredBatches: [{ root, count: 2, anchorer: first!.record.creator, ...at }],
      onChainRecords: [],
      cursor: { blockNumber: 3, blockHash: randomHash() },
    })
    await store.close()
    // The database as an older release left it: none of the new columns.
    const db = new Database(path)
    for (const [table, column] of [
      ['records', 'chain_log'],
      ['records', 'chain_leaf'],
      ['batches', 'log_index'],
    ])
      db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`)
    db.close()

    const upgraded = new SqliteStore(path)
    expect((await upgraded.findByContentHash(contentHash)).map((r) => r.id)).toEqual(ids)
    await upgraded.close()
  })
})
