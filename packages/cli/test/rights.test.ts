import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Hex, licenseIdOf, parseUsd, readTerms } from '@rightflow/sdk'
import type { Address } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError, type RightsCli, startRightsCli } from './rightsHarness.js'

let r: RightsCli
/** An account with no key here and no license: the "no" of every check. */
const stranger = privateKeyToAccount(generatePrivateKey()).address

beforeAll(async () => {
  r = await startRightsCli()
})
afterAll(() => r.stop())

describe('rightflow faucet', () => {
  it('gives an account ETH for gas and test dollars on a development chain', async () => {
    const fresh = privateKeyToAccount(generatePrivateKey()).address
    const run = await r.cli('faucet', '--to', fresh, '--usd', '50', '--eth', '2')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Gave ${fresh} 2 ETH and 50.00 test USD`)
    expect(await r.h.chain.publicClient.getBalance({ address: fresh })).toBe(2n * 10n ** 18n)
    expect(await r.usdOf(fresh)).toBe(parseUsd('50'))
    // The keys the fixture funded through the same command.
    expect(await r.usdOf(r.creator)).toBe(parseUsd('1000'))
    expect(await r.usdOf(r.buyer)).toBe(parseUsd('50'))
    expectOneLineError(await r.cli('faucet', '--usd', '2000000'), /one mint gives at most 1000000.00/)
  })
})

describe('a work licensed for AI use', () => {
  let song: Hex
  let termsId: bigint

  it('makes a directly registered file an IP asset owned by its creator', async () => {
    song = await r.registered('song.wav', 'a song, licensed for inference')
    const created = await r.json<{ assetId: Hex; vault: Address; kind: string; owner: Address }>(
      'asset',
      'create',
      'song.wav',
    )
    expect(created).toMatchObject({ assetId: song, kind: 'work', owner: r.creator })
    const shown = await r.json<{ owner: Address; vault: Address; kind: string }>('asset', 'show', song)
    expect(shown).toMatchObject({ owner: r.creator, vault: created.vault, kind: 'work' })
    expectOneLineError(await r.cli('asset', 'create', 'song.wav'), /is already an IP asset/)
  })

  it('publishes terms and shows them as a table', async () => {
    const set = await r.json<{ termsId: string }>(
      'terms',
      'set',
      'song.wav',
      '--price',
      'inference=2',
      '--free',
      'data-mining',
      '--derivatives',
      '--share',
      '10',
      '--attribution',
    )
    termsId = BigInt(set.termsId)
    const onChain = (await readTerms({
      publicClient: r.h.chain.publicClient,
      contracts: r.contracts,
      termsId,
    }))!
    expect(onChain.assetId).toBe(song)
    expect(onChain.terms.uses.inference).toEqual({ allowed: true, price: parseUsd('2') })
    expect(onChain.terms.uses['data-mining']).toEqual({ allowed: true, price: 0n })
    expect(onChain.terms.uses.training.allowed).toBe(false)
    expect(onChain.terms).toMatchObject({ derivativeRevenueShareBps: 1000, attributionRequired: true })

    const shown = await r.cli('terms', 'show', 'song.wav')
    expect(shown.stdout).toMatch(/terms\s+status\s+data-mining\s+inference\s+generative-training\s+training/)
    expect(shown.stdout).toMatch(
      new RegExp(
        `\\n\\s+${termsId}\\s+active\\s+free\\s+2\\.00\\s+not allowed\\s+not allowed\\s+10%\\s+never\\s+0`,
      ),
    )
  })

  it('sells a license to a second key, which the chain then confirms', async () => {
    const [buyerBefore, vaultBefore] = [await r.usdOf(r.buyer), await r.royaltiesOf(song, r.creator)]
    const bought = await r.json<{ licenseId: string; price: string; holder: Address }>(
      'license',
      'buy',
      'song.wav',
      '--use',
      'inference',
      '--key',
      'buyer',
    )
    const licenseId = BigInt(bought.licenseId)
    const price = BigInt(bought.price)
    expect(licenseId).toBe(licenseIdOf(termsId, 'inference'))
    expect(price).toBe(parseUsd('2'))
    expect(bought.holder).toBe(r.buyer)
    expect(await r.usdOf(r.buyer)).toBe(buyerBefore - price)
    expect((await r.royaltiesOf(song, r.creator)).received).toBe(vaultBefore.received + price)

    const yes = await r.cli('license', 'check', 'song.wav', '--use', 'inference', '--by', r.buyer)
    expect(yes.code).toBe(0)
    expect(yes.stdout.trim()).toBe(`yes  license ${licenseId}`)
    const no = await r.cli('license', 'check', song, '--use', 'inference', '--by', stranger)
    expect(no.code).toBe(3)
    expect(no.stdout.trim()).toBe('no')
    const noJson = await r.cli('license', 'check', song, '--use', 'training', '--by', 'buyer', '--json')
    expect(noJson.code).toBe(3)
    expect(noJson.json()).toMatchObject({ allowed: false, basis: 'none' })

    const held = await r.json<{ licenses: { licenseId: string; use: string; assetId: Hex }[] }>(
      'license',
      'list',
      '--key',
      'buyer',
    )
    expect(held.licenses).toEqual([expect.objectContaining({ licenseId: String(licenseId), assetId: song })])
    const ofSong = await r.json<{ licenses: unknown[] }>(
      'license',
      'list',
      '--by',
      r.buyer,
      '--work',
      'song.wav',
    )
    expect(ofSong.licenses).toEqual(held.licenses)
  })

  it('gives a free license to another account with --for', async () => {
    const before = await r.usdOf(r.buyer)
    const given = await r.json<{ licenseId: string; price: string; holder: string }>(
      'license',
      'buy',
      song,
      '--use',
      'data-mining',
      '--for',
      stranger,
      '--key',
      'buyer',
    )
    expect(given).toMatchObject({ price: '0', holder: stranger })
    expect(await r.usdOf(r.buyer)).toBe(before)
    const check = await r.cli('license', 'check', song, '--use', 'data-mining', '--by', stranger)
    expect(check.stdout.trim()).toBe(`yes  license ${given.licenseId}`)
  })

  it('refuses bad purchases in one line and takes no money', async () => {
    const before = await r.usdOf(r.buyer)
    const soldOf = async () =>
      (await readTerms({ publicClient: r.h.chain.publicClient, contracts: r.contracts, termsId }))!.sold
    const soldBefore = await soldOf()
    const buy = (...args: string[]) => r.cli('license', 'buy', 'song.wav', '--key', 'buyer', ...args)

    expectOneLineError(await buy('--use', 'painting'), /unknown use "painting": use data-mining, inference/)
    expectOneLineError(
      await buy('--use', 'inference', '--max-price', '1'),
      /the price 2\.00 is above your maximum 1\.00/,
    )
    expectOneLineError(
      await buy('--use', 'training', '--terms', String(termsId)),
      /that use is not allowed by the terms/,
    )
    expectOneLineError(
      await buy('--use', 'generative-training'),
      /no terms on sale .* allow generative-training/,
    )
    expectOneLineError(
      await buy('--use', 'inference', '--max-share', '5'),
      /the terms take 10% of derivatives' revenue, above your maximum 5%/,
    )

    const retired = BigInt(
      (await r.json<{ termsId: string }>('terms', 'set', song, '--price', 'training=5')).termsId,
    )
    expect((await r.cli('terms', 'retire', String(retired))).code).toBe(0)
    expectOneLineError(await buy('--use', 'training', '--terms', String(retired)), /these terms were retired/)
    expectOneLineError(await buy('--use', 'training'), /no terms on sale .* allow training/)
    expect((await r.cli('terms', 'show', song)).stdout).toMatch(new RegExp(`\\n\\s+${retired}\\s+retired\\s`))
    expectOneLineError(await r.cli('terms', 'retire', String(retired)), /these terms were retired/)
    expectOneLineError(await r.cli('terms', 'retire', String(retired), '--key', 'buyer'), /only the owner/)

    const json1 = await r.cli(
      'license',
      'buy',
      song,
      '--use',
      'inference',
      '--max-price',
      '1',
      '--key',
      'buyer',
      '--json',
    )
    expect(json1.json()).toMatchObject({ error: { code: 'price_above_maximum' } })

    expect(await r.usdOf(r.buyer)).toBe(before)
    expect(await soldOf()).toBe(soldBefore)
  })

  it('answers a work without a record, bad terms and missing contracts in one line', async () => {
    // Contract overrides: the real addresses work; an address with no contract is named in one line.
    const overridden = { RIGHTFLOW_ASSET_REGISTRY: r.contracts.assetRegistry }
    expect((await r.cliWith(overridden, 'terms', 'show', song)).code).toBe(0)
    const nowhere = '0x000000000000000000000000000000000000dEaD'
    expectOneLineError(
      await r.cliWith({ RIGHTFLOW_ASSET_REGISTRY: nowhere }, 'terms', 'show', song),
      /License contracts are not deployed on chain 31337 \(no asset registry at 0x0+dEaD\)/,
    )

    await writeFile(join(r.dir, 'unregistered.txt'), 'never registered anywhere')
    expectOneLineError(
      await r.cli('license', 'buy', song, '--use', 'inference', '--terms', 'x'),
      /--terms "x" is not a number/,
    )
    expectOneLineError(
      await r.cli('license', 'buy', 'unregistered.txt', '--use', 'inference', '--key', 'buyer'),
      /unregistered\.txt has no record: register it first/,
    )
    expectOneLineError(await r.cli('asset', 'create', 'unregistered.txt'), /has no record/)
    expectOneLineError(await r.cli('terms', 'set', song, '--price', 'inference'), /must be <use>=<usd>/)
    expectOneLineError(await r.cli('terms', 'set', song, '--free', 'nope'), /unknown use "nope"/)
    expectOneLineError(
      await r.cli('terms', 'set', song, '--free', 'training', '--share', '5'),
      /needs --derivatives/,
    )
  })
})

describe('records anchored in a batch', () => {
  it('waits for the batch, then lifts the record on chain with its proof', async () => {
    await writeFile(join(r.dir, 'batched.txt'), 'registered in a batch, not directly')
    const reg = await r.json<{ results: { id: Hex }[] }>('register', 'batched.txt', '--origin', 'human')
    expectOneLineError(
      await r.cli('asset', 'create', 'batched.txt'),
      /not anchored yet .*register with --direct/,
    )
    await r.h.anchorNow()
    const created = await r.json<{ assetId: Hex; proveTxHash: Hex }>('asset', 'create', 'batched.txt')
    expect(created.assetId).toBe(reg.results[0]!.id)
    expect(created.proveTxHash).toMatch(/^0x[0-9a-f]{64}$/)
  })
})
