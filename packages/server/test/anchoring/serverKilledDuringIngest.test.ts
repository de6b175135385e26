import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Hex, recordId } from '@rightflow/sdk'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { freePort } from '../../src/embedded/startAnvil.js'
import { silentLogger } from '../../src/logger.js'
import { startServer } from '../../src/server.js'
import { devKeys, startDevChain } from '../support/devChain.js'
import { makeSigned } from '../support/records.js'
import { anchorUntilDone, expectAnchoredExactlyOnce } from './anchoringHarness.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

describe('a server killed (kill -9) while records are being ingested and anchored', () => {
  it('anchors every acknowledged record exactly once after a restart', async () => {
    const chain = await startDevChain()
    const dataDir = mkdtempSync(join(tmpdir(), 'rf-ingest-crash-'))
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    // The server as `npm start` runs it against an external chain, with small, frequent batches so that
    // batches are being built and sent when the kill lands.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        RIGHTFLOW_RPC_URL: chain.rpcUrl,
        RIGHTFLOW_RELAYER_KEY: devKeys[1],
        RIGHTFLOW_DATA_DIR: dataDir,
        RIGHTFLOW_PORT: String(port),
        RIGHTFLOW_BATCH_MAX_COUNT: '10',
        RIGHTFLOW_BATCH_MAX_AGE_MS: '20',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    let output = ''
    child.stdout!.on('data', (d) => {
      output += d
    })
    child.stderr!.on('data', (d) => {
      output += d
    })
    try {
      for (let i = 0; i < 600 && !output.includes('Rightflow is running'); i++) {
        if (child.exitCode !== null) throw new Error(`the server exited: ${output}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      const account = privateKeyToAccount(generatePrivateKey())
      const acknowledged: Hex[] = []
      let killed = false
      // Eight clients post until the server dies under them; only what it answered 202 counts.
      const client = async () => {
        while (!killed) {
          const signed = await makeSigned(account, { chainId: chain.chainId, registry: chain.registry })
          const response = await fetch(`${url}/v1/records`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ record: signed.record, signature: signed.signature }),
          }).catch(() => undefined)
          if (response?.status === 202) acknowledged.push(recordId(signed.record))
          if (acknowledged.length >= 150 && !killed) {
            killed = true
            child.kill('SIGKILL')
          }
        }
      }
      await Promise.all(Array.from({ length: 8 }, client))
      await exited
      expect(output).toContain('sent batch')

      const server = await startServer({
        rpcUrl: chain.rpcUrl,
        relayerKey: devKeys[1],
        databasePath: join(dataDir, 'rightflow.db'),
        port: 0,
        batch: { maxCount: 10, maxAgeMs: 60_000, resendAfterMs: 1 },
        indexer: { pollMs: 60_000 },
        log: silentLogger,
      })
      try {
        await anchorUntilDone(server, acknowledged)
        await expectAnchoredExactlyOnce(server, chain.publicClient, acknowledged)
        expect(acknowledged.length).toBeGreaterThanOrEqual(150)
      } finally {
        await server.close()
      }
    } finally {
      child.kill('SIGKILL')
      await chain.stop()
    }
  })
})
