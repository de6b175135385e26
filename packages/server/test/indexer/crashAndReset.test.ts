import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  anchorBatch,
  buildMerkleTree,
  type Hex,
  merkleRoot,
  packLeaves,
  recordId,
  registerRecordOnChain,
} from '@rightflow/sdk'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { Indexer } from '../../src/indexer/Indexer.js'
import { silentLogger } from '../../src/logger.js'
import { SqliteStore } from '../../src/store/sqlite/SqliteStore.js'
import { startHarness, submission } from '../api/serverHarness.js'
import { startDevChain } from '../support/devChain.js'
import { makeSigned, randomHash } from '../support/records.js'

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'rf-indexer-')), 'store.db')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the indexer', () => {
  it('resumes after kill -9 with nothing lost and nothing applied twice', async () => {
    const chain = await startDevChain()
    try {
      const clients = {
        publicClient: chain.publicClient,
        walletClient: chain.walletClient,
        registry: chain.registry,
      }
      const roots: Hex[] = []
      for (let i = 0; i < 40; i++) {
        const root = merkleRoot(buildMerkleTree(packLeaves([randomHash(), randomHash()])))
        roots.push(root)
        await anchorBatch({ ...clients, root, count: 2 })
      }
      const creator = privateKeyToAccount(generatePrivateKey())
      const direct: Hex[] = []
      for (let i = 0; i < 10; i++) {
        const signed = await makeSigned(creator, { chainId: chain.chainId, registry: chain.registry })
        await registerRecordOnChain({ ...clients, signed })
        direct.push(recordId(signed.record))
      }
      // Uncached: viem remembers the block number for a few seconds, and the last registration may be newer.
      const head = Number(await chain.publicClient.getBlockNumber({ cacheTime: 0 }))

      const databasePath = tempDb()
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'indexerProcess.ts'),
          chain.rpcUrl,
          chain.registry,
          databasePath,
        ],
        {
          stdio: 'ignore',
        },
      )
      const exited = new Promise((resolve) => child.once('exit', resolve))
      let cursorAtKill = 0
      for (let i = 0; i < 400 && cursorAtKill < 10; i++) {
        await sleep(25)
        const peek = new SqliteStore(databasePath)
        cursorAtKill = (await peek.getCursor())?.blockNumber ?? 0
        await peek.close()
      }
      child.kill('SIGKILL')
      await exited
      expect(cursorAtKill).toBeGreaterThan(0)

      const store = new SqliteStore(databasePath)
      const resumedFrom = (await store.getCursor())!.blockNumber
      expect(resumedFrom).toBeLessThan(head)
      const indexer = new Indexer(
        store,
        chain,
        { pollMs: 1e6, startBlock: 0, blocksPerQuery: 7 },
        silentLogger,
      )
      await indexer.poll()
      expect(indexer.lastError).toBeUndefined()
      expect((await store.getCursor())!.blockNumber).toBe(head)
      for (const root of roots) expect((await store.getBatch(root))?.status).toBe('anchored')
      for (const id of direct) expect((await store.getRecord(id))?.status).toBe('anchored')
      expect(await store.counts()).toMatchObject({ records: 10, anchored: 10, batches: 40 })
      await store.close()
    } finally {
      await chain.stop()
    }
  })

  it('notices a chain that was reset, stops serving stale anchors and re-anchors on the new chain', async () => {
    const first = await startDevChain()
    const port = first.anvil.port
    const databasePath = tempDb()
    let h = await startHarness(databasePath, first)
    const signed = await makeSigned(h.account, h.domain)
    await h.post('/v1/records', submission(signed))
    await h.anchorNow()
    const id = recordId(signed.record)
    expect((await h.server.store.getRecord(id))?.status).toBe('anchored')
    const oldRoot = (await h.server.store.getRecord(id))!.batchRoot!
    await h.server.close()
    await first.stop()

    // A brand-new chain on the same URL: same registry address (deterministic), none of the old history.
    const second = await startDevChain({ port })
    try {
      const warnings: string[] = []
      h = await startHarness(databasePath, second, { info: () => {}, warn: (m) => warnings.push(m) })
      // The server's first poll saw the old cursor block missing: the record is no longer shown as anchored.
      expect(warnings.join('\n')).toMatch(/the chain was reset/)
      expect((await h.server.store.getRecord(id))?.status).toBe('batched')
      expect((await h.server.store.getBatch(oldRoot))?.status).toBe('built')
      const stale = (await (await h.get(`/v1/records/${id}`)).json()) as { status: string; chain: unknown }
      expect(stale).toMatchObject({ status: 'batched', chain: null })

      await h.anchorNow()
      const record = (await h.server.store.getRecord(id))!
      expect(record.status).toBe('anchored')
      expect(record.batchRoot).toBe(oldRoot)
      const receipt = await second.publicClient.getTransactionReceipt({ hash: record.chain!.txHash })
      expect(receipt.status).toBe('success')
      await h.server.close()
    } finally {
      await second.stop()
    }
  })
})
