import { type Hex, mintTestStablecoin, parseUsd } from '@rightflow/sdk'
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError, type RightsCli, startRightsCli } from './rightsHarness.js'

let r: RightsCli
/** The creator's asset, with terms selling inference and allowing derivatives for 10% of their revenue. */
let song: Hex
/** What the buyer paid for its inference license, and that license. */
let price: bigint
let licenseId: string

beforeAll(async () => {
  r = await startRightsCli()
  song = await r.registered('song.wav', 'a song that earns royalties')
  await r.json('asset', 'create', 'song.wav')
  await r.json('terms', 'set', 'song.wav', '--price', 'inference=2', '--derivatives', '--share', '10')
  const bought = await r.json<{ licenseId: string; price: string }>(
    'license',
    'buy',
    'song.wav',
    '--use',
    'inference',
    '--key',
    'buyer',
  )
  licenseId = bought.licenseId
  price = BigInt(bought.price)
})
afterAll(() => r.stop())

describe('rightflow royalties and shares', () => {
  it('lets the creator claim exactly what the license earned, once', async () => {
    const position = await r.json<{ claimable: string; shares: string; totalShares: string }>(
      'royalties',
      'show',
      'song.wav',
    )
    expect(BigInt(position.claimable)).toBe(price)
    expect(BigInt(position.claimable)).toBe((await r.royaltiesOf(song, r.creator)).claimable)
    expect(position.shares).toBe(position.totalShares)
    const human = await r.cli('royalties', 'show', 'song.wav')
    expect(human.stdout).toMatch(/claimable\s+2\.00 USD/)
    expect(human.stdout).toMatch(/shares\s+1000000 of 1000000 \(100%\)/)

    const before = await r.usdOf(r.creator)
    const claimed = await r.json<{ amount: string; to: Address }>('royalties', 'claim', 'song.wav')
    expect(BigInt(claimed.amount)).toBe(price)
    expect(claimed.to).toBe(r.creator)
    expect(await r.usdOf(r.creator)).toBe(before + price)
    expectOneLineError(await r.cli('royalties', 'claim', 'song.wav'), /nothing to claim/)
  })

  it('splits later revenue pro rata after a quarter of the shares changes hands', async () => {
    const moved = await r.json<{ amount: string; percent: string }>(
      'shares',
      'transfer',
      song,
      'buyer',
      '25%',
    )
    const { totalShares, shares } = await r.royaltiesOf(song, r.buyer)
    expect(BigInt(moved.amount)).toBe(totalShares / 4n)
    expect(moved.percent).toBe('25%')
    expect(shares).toBe(totalShares / 4n)
    expectOneLineError(
      await r.cli('shares', 'transfer', song, 'buyer', '80%'),
      /you hold 750000 shares \(75%\), fewer than 800000/,
    )

    const paid = parseUsd('4')
    expect((await r.cli('royalties', 'pay', 'song.wav', '4', '--key', 'buyer')).code).toBe(0)
    const forCreator = await r.json<{ claimable: string; sharePercent: string }>('royalties', 'show', song)
    const forBuyer = await r.json<{ claimable: string }>('royalties', 'show', song, '--account', 'buyer')
    expect(BigInt(forCreator.claimable)).toBe((paid * 3n) / 4n)
    expect(forCreator.sharePercent).toBe('75%')
    expect(BigInt(forBuyer.claimable)).toBe(paid / 4n)
    expect(BigInt(forBuyer.claimable)).toBe((await r.royaltiesOf(song, r.buyer)).claimable)
    expectOneLineError(await r.cli('royalties', 'pay', song, '0'), /the amount must be more than zero/)
  })

  it('creates a derivative under a license, which pays the parent its share', async () => {
    const remix = await r.registered('remix.wav', 'a remix made under an inference license', 'buyer')
    const created = await r.json<{ assetId: Hex; parents: Hex[] }>(
      'asset',
      'create',
      'remix.wav',
      '--kind',
      'model',
      '--parent-license',
      licenseId,
      '--key',
      'buyer',
    )
    expect(created).toMatchObject({ assetId: remix, parents: [song] })
    const shown = await r.json<{ kind: string; parents: { assetId: Hex; bps: number }[] }>(
      'asset',
      'show',
      remix,
    )
    expect(shown).toMatchObject({ kind: 'model', parents: [{ assetId: song, bps: 1000 }] })
    expect((await r.cli('asset', 'show', 'remix.wav')).stdout).toMatch(
      new RegExp(`parents\\s+${song} \\(owed 10% of its revenue\\)`),
    )

    const parentBefore = (await r.royaltiesOf(song, r.creator)).received
    const amount = parseUsd('10')
    expect((await r.cli('royalties', 'pay', 'remix.wav', '10')).code).toBe(0)
    const parentShare = (amount * 1000n) / 10_000n
    expect((await r.royaltiesOf(song, r.creator)).received).toBe(parentBefore + parentShare)
    const derivative = await r.json<{ received: string; paidToAncestors: string; claimable: string }>(
      'royalties',
      'show',
      'remix.wav',
      '--account',
      'buyer',
    )
    expect(BigInt(derivative.received)).toBe(amount)
    expect(BigInt(derivative.paidToAncestors)).toBe(parentShare)
    expect(BigInt(derivative.claimable)).toBe(amount - parentShare)

    // Money sent straight to the vault (as an x402 settlement does) counts once --pull collects it.
    const { vault, claimable } = await r.royaltiesOf(remix, r.buyer)
    const direct = parseUsd('5')
    await mintTestStablecoin({
      publicClient: r.h.chain.publicClient,
      walletClient: r.h.chain.walletClient,
      token: r.contracts.paymentToken,
      to: vault,
      amount: direct,
    })
    const pending = await r.json<{ unsynced: string }>('royalties', 'show', remix, '--key', 'buyer')
    expect(BigInt(pending.unsynced)).toBe(direct)
    const parentBeforePull = (await r.royaltiesOf(song, r.creator)).received
    const claimed = await r.json<{ amount: string }>(
      'royalties',
      'claim',
      'remix.wav',
      '--pull',
      '--key',
      'buyer',
    )
    const directToParent = (direct * 1000n) / 10_000n
    expect(BigInt(claimed.amount)).toBe(claimable + direct - directToParent)
    expect((await r.royaltiesOf(song, r.creator)).received).toBe(parentBeforePull + directToParent)
  })
})
