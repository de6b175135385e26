import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mintTestStablecoin, openStream, readStream } from '@rightflow/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { freePort } from '../../src/embedded/startAnvil.js'
import { type Embedded, startEmbedded } from '../../src/embedded/startEmbedded.js'
import { silentLogger } from '../../src/logger.js'

/** Polls `read` until `done` says yes, with no transaction sent meanwhile; gives up after `tries` seconds. */
async function untilIdleChain<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  tries = 30,
): Promise<T> {
  let value = await read()
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    value = await read()
  }
  return value
}

describe("time on npm start's embedded chain", () => {
  let dataDir: string
  let embedded: Embedded
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rightflow-idle-chain-'))
    const env = {
      RIGHTFLOW_DATA_DIR: dataDir,
      RIGHTFLOW_PORT: String(await freePort()),
      RIGHTFLOW_ANVIL_PORT: String(await freePort()),
    }
    embedded = await startEmbedded(loadConfig(env, join(dataDir, 'none.json')), silentLogger)
  }, 120_000)
  afterAll(async () => {
    await embedded?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('moves on while no transaction arrives: a stream opened on it becomes withdrawable without another transaction', async () => {
    const { publicClient, walletClient, rights, payments } = embedded.server.chain
    const contracts = { ...payments!, paymentToken: rights!.paymentToken }
    const sender = walletClient.account!.address
    await mintTestStablecoin({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      to: sender,
      amount: 10n ** 6n,
    })
    const recipient = '0x000000000000000000000000000000000000dEaD'
    const { streamId } = await openStream({
      publicClient,
      walletClient,
      contracts,
      recipient,
      ratePerSecond: 100n,
      deposit: 10n ** 6n,
    })
    const nonce = await publicClient.getTransactionCount({ address: sender })
    const stream = await untilIdleChain(
      () => readStream({ publicClient, contracts, streamId }),
      (s) => (s?.withdrawable ?? 0n) > 0n,
    )
    // Nothing was sent in the meantime: the chain's own blocks moved its time on.
    expect(await publicClient.getTransactionCount({ address: sender })).toBe(nonce)
    expect(stream?.withdrawable).toBeGreaterThan(0n)
  })
})
