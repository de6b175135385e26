import { describe, expect, it } from 'vitest'
import { createCoseSigner } from '../src/c2pa/coseSigner.js'
import { loadC2pa, toBlob } from '../src/c2pa/loadC2pa.js'
import {
  ContentMismatchError,
  CorruptManifestError,
  embedContentCredentials,
  InvalidAssetError,
  RemoteManifestError,
  readContentCredentials,
  recordId,
  UnsupportedFormatError,
} from '../src/index.js'
import {
  c2paFixture,
  chainId,
  embed,
  type Format,
  iptc,
  recordFor,
  registry,
} from './support/c2paFixtures.js'

const f = c2paFixture()

describe('tampering is reported, never a crash', () => {
  const flip = (bytes: Uint8Array, at: number) => {
    const copy = bytes.slice()
    copy[at]! ^= 0x01
    return copy
  }
  const find = (bytes: Uint8Array, what: Uint8Array | string) =>
    Buffer.from(bytes).indexOf(typeof what === 'string' ? Buffer.from(what) : Buffer.from(what))
  const validation = async (bytes: Uint8Array, format: Format) =>
    (
      await readContentCredentials({
        bytes,
        mediaType: `image/${format}`,
        trustAnchorsPem: f.ca.certificatePem,
      })
    )?.validation

  it.each(['jpeg', 'png', 'webp'] as const)('test_tamper_%s_imageByte_isAHashMismatch', async (format) => {
    const { bytes } = await embed(f, format, 'human')
    // A stretch of the original image data, found again in the signed file, away from the manifest.
    const original = f.images[format]
    const middle = Math.floor(original.length / 2)
    const at = find(bytes, original.subarray(middle, middle + 32))
    expect(at).toBeGreaterThan(0)
    const result = await validation(flip(bytes, at + 16), format)
    expect(result?.state).toBe('invalid')
    expect(result?.errors.map((e) => e.code)).toContain('assertion.dataHash.mismatch')
  })

  it.each(['jpeg', 'png', 'webp'] as const)(
    'test_tamper_%s_signatureByte_isASignatureMismatch',
    async (format) => {
      const { bytes } = await embed(f, format, 'human')
      // The COSE_Sign1 ends: empty unprotected map (a0), nil payload (f6), 64-byte signature (58 40 …).
      const at = find(bytes, Uint8Array.of(0xa0, 0xf6, 0x58, 0x40))
      expect(at).toBeGreaterThan(0)
      const result = await validation(flip(bytes, at + 4 + 10), format)
      expect(result?.state).toBe('invalid')
      expect(result?.errors.map((e) => e.code)).toContain('claimSignature.mismatch')
    },
  )

  it('test_tamper_claimByte_isASignatureMismatch', async () => {
    const { bytes } = await embed(f, 'jpeg', 'ai', { model: 'flux-1' })
    const result = await validation(flip(bytes, find(bytes, 'flux-1')), 'jpeg')
    expect(result?.state).toBe('invalid')
    expect(result?.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(claimSignature|assertion\.hashedURI)\.mismatch$/)]),
    )
  })

  it('test_tamper_rightflowAssertion_isAHashedUriMismatch', async () => {
    const { bytes, id } = await embed(f, 'png', 'human')
    const result = await validation(flip(bytes, find(bytes, id.slice(2, 20))), 'png')
    expect(result?.state).toBe('invalid')
    expect(result?.errors.map((e) => e.code)).toContain('assertion.hashedURI.mismatch')
  })

  it('test_tamper_jumbfHeader_isACorruptManifestError', async () => {
    const { bytes } = await embed(f, 'png', 'human')
    const at = find(bytes, 'c2pa') // the manifest store's JUMBF description box
    const error = await readContentCredentials({ bytes: flip(bytes, at - 8), mediaType: 'image/png' }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(CorruptManifestError)
    expect(error.code).toBe('corrupt_manifest')
  })

  it('test_tamper_truncatedPng_isAnInvalidAssetError', async () => {
    const { bytes } = await embed(f, 'png', 'human')
    const error = await readContentCredentials({
      bytes: bytes.slice(0, bytes.length / 2),
      mediaType: 'image/png',
    }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidAssetError)
    expect(error.code).toBe('invalid_asset')
  })

  it('test_tamper_truncatedJpeg_failsItsHash', async () => {
    const { bytes } = await embed(f, 'jpeg', 'human')
    expect(
      (await validation(bytes.slice(0, bytes.length - 200), 'jpeg'))?.errors.map((e) => e.code),
    ).toContain('assertion.dataHash.mismatch')
  })
})

describe('unsupported and lying inputs', () => {
  it.each(['text/plain', 'image/bmp', 'image/gif', 'application/octet-stream'])(
    'test_embed_%s_isUnsupportedFormat',
    async (mediaType) => {
      const bytes = f.images.jpeg
      const record = recordFor(bytes, 'jpeg', 'human')
      const error = await embedContentCredentials({
        bytes,
        mediaType,
        record,
        recordId: recordId(record),
        chainId,
        registry,
        signer: f.creator,
      }).catch((e) => e)
      expect(error).toBeInstanceOf(UnsupportedFormatError)
      expect(error.code).toBe('unsupported_format')
    },
  )

  it('test_read_textAndBmp_areUnsupportedFormat', async () => {
    const bmp = Uint8Array.from([
      0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24,
      0,
    ])
    for (const [bytes, mediaType] of [
      [new TextEncoder().encode('hello, world'), 'text/plain'],
      [bmp, 'image/bmp'],
    ] as const) {
      const error = await readContentCredentials({ bytes, mediaType }).catch((e) => e)
      expect(error).toBeInstanceOf(UnsupportedFormatError)
    }
  })

  it('test_readAndEmbed_zeroBytes_isAnInvalidAssetError', async () => {
    const empty = new Uint8Array(0)
    await expect(readContentCredentials({ bytes: empty, mediaType: 'image/jpeg' })).rejects.toBeInstanceOf(
      InvalidAssetError,
    )
    await expect(embed(f, 'jpeg', 'human', {}, { bytes: empty })).rejects.toBeInstanceOf(InvalidAssetError)
  })

  it('test_read_randomBytesDeclaredJpeg_isAnInvalidAssetError', async () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2_654_435_761) >>> 24)
    await expect(readContentCredentials({ bytes: noise, mediaType: 'image/jpeg' })).rejects.toBeInstanceOf(
      InvalidAssetError,
    )
  })

  it('test_read_pngDeclaredJpeg_stillReadsTheManifestBecauseTheLibrarySniffs', async () => {
    const { bytes } = await embed(f, 'png', 'human')
    const read = await readContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: f.ca.certificatePem,
    })
    expect(read?.validation.state).toBe('trusted')
  })

  it('test_embed_pngDeclaredJpeg_isAnInvalidAssetError', async () => {
    const bytes = f.images.png
    const record = recordFor(bytes, 'png', 'human')
    const error = await embedContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      record,
      recordId: recordId(record),
      chainId,
      registry,
      signer: f.creator,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidAssetError)
  })

  it('test_embed_bytesOtherThanTheRecords_isAContentMismatch', async () => {
    const record = recordFor(f.images.png, 'jpeg', 'human')
    const error = await embedContentCredentials({
      bytes: f.images.jpeg,
      mediaType: 'image/jpeg',
      record,
      recordId: recordId(record),
      chainId,
      registry,
      signer: f.creator,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ContentMismatchError)
    expect(error.code).toBe('content_mismatch')
  })

  it('test_read_remoteManifest_isNeverFetched', async () => {
    const { WasmBuilder } = await loadC2pa()
    const builder = WasmBuilder.fromJson(
      JSON.stringify({
        format: 'image/jpeg',
        assertions: [
          {
            label: 'c2pa.actions',
            data: { actions: [{ action: 'c2pa.created', digitalSourceType: `${iptc}digitalCapture` }] },
          },
        ],
      }),
    )
    builder.setRemoteUrl('http://127.0.0.1:9/manifest.c2pa')
    builder.setNoEmbed(true)
    const bytes = await builder.sign(createCoseSigner(f.creator), [], 'image/jpeg', toBlob(f.images.jpeg))
    const realFetch = globalThis.fetch
    const fetched: unknown[] = []
    globalThis.fetch = (async (input: unknown) => {
      fetched.push(input)
      throw new Error('offline')
    }) as typeof fetch
    try {
      const error = await readContentCredentials({ bytes, mediaType: 'image/jpeg' }).catch((e) => e)
      expect(error).toBeInstanceOf(RemoteManifestError)
      expect(error.url).toBe('http://127.0.0.1:9/manifest.c2pa')
      expect(fetched).toEqual([])
    } finally {
      globalThis.fetch = realFetch
    }
  })
})
