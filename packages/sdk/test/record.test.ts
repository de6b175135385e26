import { mkdtemp, open, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, hashStruct, hashTypedData } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  createRecord,
  InvalidOriginError,
  InvalidRecordError,
  ModelNotAllowedError,
  ModelRequiredError,
  metadataHash,
  provenanceDomain,
  recordDigest,
  recordId,
  recordTypes,
  sha256File,
  signRecord,
  TooManyParentsError,
  toTypedMessage,
  validateRecord,
  verifyRecordSignature,
  zeroHash,
} from '../src/index.js'

const account = privateKeyToAccount(generatePrivateKey())
const domain = { chainId: 31337, registry: '0x29F7b92C75fc99a7428C18c886295992aE63350B' as Hex }
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex
const base = {
  creator: account.address,
  contentHash: hash(1),
  size: 42,
  mediaType: 'image/png',
  origin: 'human' as const,
  createdAt: 1_700_000_000,
}

describe('recordId and recordDigest', () => {
  it('equal viem’s EIP-712 struct hash and typed-data digest for varied records', () => {
    for (const [origin, model, parents] of [
      ['human', '', []],
      ['ai', 'sdxl-1.0', [hash(3), hash(7)]],
      ['composite', 'ünïcødé model ✓', Array.from({ length: 16 }, (_, i) => hash(i + 10))],
    ] as const) {
      const record = createRecord({ ...base, origin, model, parents, metadata: { title: 'x' } })
      const message = toTypedMessage(record)
      expect(recordId(record)).toBe(hashStruct({ data: message, primaryType: 'Record', types: recordTypes }))
      expect(recordDigest(record, domain)).toBe(
        hashTypedData({
          domain: provenanceDomain(domain),
          types: recordTypes,
          primaryType: 'Record',
          message,
        }),
      )
    }
  })

  it('changes when any signed field changes', () => {
    const record = createRecord(base)
    const variants = [
      { ...record, size: 43 },
      { ...record, mediaType: 'image/jpeg' },
      { ...record, createdAt: record.createdAt + 1 },
      { ...record, contentHash: hash(2) },
      { ...record, parents: [hash(5)] },
    ]
    const ids = new Set([record, ...variants].map(recordId))
    expect(ids.size).toBe(variants.length + 1)
  })
})

describe('createRecord and validateRecord', () => {
  it('sorts and de-duplicates parents and hashes metadata canonically', () => {
    const record = createRecord({
      ...base,
      parents: [hash(9), hash(2), hash(9)],
      metadata: { b: 1, title: 'T' },
    })
    expect(record.parents).toEqual([hash(2), hash(9)])
    expect(record.metadataHash).toBe(metadataHash({ title: 'T', b: 1 }))
    expect(createRecord(base).metadataHash).toBe(zeroHash)
  })

  it('refuses unknown origins, missing or stray models, too many parents and malformed fields', () => {
    expect(() => createRecord({ ...base, origin: 'robot' as never })).toThrow(InvalidOriginError)
    expect(() => createRecord({ ...base, origin: 'ai' })).toThrow(ModelRequiredError)
    expect(() => createRecord({ ...base, origin: 'ai-assisted' })).toThrow(ModelRequiredError)
    expect(() => createRecord({ ...base, model: 'gpt' })).toThrow(ModelNotAllowedError)
    expect(() =>
      createRecord({ ...base, parents: Array.from({ length: 17 }, (_, i) => hash(i + 1)) }),
    ).toThrow(TooManyParentsError)
    expect(() => createRecord({ ...base, contentHash: zeroHash })).toThrow(InvalidRecordError)
    expect(() => createRecord({ ...base, size: -1 })).toThrow(InvalidRecordError)
    expect(() => createRecord({ ...base, mediaType: 'png' })).toThrow(InvalidRecordError)
    expect(() => validateRecord({ ...createRecord(base), parents: [hash(3), hash(2)] })).toThrow(/ascending/)
  })

  it('canonical JSON follows RFC 8785 key order and number form', () => {
    expect(canonicalJson({ b: [1, 1e21, 0.5], a: 'é', c: { z: null, y: true } })).toBe(
      '{"a":"é","b":[1,1e+21,0.5],"c":{"y":true,"z":null}}',
    )
  })
})

describe('signatures', () => {
  const record = createRecord(base)

  it('verify for the creator on the signed chain and registry', async () => {
    const signed = await signRecord({ account, record, domain })
    expect(verifyRecordSignature(signed, domain)).toEqual({ valid: true, id: recordId(record) })
  })

  it('fail when forged by another key, made for another chain or registry, or tampered with', async () => {
    const other = privateKeyToAccount(generatePrivateKey())
    const forged = await signRecord({ account: other, record: { ...record, creator: other.address }, domain })
    expect(verifyRecordSignature({ record, signature: forged.signature }, domain).valid).toBe(false)
    const signed = await signRecord({ account, record, domain })
    expect(verifyRecordSignature(signed, { ...domain, chainId: 1 }).valid).toBe(false)
    expect(verifyRecordSignature(signed, { ...domain, registry: account.address }).valid).toBe(false)
    expect(verifyRecordSignature({ ...signed, record: { ...record, size: 1 } }, domain).valid).toBe(false)
  })

  it('refuse the malleable high-s twin of a valid signature, and garbage', async () => {
    const { signature } = await signRecord({ account, record, domain })
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(`0x${signature.slice(66, 130)}`)
    const v = Number.parseInt(signature.slice(130), 16)
    const twin =
      `${signature.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex
    expect(verifyRecordSignature({ record, signature: twin }, domain).valid).toBe(false)
    expect(verifyRecordSignature({ record, signature: '0x1234' }, domain).valid).toBe(false)
    expect(verifyRecordSignature({ record, signature: `0x${'00'.repeat(65)}` }, domain).valid).toBe(false)
  })
})

describe('sha256File', () => {
  it('hashes empty files and streams multi-GB sparse files in bounded memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rf-hash-'))
    await writeFile(join(dir, 'empty'), '')
    expect(await sha256File({ path: join(dir, 'empty') })).toEqual({
      contentHash: '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
    })
    const big = join(dir, 'big')
    const handle = await open(big, 'w')
    await handle.truncate(2 * 1024 ** 3 + 7)
    await handle.close()
    const before = process.memoryUsage().rss
    let progressCalls = 0
    const { size } = await sha256File({ path: big, onProgress: () => progressCalls++ })
    expect(size).toBe(2 * 1024 ** 3 + 7)
    expect(progressCalls).toBeGreaterThan(1000)
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2)
  })
})
