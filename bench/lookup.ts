import { type Hex, registryAddress } from '@rightflow/sdk'
import { SqliteStore } from '@rightflow/server'
import { batchMaxCount, lookupConcurrency, sizes } from './config.js'
import { startBenchChain } from './devChain.js'
import { type LookupRun, lookupRun } from './lookupClient.js'
import { contentHashOf } from './records.js'
import { int, type Section, verdict } from './section.js'
import { lookupNamespace, seededStore } from './seedStore.js'
import { startServerProcess } from './serverProcess.js'
import { progress } from './stats.js'

export const lookupTargets = { p50: 2, p99: 10 }

/** Verify by content hash against a store of `sizes.lookupRecords` records, over HTTP, with the server's peak memory. */
export async function runLookup(): Promise<Section> {
  const records = sizes.lookupRecords
  progress(`lookup: preparing a store of ${int(records)} records (cached under .bench/)`)
  const seed = await seededStore(records)
  const chain = await startBenchChain()
  try {
    // The cached store was anchored on a made-up chain; point it at this one, or the indexer would see its
    // cursor block missing, treat the chain as reset and re-queue every batch.
    const head = await chain.publicClient.getBlock()
    const store = new SqliteStore(seed.path)
    await store.setMeta('chain', `${chain.chainId}:${chain.registry.toLowerCase()}`)
    await store.setMeta('cursor', JSON.stringify({ blockNumber: Number(head.number), blockHash: head.hash }))
    await store.close()

    const server = await startServerProcess({
      rpcUrl: chain.rpcUrl,
      registry: chain.registry,
      databasePath: seed.path,
      batchMaxCount,
      batchMaxAgeMs: 5_000,
      indexerPollMs: 1_000,
    })
    try {
      const startMiB = server.memory().rssMiB
      const pick = (n: number): Hex[] =>
        Array.from({ length: n }, () => contentHashOf(Math.floor(Math.random() * records), lookupNamespace))
      progress(
        `lookup: ${int(sizes.lookupWarmup)} warm-up lookups, then ${int(sizes.lookupSamples)} timed, 1 then ${lookupConcurrency} clients`,
      )
      await lookupRun(server.url, pick(sizes.lookupWarmup), 1)
      const sequential = await lookupRun(server.url, pick(sizes.lookupSamples), 1)
      const concurrent = await lookupRun(server.url, pick(sizes.lookupSamples), lookupConcurrency)
      const healthMs = await timeHealth(server.url)
      const { peakMiB } = server.memory()
      return lookupSection(seed, [sequential, concurrent], startMiB, peakMiB, healthMs)
    } finally {
      await server.stop()
    }
  } finally {
    await chain.stop()
  }
}

/** GET /health with the store's counters (kept by triggers), on the event loop that serves lookups: median of 3. */
async function timeHealth(url: string): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    await (await fetch(`${url}/health`)).json()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[1]!
}

function lookupSection(
  seed: Awaited<ReturnType<typeof seededStore>>,
  runs: LookupRun[],
  startMiB: number,
  peakMiB: number,
  healthMs: number,
): Section {
  const ms = (value: number) => value.toFixed(2)
  const rows = runs.map((run) => [
    `${run.concurrency} client${run.concurrency > 1 ? 's' : ''} in flight`,
    int(run.samples),
    // The targets are for one lookup at a time; with several in flight the latency is mostly queueing.
    run.concurrency === 1
      ? `${ms(run.latency.p50)} ${verdict(run.latency.p50 <= lookupTargets.p50)}`
      : ms(run.latency.p50),
    ms(run.latency.p90),
    run.concurrency === 1
      ? `${ms(run.latency.p99)} ${verdict(run.latency.p99 <= lookupTargets.p99)}`
      : ms(run.latency.p99),
    ms(run.latency.max),
    int(run.samples / run.wallSeconds),
    String(run.failures),
  ])
  const [first] = runs
  const summary = first
    ? [
        {
          target: `verify by content hash, ${int(seed.records)} records stored: p50 ≤ ${lookupTargets.p50} ms, p99 ≤ ${lookupTargets.p99} ms`,
          result: `p50 ${ms(first.latency.p50)} ms, p99 ${ms(first.latency.p99)} ms (1 client); server peak RSS ${int(peakMiB)} MiB`,
          met: first.latency.p50 <= lookupTargets.p50 && first.latency.p99 <= lookupTargets.p99,
        },
      ]
    : []
  return {
    id: 'lookup',
    summary,
    title: `3. Verify by content hash, ${int(seed.records)} records in the store`,
    tables: [
      {
        headers: [
          'load',
          'samples',
          `p50 ms (≤ ${lookupTargets.p50})`,
          'p90 ms',
          `p99 ms (≤ ${lookupTargets.p99})`,
          'max ms',
          'lookups / s',
          'failed checks',
        ],
        rows,
      },
      {
        headers: ['server memory (its own process, from /proc)', 'MiB'],
        rows: [
          ['RSS once listening', int(startMiB)],
          ['peak RSS over the whole run (VmHWM)', `**${int(peakMiB)}**`],
        ],
      },
      {
        headers: ['also at this size', 'ms'],
        rows: [[`GET /health (record counts kept by triggers, ${int(seed.records)} records)`, ms(healthMs)]],
      },
    ],
    notes: [
      `One sample = GET /v1/records?contentHash=… for a random one of the ${int(seed.records)} records, then on the client: recompute the record id from the returned statement and check its Merkle proof (${Math.ceil(Math.log2(batchMaxCount))} siblings) against its batch root. Hashing the file is excluded. Timed from sending the request to the end of the check, over real HTTP on loopback, the client in the bench process and the server (\`startServer\`, SQLite) in its own process; ${int(sizes.lookupWarmup)} warm-up lookups first. The check alone takes ${first ? Math.round(first.checkMicros) : '?'} µs on average; the rest is HTTP, JSON and the SQLite query. The targets apply to one lookup at a time; with ${lookupConcurrency} in flight the server (one event loop) serves them in turn, so latency there is mostly queueing and lookups/s is the number to read.`,
      `The store (${int(seed.sizeMiB)} MiB SQLite file, cached as \`.bench/${seed.path.split('/').pop()}\`${seed.seededSeconds === undefined ? ', reused from an earlier run' : `, seeded in this run in ${int(seed.seededSeconds)} s`}) was written through the store API as the server writes it: \`insertRecords\` in chunks, \`saveBatch\` with each batch’s real Merkle tree and proofs (${int(batchMaxCount)} records per batch), \`applyChainUpdate\` marking every batch anchored (at made-up blocks: these roots are not on the bench chain, so this measures the lookup and the off-chain proof check, not a \`batchOf\` call). Records are structurally real: ids computed by \`recordId\`, real EIP-712 signatures from 4 creator keys for registry ${registryAddress()} on chain 31337, mixed origins and media types, metadata with a title, every tenth naming the previous record as its parent. The OS page cache is warm (the file was just written or read).`,
    ],
  }
}
