// The server in its own process, as in production: bench/serverProcess.ts starts it, reads its peak memory from
// /proc and stops it with SIGTERM. Settings come as JSON in BENCH_SERVE; prints {"url": …} once listening.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { silentLogger, startServer } from '@rightflow/server'
import type { Hex } from 'viem'
import { relayerKey } from './devChain.js'

export type ServeSettings = {
  rpcUrl: string
  registry: Hex
  databasePath: string
  batchMaxCount: number
  batchMaxAgeMs: number
  indexerPollMs: number
  /** Write a V8 CPU profile (what `node --cpu-prof` records) of the serving phase only, startup excluded. */
  cpuProfilePath?: string | undefined
}

const settings = JSON.parse(process.env.BENCH_SERVE ?? '{}') as ServeSettings
const server = await startServer({
  rpcUrl: settings.rpcUrl,
  registry: settings.registry,
  relayerKey,
  databasePath: settings.databasePath,
  port: 0,
  batch: { maxCount: settings.batchMaxCount, maxAgeMs: settings.batchMaxAgeMs },
  indexer: { pollMs: settings.indexerPollMs },
  log: silentLogger,
})
const profiler = settings.cpuProfilePath ? new Session() : undefined
if (profiler) {
  profiler.connect()
  await profiler.post('Profiler.setSamplingInterval', { interval: 500 })
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.start')
}
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
process.once('SIGTERM', async () => {
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop')
    writeFileSync(settings.cpuProfilePath!, JSON.stringify(profile))
  }
  await server.close()
  process.exit(0)
})
