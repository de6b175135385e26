import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Hex, registryAddress } from '@rightflow/sdk'
import { benchDir, ingestConcurrency, ingestRequestSize, profile, sizes } from './config.js'
import { type IngestPass, ingestPass } from './ingestPass.js'
import { summarizeProfile } from './profile.js'
import { type BenchRecord, benchKeys, benchRecord, checkSignFastMatchesViem } from './records.js'
import { fixed, int, type Section, type Table, verdict } from './section.js'
import { progress, seconds } from './stats.js'

export const ingestTarget = 5_000

/** Server ingest: signed records verified, stored and batched per second, over real HTTP. */
export async function runIngest(): Promise<Section> {
  const count = sizes.ingestRecords
  const keys = benchKeys(sizes.ingestCreators)
  progress(`ingest: signing ${int(count)} records with ${keys.length} creator keys (client side, not timed)`)
  const signingStart = performance.now()
  const bodies = await signedBodies(count, keys.length)
  const signingSeconds = seconds(signingStart)

  const passes: IngestPass[] = []
  for (let i = 1; i <= sizes.ingestPasses; i++) {
    progress(
      `ingest: pass ${i} of ${sizes.ingestPasses}, ${bodies.length} requests of ${int(ingestRequestSize)}`,
    )
    passes.push(await ingestPass(bodies, count))
  }
  const median = [...passes].sort((a, b) => a.batchedSeconds - b.batchedSeconds)[
    Math.floor(passes.length / 2)
  ]!
  const rate = count / median.batchedSeconds
  const tables = [ingestTable(passes, median)]
  const notes = ingestNotes(median, signingSeconds, keys.length)
  if (profile) {
    progress('ingest: one more pass under the V8 CPU profiler')
    mkdirSync(join(benchDir, 'profiles'), { recursive: true })
    const path = join(benchDir, 'profiles', 'ingest.cpuprofile')
    const profiled = await ingestPass(bodies, count, path)
    const summary = summarizeProfile(path)
    tables.push(...summary.tables)
    notes.push(
      `**Where the server’s time goes**: one more pass with the V8 CPU profiler on in the server process (what \`node --cpu-prof\` records, started once the server listens, so startup is excluded; ${int(count / profiled.batchedSeconds)} records/s with the profiler on; ${summary.note}; the profile is left in \`.bench/profiles/ingest.cpuprofile\` for Chrome DevTools). Inclusive times overlap (\`check\` contains \`verifyRecordSignature\`, which contains \`recoverSigner\`).`,
    )
  }
  const summary = [
    {
      target: `server ingest: ≥ ${int(ingestTarget)} signed records verified, stored and batched per second`,
      result: `${int(rate)} records/s (median of ${passes.length} × ${int(count)} records over HTTP); server CPU ${int((1e6 * median.serverCpuSeconds) / count)} µs per record`,
      met: rate >= ingestTarget,
    },
  ]
  return { id: 'ingest', title: '2. Server ingest', summary, tables, notes }
}

/** Request bodies of `ingestRequestSize` signed records each, serialised before the clock starts. */
async function signedBodies(count: number, creators: number): Promise<string[]> {
  const domain = { chainId: 31337, registry: registryAddress() }
  await checkSignFastMatchesViem(domain)
  const keys = benchKeys(creators)
  const records: BenchRecord[] = []
  for (let i = 0; i < count; i++) {
    // Every tenth record derives from the one before it, in the same request: parent checks run too.
    const parents: Hex[] = i % 10 === 9 ? [records[i - 1]!.id] : []
    records.push(benchRecord(i, keys[i % keys.length]!, 'ingest', domain, parents))
  }
  const bodies: string[] = []
  for (let i = 0; i < count; i += ingestRequestSize) {
    const chunk = records.slice(i, i + ingestRequestSize)
    const submissions = chunk.map(({ signed, metadata }) => ({ ...signed, metadata }))
    bodies.push(JSON.stringify({ records: submissions }))
  }
  return bodies
}

function ingestTable(passes: IngestPass[], median: IngestPass): Table {
  const rows = passes.map((pass, i) => {
    const rate = pass.records / pass.batchedSeconds
    const isMedian = pass === median && passes.length > 1
    return [
      `${i + 1}${isMedian ? ' (median)' : ''}`,
      fixed(pass.acceptedSeconds),
      fixed(pass.batchedSeconds),
      isMedian || passes.length === 1 ? `**${int(rate)}** ${verdict(rate >= ingestTarget)}` : int(rate),
      pass.anchoredSeconds === undefined ? 'not within 180 s' : fixed(pass.anchoredSeconds),
      int((1e6 * pass.serverCpuSeconds) / pass.records),
      `${int((100 * pass.serverCpuSeconds) / pass.batchedSeconds)} %`,
      int(pass.peakMiB),
    ]
  })
  return {
    headers: [
      'pass',
      'all accepted (s)',
      'all batched (s)',
      `batched records / s (≥ ${int(ingestTarget)})`,
      'all anchored (s)',
      'server CPU µs / record',
      'server CPU use',
      'server peak RSS (MiB)',
    ],
    rows,
  }
}

function ingestNotes(pass: IngestPass, signingSeconds: number, creators: number): string[] {
  const l = pass.requestLatency
  return [
    `Each pass: ${int(pass.records)} records from ${creators} creator keys (mixed origins and media types, metadata with a title, every tenth naming the previous record as its parent), signed before the clock starts (${fixed(signingSeconds, 1)} s on the client through libsecp256k1, byte-identical to \`signRecord\`; signing is the client’s cost), sent as ${pass.requests} POST /v1/records/batch requests of ${int(ingestRequestSize)}, ${ingestConcurrency} in flight, bodies serialised in advance (request latency in the median pass: p50 ${int(l.p50)} ms, p99 ${int(l.p99)} ms). Times run from the first request until every request got its 202 (records verified and stored), until none is pending (each record in a saved batch with its proof: the target’s “batched”; ${pass.batches} batches) and until every batch is anchored and seen by the indexer.`,
    `Each pass starts a fresh anvil and a fresh server: \`startServer\` in its own node process on a new SQLite file, batch maxCount ${int(10_000)}, maxAge 5 s (the batcher checks every 500 ms), indexer polling every 250 ms. Each record is parsed (zod), validated, its metadata hash and EIP-712 signature checked (libsecp256k1), its parents found, and stored; the batcher builds the Merkle tree, saves every proof and anchors the root. Progress is read from GET /health every 100 ms once all requests are accepted. The client and anvil share the two cores with the server. Signatures are recovered on a worker thread (one per spare core), the rest on the event loop, so “server CPU use” can exceed 100 %; CPU time per record is what limits the rate, whatever the other load on the machine.`,
  ]
}
