import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { batchMaxCount, benchDir, ingestConcurrency } from './config.js'
import { startBenchChain } from './devChain.js'
import { removeDatabase } from './files.js'
import { startServerProcess } from './serverProcess.js'
import { type Percentiles, percentiles, seconds } from './stats.js'

export type IngestPass = {
  records: number
  requests: number
  acceptedSeconds: number
  batchedSeconds: number
  anchoredSeconds: number | undefined
  batches: number
  /** Server CPU time (user + system) from the first request until every record was batched. */
  serverCpuSeconds: number
  requestLatency: Percentiles
  peakMiB: number
}

type Counts = { records: number; pending: number; anchored: number; batches: number }

/**
 * One timed ingest: a fresh chain and a fresh server process on a fresh SQLite file receives the pre-serialised request bodies
 * over HTTP, `ingestConcurrency` at a time. The clock starts at the first request and stops when every record
 * is accepted, then when none is pending (each sits in a saved batch with its proof), then when all are anchored.
 */
export async function ingestPass(
  bodies: string[],
  records: number,
  cpuProfilePath?: string,
): Promise<IngestPass> {
  // A fresh chain per pass: the same records anchored twice would have the same batch roots.
  const chain = await startBenchChain()
  const tmp = join(benchDir, 'tmp')
  mkdirSync(tmp, { recursive: true })
  const databasePath = join(tmp, `ingest-${process.pid}.db`)
  removeDatabase(databasePath)
  const server = await startServerProcess({
    rpcUrl: chain.rpcUrl,
    registry: chain.registry,
    databasePath,
    batchMaxCount,
    batchMaxAgeMs: 5_000,
    indexerPollMs: 250,
    cpuProfilePath,
  })
  try {
    const cpuAtStart = server.cpuSeconds()
    const start = performance.now()
    const latencies: number[] = []
    let next = 0
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!
        const sent = performance.now()
        const response = await fetch(`${server.url}/v1/records/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        const text = await response.text()
        if (response.status !== 202)
          throw new Error(`ingest refused a request (${response.status}): ${text.slice(0, 300)}`)
        latencies.push(performance.now() - sent)
      }
    }
    await Promise.all(Array.from({ length: ingestConcurrency }, worker))
    const acceptedSeconds = seconds(start)

    const counts = async (): Promise<Counts> =>
      ((await (await fetch(`${server.url}/health`)).json()) as { records: Counts }).records
    let batchedSeconds: number | undefined
    let serverCpuSeconds = 0
    let anchoredSeconds: number | undefined
    let last: Counts | undefined
    const deadline = performance.now() + 180_000
    while (anchoredSeconds === undefined && performance.now() < deadline) {
      last = await counts()
      if (last.records !== records)
        throw new Error(`the store holds ${last.records} records, expected ${records}`)
      if (batchedSeconds === undefined && last.pending === 0) {
        batchedSeconds = seconds(start)
        serverCpuSeconds = server.cpuSeconds() - cpuAtStart
      }
      if (last.anchored === records) anchoredSeconds = seconds(start)
      else await new Promise((r) => setTimeout(r, 100))
    }
    if (batchedSeconds === undefined)
      throw new Error(`records still pending after 180 s: ${JSON.stringify(last)}`)
    return {
      records,
      requests: bodies.length,
      acceptedSeconds,
      batchedSeconds,
      anchoredSeconds,
      batches: last!.batches,
      serverCpuSeconds,
      requestLatency: percentiles(latencies),
      peakMiB: server.memory().peakMiB,
    }
  } finally {
    await server.stop()
    await chain.stop()
    removeDatabase(databasePath)
  }
}
