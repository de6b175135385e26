// The whole server in its own process, so a test can see whether something makes the process exit.
import type { Hex } from 'viem'
import { startServer } from '../../src/server.js'
import { devKeys } from '../support/devChain.js'

const [rpcUrl, registry, databasePath] = process.argv.slice(2) as [string, Hex, string]
const server = await startServer({
  rpcUrl,
  registry,
  relayerKey: devKeys[1],
  databasePath,
  port: 0,
  batch: { maxCount: 1000, maxAgeMs: 60_000 },
  indexer: { pollMs: 500 },
  log: { info: () => {}, warn: (message) => console.log(`warn ${message}`) },
})
console.log(`listening ${server.url}`)
