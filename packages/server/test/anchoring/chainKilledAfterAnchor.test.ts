import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readBatch } from '@rightflow/sdk'
import { describe, expect, it } from 'vitest'
import { freePort } from '../../src/embedded/startAnvil.js'
import { type DevChain, startDevChain } from '../support/devChain.js'
import {
  anchoringServer,
  anchorUntilDone,
  expectAnchoredExactlyOnce,
  postRecords,
} from './anchoringHarness.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'rf-anchor-crash-'))

/**
 * Acknowledges records, then kills the chain (kill -9) the moment the batcher reports its anchor transaction
 * sent and mined, and brings a chain back with `restart`. The server is restarted too, as after a power cut,
 * unless `serverSurvives`.
 */
async function killChainRightAfterAnchor(
  restart: (port: number, statePath: string) => Promise<DevChain>,
  { serverSurvives = false } = {},
) {
  const port = await freePort()
  const dir = tempDir()
  const statePath = join(dir, 'chain-state.json')
  const databasePath = join(dir, 'store.db')
  // The chain's state is written at a clean stop only, so what the chain did after that is surely lost.
  const setup = await startDevChain({ port, statePath, stateIntervalSeconds: 3600 })
  await setup.stop()
  const chain = await startDevChain({ port, statePath, stateIntervalSeconds: 3600 })
  let killed = false
  const server = await anchoringServer(chain, databasePath, {
    info: (message) => {
      if (message.startsWith('sent batch') && !killed) {
        killed = true
        chain.anvil.process.kill('SIGKILL')
      }
    },
    warn: () => {},
  })
  const acknowledged = await postRecords(server, chain, 12)
  await server.batcher.tick(true)
  expect(killed).toBe(true)
  const sent = (await server.store.getRecord(acknowledged[0]!))!
  expect(sent.status).toBe('batched')
  expect((await server.store.getBatch(sent.batchRoot!))?.status).toBe('submitted')
  if (!serverSurvives) await server.close()
  await new Promise((resolve) =>
    chain.anvil.process.exitCode === null ? chain.anvil.process.once('exit', resolve) : resolve(undefined),
  )

  const revived = await restart(port, statePath)
  try {
    // The chain that came back does not have the anchor: the transaction the store names is gone.
    expect(await readBatch({ ...revived, root: sent.batchRoot! })).toBeUndefined()
    const warnings: string[] = []
    const again = serverSurvives
      ? server
      : await anchoringServer(revived, databasePath, { info: () => {}, warn: (m) => warnings.push(m) })
    try {
      await anchorUntilDone(again, acknowledged)
      await expectAnchoredExactlyOnce(again, revived.publicClient, acknowledged)
      expect((await again.store.getRecord(acknowledged[0]!))?.batchRoot).toBe(sent.batchRoot)
      return { warnings }
    } finally {
      await again.close()
    }
  } finally {
    await revived.stop()
  }
}

describe('a chain killed right after an anchor transaction was sent', () => {
  it('acknowledged records stranded: a batch whose transaction the restarted chain lost is sent again and anchored once', async () => {
    const { warnings } = await killChainRightAfterAnchor((port, statePath) =>
      startDevChain({ port, statePath, stateIntervalSeconds: 3600 }),
    )
    expect(warnings.join('\n')).toMatch(/is not on the chain after 1 ms; sending the root again/)
  })

  it('sends the lost root again from a server that kept running while the chain went back', async () => {
    await killChainRightAfterAnchor(
      (port, statePath) => startDevChain({ port, statePath, stateIntervalSeconds: 3600 }),
      { serverSurvives: true },
    )
  })

  it('re-anchors every acknowledged record once on a chain that came back empty', async () => {
    await killChainRightAfterAnchor((port) => startDevChain({ port }))
  })
})
