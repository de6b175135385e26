import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteChannelStore } from '../../src/payments/channel/SqliteChannelStore.js'
import { openSqlite } from '../../src/store/sqlite/openSqlite.js'
import { SqliteStore } from '../../src/store/sqlite/SqliteStore.js'
import { channelStoreConformance, newRef, onChain } from './channelStoreConformance.js'

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'rf-channels-')), 'rightflow.db')

channelStoreConformance('SQLite (in memory)', { make: () => new SqliteChannelStore(':memory:') })

const paths = new WeakMap<object, string>()
channelStoreConformance('SQLite (file, WAL)', {
  make() {
    const path = freshFile()
    const store = new SqliteChannelStore(path)
    paths.set(store, path)
    return store
  },
  async reopen(store) {
    const path = paths.get(store)!
    await store.close()
    const again = new SqliteChannelStore(path)
    paths.set(again, path)
    return again
  },
})

describe('SqliteChannelStore beside the provenance store', () => {
  it('shares the database file with it, and two connections see one compare-and-set winner', async () => {
    const path = freshFile()
    const provenance = new SqliteStore(path)
    const [a, b] = [new SqliteChannelStore(path), new SqliteChannelStore(path)]
    const ref = newRef()
    await a.saveChainView(ref, onChain())
    const nothing = { accepted: undefined, charged: 0n }
    const next = (n: number) => ({
      accepted: { amount: 100n, signature: `0x${String(n).padStart(130, '0')}` as const },
      charged: 100n,
    })
    const results = await Promise.all([
      a.compareAndSetCharge(ref, nothing, next(1), 1),
      b.compareAndSetCharge(ref, nothing, next(2), 1),
    ])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect((await b.getChannel(ref))?.charged).toBe(100n)
    await provenance.setMeta('chain', 'x')
    expect(await provenance.getMeta('chain')).toBe('x')
    await Promise.all([a.close(), b.close(), provenance.close()])
  })
})

describe('SqliteChannelStore on a file from before claims took a chosen total', () => {
  it('lists what such a file owes, with its age started, so the age threshold claims it too', async () => {
    const path = freshFile()
    const old = new SqliteChannelStore(path)
    const ref = newRef()
    await old.saveChainView(ref, onChain())
    const whole = { amount: 1_000_000n, signature: `0x${'1'.padStart(130, '0')}` as const }
    await old.compareAndSetCharge(
      ref,
      { accepted: undefined, charged: 0n },
      { accepted: whole, charged: 5n },
      1,
    )
    await old.close()
    // As the old code left it: a whole-deposit voucher was never "claimable", so no age was started, and the
    // file has the old columns.
    const raw = openSqlite(path)
    raw.exec('ALTER TABLE channel_state ADD COLUMN claimable TEXT')
    raw.exec('ALTER TABLE channel_state ADD COLUMN claimable_signature TEXT')
    raw.exec('UPDATE channel_state SET unclaimed_since = NULL')
    raw.close()

    const reopened = new SqliteChannelStore(path)
    const [owed] = await reopened.listClaimable({
      network: ref.network,
      channels: ref.channels,
      payee: onChain().payee,
    })
    expect(owed).toMatchObject({ channelId: ref.channelId, charged: 5n, accepted: whole })
    expect(owed!.unclaimedSince).toBeTypeOf('number')
    await reopened.close()
  })
})
