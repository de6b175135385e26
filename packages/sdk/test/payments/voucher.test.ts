import { hashTypedData, keccak256, toHex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import {
  channelsDomain,
  recoverVoucherSigner,
  signVoucher,
  signVoucherWithKey,
  voucherDigest,
  voucherTypes,
} from '../../src/payments/channel/voucher.js'

const domain = { chainId: 31337, channels: '0x00000000000000000000000000000000000000c1' } as const
const channelId = keccak256(toHex('a channel'))

describe('channel vouchers', () => {
  it('hash exactly as EIP-712 (viem) does, for small and uint256-sized amounts', () => {
    for (const cumulativeAmount of [0n, 1n, 123_456_789n, 2n ** 256n - 1n]) {
      const voucher = { channelId, cumulativeAmount }
      expect(voucherDigest(voucher, domain)).toBe(
        hashTypedData({
          domain: channelsDomain(domain),
          types: voucherTypes,
          primaryType: 'Voucher',
          message: voucher,
        }),
      )
    }
    expect(() => voucherDigest({ channelId, cumulativeAmount: 2n ** 256n }, domain)).toThrow(RangeError)
  })

  it('recover the voucher key, and nobody for another chain, contract, channel or amount', async () => {
    const account = privateKeyToAccount(generatePrivateKey())
    const voucher = { channelId, cumulativeAmount: 4_200n }
    const signature = await signVoucher({ account, domain, voucher })
    expect(recoverVoucherSigner(voucher, signature, domain)).toBe(account.address.toLowerCase())
    const others = [
      recoverVoucherSigner({ ...voucher, cumulativeAmount: 4_201n }, signature, domain),
      recoverVoucherSigner(voucher, signature, { ...domain, chainId: 1 }),
      recoverVoucherSigner(voucher, signature, {
        ...domain,
        channels: '0x00000000000000000000000000000000000000c2',
      }),
      recoverVoucherSigner({ ...voucher, channelId: keccak256(toHex('another')) }, signature, domain),
    ]
    for (const signer of others) expect(signer).not.toBe(account.address.toLowerCase())
  })

  it('refuse malformed and malleable signatures as data, not exceptions', async () => {
    const account = privateKeyToAccount(generatePrivateKey())
    const voucher = { channelId, cumulativeAmount: 1n }
    const signature = await signVoucher({ account, domain, voucher })
    expect(recoverVoucherSigner(voucher, '0x1234', domain)).toBeUndefined()
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(`0x${signature.slice(66, 130)}`)
    const v = Number.parseInt(signature.slice(130), 16)
    const twin = `${signature.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}`
    expect(recoverVoucherSigner(voucher, twin, domain)).toBeUndefined()
  })
})

describe('native voucher signing', () => {
  it('produces the signature viem produces (deterministic, low s) and recovers to the key', async () => {
    const key = generatePrivateKey()
    const account = privateKeyToAccount(key)
    for (const cumulativeAmount of [1n, 99_999n, 2n ** 200n]) {
      const voucher = { channelId, cumulativeAmount }
      const native = signVoucherWithKey(key, voucher, domain)
      expect(native).toBe(await signVoucher({ account, domain, voucher }))
      expect(recoverVoucherSigner(voucher, native, domain)).toBe(account.address.toLowerCase())
    }
  })
})
