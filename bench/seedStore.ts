import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildMerkleTree,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  type RegistryDomain,
  registryAddress,
} from '@rightflow/sdk'
import { SqliteStore } from '@rightflow/server'
import { keccak256, toHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { batchMaxCount, benchDir } from './config.js'
import { relayerKey } from './devChain.js'
import { removeDatabase } from './files.js'
import { type BenchRecord, benchKeys, benchRecord } from './records.js'
import { progress } from './stats.js'

/** Bump when what the seeded store holds changes, so stale caches are rebuilt. */
const seedVersion = 1
/** Content hashes of seeded work `i` are `contentHashOf(i, lookupNamespace)`. */
export const lookupNamespace = 'lookup'

export type SeededStore = {
  path: string
  records: number
  seededSeconds: number | undefined
  sizeMiB: number
}

/**
 * A SQLite store holding `records` anchored records, cached under .bench/ by size: built once (minutes for a
 * million), reused by later runs. Written through the store API as the server writes: insertRecords, then
 * saveBatch with each batch's real tree and proofs, then applyChainUpdate marking the batch anchored.
 */
export async function seededStore(records: number): Promise<SeededStore> {
  mkdirSync(benchDir, { recursive: true })
  const path = join(benchDir, `lookup-${records}-v${seedVersion}.db`)
  if (existsSync(path)) {
    const store = new SqliteStore(path)
    const complete = (await store.getMeta('bench_seed')) === String(records)
    await store.close()
    if (complete) return { path, records, seededSeconds: undefined, sizeMiB: statSync(path).size / 2 ** 20 }
  }
  const partial = `${path}.partial`
  removeDatabase(partial)
  const start = performance.now()
  const store = new SqliteStore(partial)
  // A fixture, not the server's data: a crash only costs a rebuild, so skip the checkpoint fsyncs.
  ;(store as unknown as { db: { pragma(sql: string): void } }).db.pragma('synchronous = OFF')
  const domain: RegistryDomain = { chainId: 31337, registry: registryAddress() }
  const keys = benchKeys(4)
  const anchorer = privateKeyToAddress(relayerKey)
  let previous: BenchRecord | undefined
  for (let first = 0, batch = 0; first < records; first += batchMaxCount, batch++) {
    const chunk: BenchRecord[] = []
    for (let i = first; i < Math.min(records, first + batchMaxCount); i++) {
      const parents: Hex[] = i % 10 === 9 && previous ? [previous.id] : []
      previous = benchRecord(i, keys[i % keys.length]!, lookupNamespace, domain, parents)
      chunk.push(previous)
    }
    const receivedAt = Date.now()
    await store.insertRecords(
      chunk.map(({ id, signed, metadata }) => ({
        id,
        ...signed,
        metadata,
        mode: 'batch' as const,
        receivedAt,
      })),
    )
    const ids = chunk.map((r) => r.id)
    const tree = buildMerkleTree(packLeaves(ids))
    const root = merkleRoot(tree)
    await store.saveBatch({
      root,
      ids,
      proofs: ids.map((_, i) => merkleProofBytes(tree, i)),
      createdAt: receivedAt,
    })
    // Anchored at a made-up block: the lookup bench re-points the store at its own chain before serving it.
    const blockNumber = batch + 1
    const txHash = keccak256(toHex(`rightflow bench anchor ${batch}`))
    const timestamp = 1_700_000_000 + batch
    await store.applyChainUpdate({
      anchoredBatches: [{ root, count: ids.length, anchorer, txHash, blockNumber, timestamp }],
      onChainRecords: [],
      cursor: { blockNumber, blockHash: keccak256(toHex(`rightflow bench block ${blockNumber}`)) },
    })
    const done = first + chunk.length
    if ((batch + 1) % 10 === 0 || done === records) {
      const elapsed = (performance.now() - start) / 1000
      progress(
        `lookup: seeded ${done.toLocaleString('en-US')} / ${records.toLocaleString('en-US')} records (${elapsed.toFixed(0)} s, about ${((elapsed * (records - done)) / done).toFixed(0)} s to go)`,
      )
    }
  }
  await store.setMeta('bench_seed', String(records))
  await store.close()
  renameSync(partial, path)
  return {
    path,
    records,
    seededSeconds: (performance.now() - start) / 1000,
    sizeMiB: statSync(path).size / 2 ** 20,
  }
}
