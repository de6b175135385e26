import { randomBytes } from 'node:crypto'
import type { Address, Hex } from 'viem'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  ChannelRef,
  ChannelStore,
  ChargeFields,
  OnChainChannel,
} from '../../src/payments/channel/ChannelStore.js'

const hex = (bytes: number) => `0x${randomBytes(bytes).toString('hex')}` as Hex
const payee = hex(20) as Address
const signature = (n: number) => `0x${n.toString(16).padStart(130, '0')}` as Hex

export const newRef = (channels: Address = '0x00000000000000000000000000000000000000c1'): ChannelRef => ({
  network: 'eip155:31337',
  channels,
  channelId: hex(32),
})

export const onChain = (overrides: Partial<OnChainChannel> = {}): OnChainChannel => ({
  payer: hex(20) as Address,
  payee,
  voucherSigner: hex(20) as Address,
  deposit: 1_000_000n,
  claimed: 0n,
  closeRequestedAt: 0,
  closed: false,
  royaltyAsset: 0n,
  royaltyBps: 0,
  ...overrides,
})

const nothing: ChargeFields = { accepted: undefined, charged: 0n }
/** `amount` charged under a voucher for `voucher` (the same amount unless given). */
const charged = (amount: bigint, n = 1, voucher = amount): ChargeFields => ({
  accepted: { amount: voucher, signature: signature(n) },
  charged: amount,
})

export type StoreFactory = {
  make(): ChannelStore
  /** Closes `store` and opens the same storage again; absent for storage that does not outlive its handle. */
  reopen?: (store: ChannelStore) => Promise<ChannelStore>
}

/** The behaviour every ChannelStore must have; each implementation's test calls this with a fresh store. */
export function channelStoreConformance(name: string, factory: StoreFactory): void {
  describe(`${name} channel store conformance`, () => {
    let store: ChannelStore
    beforeEach(() => {
      store = factory.make()
    })
    afterEach(() => store.close())

    it('records a channel the chain reported, with nothing accepted or charged', async () => {
      const ref = newRef()
      const chain = onChain({ royaltyAsset: 2n ** 255n + 7n, royaltyBps: 1000 })
      expect(await store.getChannel(ref)).toBeUndefined()
      const saved = await store.saveChainView(ref, chain)
      expect(saved).toMatchObject({
        ...ref,
        payee: payee.toLowerCase(),
        deposit: 1_000_000n,
        royaltyAsset: 2n ** 255n + 7n,
        royaltyBps: 1000,
        accepted: undefined,
        charged: 0n,
        unclaimedSince: undefined,
      })
      expect(await store.getChannel(ref)).toEqual(saved)
      expect(await store.getChannel({ ...ref, channels: hex(20) as Address })).toBeUndefined()
      expect(await store.getChannel({ ...ref, network: 'eip155:1' })).toBeUndefined()
    })

    it('refreshes the chain’s fields without touching charges, and never lowers what was claimed', async () => {
      const ref = newRef()
      await store.saveChainView(ref, onChain())
      expect(await store.compareAndSetCharge(ref, nothing, charged(500n), 1)).toBe(true)
      await store.markClaimed(ref, 400n)
      const refreshed = await store.saveChainView(
        ref,
        onChain({ deposit: 2_000_000n, claimed: 100n, closeRequestedAt: 1234, closed: false }),
      )
      expect(refreshed).toMatchObject({
        deposit: 2_000_000n,
        claimed: 400n,
        closeRequestedAt: 1234,
        charged: 500n,
      })
      expect(refreshed.accepted).toEqual({ amount: 500n, signature: signature(1) })
    })

    it('charges by compare-and-set: a write against a state that changed is refused and changes nothing', async () => {
      const ref = newRef()
      await store.saveChainView(ref, onChain())
      expect(await store.compareAndSetCharge(ref, nothing, charged(100n), 1)).toBe(true)
      expect(await store.compareAndSetCharge(ref, nothing, charged(200n, 2), 2)).toBe(false)
      expect(await store.compareAndSetCharge(ref, charged(100n, 9), charged(200n, 2), 2)).toBe(false)
      expect((await store.getChannel(ref))?.charged).toBe(100n)
      expect(await store.compareAndSetCharge(ref, charged(100n), charged(200n, 2), 2)).toBe(true)
      expect(await store.getChannel(ref)).toMatchObject({ charged: 200n, accepted: { amount: 200n } })
    })

    it('charges `open` only while no close was requested and the channel is not closed; undoes either way', async () => {
      for (const closing of [{ closeRequestedAt: 1234 }, { closed: true }]) {
        const ref = newRef()
        await store.saveChainView(ref, onChain())
        expect(await store.compareAndSetCharge(ref, { ...nothing, open: true }, charged(100n), 1)).toBe(true)
        await store.saveChainView(ref, onChain(closing))
        expect(await store.compareAndSetCharge(ref, { ...charged(100n), open: true }, charged(200n), 2)).toBe(
          false,
        )
        expect((await store.getChannel(ref))?.charged).toBe(100n)
        // Giving a charge back is not a new charge: it must work on a closing channel.
        expect(await store.compareAndSetCharge(ref, charged(100n), { ...nothing, charged: 0n }, 3)).toBe(true)
      }
    })

    it('lets exactly one of many concurrent charges from the same state through', async () => {
      const ref = newRef()
      await store.saveChainView(ref, onChain())
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.compareAndSetCharge(ref, nothing, charged(100n, i + 1), i),
        ),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
      expect((await store.getChannel(ref))?.charged).toBe(100n)
    })

    it('keeps uint128 amounts exactly', async () => {
      const ref = newRef()
      const max = 2n ** 128n - 1n
      await store.saveChainView(ref, onChain({ deposit: max }))
      expect(await store.compareAndSetCharge(ref, nothing, charged(max - 1n), 1)).toBe(true)
      expect(await store.getChannel(ref)).toMatchObject({ deposit: max, charged: max - 1n })
    })

    it('refuses a charge its accepted voucher does not cover: every charge must be claimable', async () => {
      const ref = newRef()
      await store.saveChainView(ref, onChain())
      const unbacked = { ...charged(100n), charged: 150n }
      await expect(store.compareAndSetCharge(ref, nothing, unbacked, 1)).rejects.toThrow(RangeError)
      const voucherless = { accepted: undefined, charged: 1n }
      await expect(store.compareAndSetCharge(ref, nothing, voucherless, 1)).rejects.toThrow(RangeError)
      expect(await store.getChannel(ref)).toMatchObject({ charged: 0n, accepted: undefined })
    })

    it('lists channels charged above what was claimed, oldest charge first, until it is claimed', async () => {
      const [a, b, c] = [newRef(), newRef(), newRef()]
      for (const ref of [a, b, c]) await store.saveChainView(ref, onChain())
      await store.compareAndSetCharge(b, nothing, charged(300n), 10)
      // A voucher for the whole deposit: what is owed is the charge, not the voucher.
      await store.compareAndSetCharge(a, nothing, charged(100n, 1, 1_000_000n), 20)
      // A voucher accepted whose calls were all undone: nothing is owed.
      await store.compareAndSetCharge(c, nothing, charged(0n, 1, 50n), 30)
      const query = { network: a.network, channels: a.channels, payee }
      const listed = await store.listClaimable(query)
      expect(listed.map((s) => s.channelId)).toEqual([b.channelId, a.channelId])
      expect(listed.map((s) => s.unclaimedSince)).toEqual([10, 20])
      expect(listed[1]).toMatchObject({ charged: 100n, accepted: { amount: 1_000_000n } })
      await store.markClaimed(b, 300n)
      await store.markClaimed(b, 100n)
      expect(await store.getChannel(b)).toMatchObject({ claimed: 300n, unclaimedSince: undefined })
      expect((await store.listClaimable(query)).map((s) => s.channelId)).toEqual([a.channelId])
      // Charged on after the claim was read: still owed, the age running from the first unclaimed charge.
      await store.compareAndSetCharge(a, charged(100n, 1, 1_000_000n), charged(150n, 1, 1_000_000n), 40)
      await store.markClaimed(a, 100n)
      expect(await store.getChannel(a)).toMatchObject({ claimed: 100n, charged: 150n, unclaimedSince: 20 })
      await store.markClaimed(a, 150n)
      expect(await store.listClaimable(query)).toEqual([])
      expect(await store.listClaimable({ ...query, payee: hex(20) as Address })).toEqual([])
    })

    it('lists open channels only', async () => {
      const [open, closed] = [newRef(), newRef()]
      await store.saveChainView(open, onChain())
      await store.saveChainView(closed, onChain({ closed: true }))
      const listed = await store.listOpen({ network: open.network, channels: open.channels, payee })
      expect(listed.map((s) => s.channelId)).toEqual([open.channelId])
    })

    it('keeps small named values', async () => {
      expect(await store.getMeta('cursor')).toBeUndefined()
      await store.setMeta('cursor', '12')
      await store.setMeta('cursor', '13')
      expect(await store.getMeta('cursor')).toBe('13')
    })

    if (factory.reopen)
      it('keeps everything across a reopen', async () => {
        const ref = newRef()
        await store.saveChainView(ref, onChain())
        await store.compareAndSetCharge(ref, nothing, charged(700n), 5)
        await store.setMeta('cursor', '99')
        const before = await store.getChannel(ref)
        store = await factory.reopen!(store)
        expect(await store.getChannel(ref)).toEqual(before)
        expect(await store.getMeta('cursor')).toBe('99')
        expect(await store.compareAndSetCharge(ref, nothing, charged(100n), 6)).toBe(false)
      })
  })
}
