import type { Address, Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError, type RightsCli, startRightsCli } from './rightsHarness.js'

let r: RightsCli
/** A pipeline with no key here: consent is all it has. */
const grantee = privateKeyToAccount(generatePrivateKey()).address

beforeAll(async () => {
  r = await startRightsCli()
})
afterAll(() => r.stop())

describe('rightflow consent', () => {
  it('is granted on datasets only, and counts only inside its window', async () => {
    await r.registered('poem.txt', 'a poem, not a dataset')
    await r.json('asset', 'create', 'poem.txt')
    expectOneLineError(
      await r.cli('consent', 'grant', 'poem.txt', '--to', grantee, '--use', 'training'),
      /is a work, not a dataset/,
    )
    const archive = await r.registered('archive.csv', 'id,text\n1,row')
    await r.json('asset', 'create', 'archive.csv', '--kind', 'dataset')
    const later = await r.json<{ consentId: Hex; consent: { validFrom: number } }>(
      'consent',
      'grant',
      archive,
      '--to',
      grantee,
      '--use',
      'inference',
      '--from',
      '2099-01-01',
    )
    expect(later.consent.validFrom).toBe(Date.UTC(2099, 0, 1) / 1000)
    expect((await r.cli('license', 'check', archive, '--use', 'inference', '--by', grantee)).code).toBe(3)
    expect((await r.cli('consent', 'list', 'archive.csv')).stdout).toMatch(/inference\s+\S+\s+\S+\s+not yet/)
    expectOneLineError(
      await r.cli('consent', 'grant', archive, '--to', grantee, '--use', 'inference', '--until', 'soon'),
      /--until "soon" is neither an ISO date/,
    )
  })

  it('grants, shows, honours and revokes a consent', async () => {
    const corpus = await r.registered('corpus.jsonl', '{"text":"a dataset row"}')
    expect(
      (await r.json<{ kind: string }>('asset', 'create', 'corpus.jsonl', '--kind', 'dataset')).kind,
    ).toBe('dataset')
    const granted = await r.json<{ consentId: Hex; consent: { validFrom: number; validUntil: number } }>(
      'consent',
      'grant',
      'corpus.jsonl',
      '--to',
      grantee,
      '--use',
      'training',
      '--until',
      '7d',
    )
    expect(granted.consent.validUntil - granted.consent.validFrom).toBe(7 * 86_400)

    const yes = await r.cli('license', 'check', 'corpus.jsonl', '--use', 'training', '--by', grantee)
    expect(yes.code).toBe(0)
    expect(yes.stdout.trim()).toBe(`yes  consent ${granted.consentId}`)
    expect((await r.cli('license', 'check', corpus, '--use', 'inference', '--by', grantee)).code).toBe(3)

    const listed = await r.json<{ consents: { consentId: Hex; grantee: Address; status: string }[] }>(
      'consent',
      'list',
      corpus,
    )
    expect(listed.consents).toEqual([
      expect.objectContaining({ consentId: granted.consentId, grantee, status: 'active' }),
    ])
    expectOneLineError(
      await r.cli('consent', 'revoke', granted.consentId, '--key', 'buyer'),
      /does not own dataset/,
    )

    expect((await r.cli('consent', 'revoke', granted.consentId)).code).toBe(0)
    const no = await r.cli('license', 'check', corpus, '--use', 'training', '--by', grantee, '--json')
    expect(no.code).toBe(3)
    expect(no.json()).toMatchObject({ allowed: false, basis: 'none' })
    expect((await r.cli('consent', 'list', corpus)).stdout).toMatch(/training\s+\S+\s+\S+\s+revoked/)
    expectOneLineError(await r.cli('consent', 'revoke', granted.consentId), /was already revoked/)
  })
})
