import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { consentDomain, consentMessage, consentTypes } from '@rightflow/sdk'
import type { Address, LocalAccount } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/logger.js'
import { type DevChain, startDevChain } from '../support/devChain.js'
import { makeSigned, randomHash } from '../support/records.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

describe('open gas relayer: direct registrations and relayed grants stay within a daily quota per account', () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'rf-quota-')), 'rightflow.db')
  const relay = { quotaPerDay: 2, minBalance: 10n ** 30n }
  let chain: DevChain
  let h: Harness
  let relayer: Address

  beforeAll(async () => {
    chain = await startDevChain()
    h = await startHarness(databasePath, chain, silentLogger, { relay })
    relayer = h.server.chain.walletClient.account!.address
  })
  afterAll(async () => {
    await h?.stop()
    await chain?.stop()
  })

  const relayerNonce = () => chain.publicClient.getTransactionCount({ address: relayer })
  const registerDirect = async (creator: LocalAccount) =>
    h.post('/v1/records', submission(await makeSigned(creator, h.domain), { mode: 'direct' }))

  it('refuses a direct registration past the quota with 429 relay_quota_exceeded, before any gas is spent', async () => {
    const creator = privateKeyToAccount(generatePrivateKey()) // holds no ETH
    expect((await registerDirect(creator)).status).toBe(201)
    expect((await registerDirect(creator)).status).toBe(201)
    const nonce = await relayerNonce()
    const refused = await registerDirect(creator)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(await refused.json()).toMatchObject({ status: 429, code: 'relay_quota_exceeded', limit: 2 })
    expect(await relayerNonce()).toBe(nonce)
    // Another account has its own quota; batch mode (anchored in Merkle batches) has none.
    expect((await registerDirect(privateKeyToAccount(generatePrivateKey()))).status).toBe(201)
    expect((await h.post('/v1/records', submission(await makeSigned(creator, h.domain)))).status).toBe(202)
  })

  it('counts relayed consent grants against the same quota, and keeps counting across a restart', async () => {
    const creator = privateKeyToAccount(generatePrivateKey())
    expect((await registerDirect(creator)).status).toBe(201)
    expect((await registerDirect(creator)).status).toBe(201)
    await h.stop()
    h = await startHarness(databasePath, chain, silentLogger, { relay })
    const nonce = await relayerNonce()
    expect((await registerDirect(creator)).status).toBe(429)
    const consent = {
      assetId: randomHash(),
      grantee: privateKeyToAccount(generatePrivateKey()).address,
      use: 'inference' as const,
      validFrom: 0,
      validUntil: 2 ** 40,
      salt: randomHash(),
    }
    const signature = await creator.signTypedData({
      domain: consentDomain({ chainId: chain.chainId, consentRegistry: chain.rights.consentRegistry }),
      types: consentTypes,
      primaryType: 'Consent',
      message: consentMessage(consent),
    })
    const granted = await h.post('/v1/consents', { consent, signature })
    expect(granted.status).toBe(429)
    expect(await granted.json()).toMatchObject({ code: 'relay_quota_exceeded' })
    expect(await relayerNonce()).toBe(nonce)
  })

  it('warns on /health when the relayer balance is below the floor (degraded, still serving)', async () => {
    const health = await h.get('/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      degraded: ['relayer_balance_low'],
      relayer: { address: relayer, minBalance: relay.minBalance.toString() },
    })
  })
})
