// A bare indexer in its own process, so a test can kill -9 it mid-sync.
import { createPublicClient, createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { Indexer } from '../../src/indexer/Indexer.js'
import { silentLogger } from '../../src/logger.js'
import { SqliteStore } from '../../src/store/sqlite/SqliteStore.js'

const [rpcUrl, registry, databasePath] = process.argv.slice(2) as [string, Hex, string]
const transport = http(rpcUrl)
const chain = {
  rpcUrl,
  chainId: 31337,
  registry,
  rights: undefined,
  payments: undefined,
  publicClient: createPublicClient({ transport }),
  walletClient: createWalletClient({ transport, account: privateKeyToAccount(`0x${'11'.repeat(32)}`) }),
}
const store = new SqliteStore(databasePath)
// One block per transaction: the slowest, most interruptible way to sync.
const indexer = new Indexer(
  store,
  chain,
  { pollMs: 1_000_000, startBlock: 0, blocksPerQuery: 1 },
  silentLogger,
)
await indexer.poll()
console.log('done')
