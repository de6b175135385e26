import sharp from 'sharp'
import type { Address, Hex } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCoseSigner } from '../src/c2pa/coseSigner.js'
import { loadC2pa, toBlob } from '../src/c2pa/loadC2pa.js'
import {
  type CertificateAuthority,
  ContentMismatchError,
  CorruptManifestError,
  type CreatorCertificate,
  createCertificateAuthority,
  createRecord,
  type EmbedContentCredentialsParameters,
  embedContentCredentials,
  InvalidAssetError,
  issueCreatorCertificate,
  type Origin,
  RemoteManifestError,
  readContentCredentials,
  recordId,
  sha256Bytes,
  UnsupportedFormatError,
} from '../src/index.js'

const iptc = 'http://cv.iptc.org/newscodes/digitalsourcetype/'
const registry: Address = '0x29F7b92C75fc99a7428C18c886295992aE63350B'
const creatorAddress: Address = '0x000000000000000000000000000000000000c0de'
const chainId = 31337
const parentA = `0x${'a1'.repeat(32)}` as Hex
const parentB = `0x${'b2'.repeat(32)}` as Hex
type Format = 'jpeg' | 'png' | 'webp'

/** A photo-like test image: smooth gradients and shapes with a little grain, encoded by sharp. */
async function photo(format: Format, width = 320, height = 240): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x)
      const grain = ((x * 7919 + y * 104_729) % 23) - 11
      pixels[i] = 120 + 90 * Math.sin(x / 41) + grain
      pixels[i + 1] = 110 + 80 * Math.cos(y / 29) + grain
      pixels[i + 2] = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (height / 4) ** 2 ? 220 : 60 + grain
    }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } })
  const encoded = await (format === 'jpeg'
    ? image.jpeg()
    : format === 'png'
      ? image.png()
      : image.webp()
  ).toBuffer()
  return new Uint8Array(encoded)
}

let ca: CertificateAuthority
let creator: CreatorCertificate
const images = {} as Record<Format, Uint8Array>
beforeAll(async () => {
  ca = await createCertificateAuthority({ name: 'Rightflow Test CA' })
  creator = await issueCreatorCertificate({ ca, subjectName: 'Alice Example' })
  for (const format of ['jpeg', 'png', 'webp'] as const) images[format] = await photo(format)
})

function recordFor(
  bytes: Uint8Array,
  format: Format,
  origin: Origin,
  extra: { model?: string; parents?: Hex[] } = {},
) {
  return createRecord({
    creator: creatorAddress,
    contentHash: sha256Bytes(bytes),
    size: bytes.length,
    mediaType: `image/${format}`,
    origin,
    createdAt: 1_750_000_000,
    ...extra,
  })
}

async function embed(
  format: Format,
  origin: Origin,
  extra: { model?: string; parents?: Hex[] } = {},
  options: Partial<EmbedContentCredentialsParameters> = {},
) {
  const bytes = options.bytes ?? images[format]
  const record = recordFor(bytes, format, origin, extra)
  const result = await embedContentCredentials({
    bytes,
    mediaType: `image/${format}`,
    record,
    recordId: recordId(record),
    chainId,
    registry,
    signer: creator,
    title: `photo.${format}`,
    ...options,
  })
  return { ...result, record, id: recordId(record) }
}

describe('embedContentCredentials then readContentCredentials', () => {
  for (const format of ['jpeg', 'png', 'webp'] as const) {
    it(`test_roundTrip_${format}_isTrustedWithTheCaAsAnchorAndKeepsThePixels`, async () => {
      const { bytes, manifestBytesAdded, record, id } = await embed(format, 'ai', {
        model: 'stable-diffusion-xl',
      })
      expect(manifestBytesAdded).toBe(bytes.length - images[format].length)
      expect(manifestBytesAdded).toBeGreaterThan(1000)

      const read = await readContentCredentials({
        bytes,
        mediaType: `image/${format}`,
        trustAnchorsPem: ca.certificatePem,
      })
      expect(read?.validation).toEqual({ state: 'trusted', errors: [] })
      const manifest = read!.activeManifest
      expect(manifest.title).toBe(`photo.${format}`)
      expect(manifest.claimGenerator).toMatch(/^Rightflow\/\d+\.\d+\.\d+$/)
      expect(manifest.signer).toEqual({
        issuer: 'Rightflow Test CA',
        commonName: 'Alice Example',
        time: undefined,
      })
      expect(manifest.actions).toEqual([
        {
          action: 'c2pa.created',
          digitalSourceType: `${iptc}trainedAlgorithmicMedia`,
          softwareAgent: 'stable-diffusion-xl',
          when: '2025-06-15T15:06:40.000Z',
        },
      ])
      expect(manifest.origin).toBe('ai')
      expect(manifest.ingredients).toEqual([])
      expect(manifest.trainingMining).toEqual({
        'cawg.ai_generative_training': 'notAllowed',
        'cawg.ai_inference': 'notAllowed',
        'cawg.ai_training': 'notAllowed',
        'cawg.data_mining': 'notAllowed',
      })
      expect(manifest.rightflow).toEqual({ recordId: id, chainId, registry, contentHash: record.contentHash })
      expect(read!.manifestCount).toBe(1)

      // Only metadata was added: same format, same size, same decoded pixels.
      const [before, after] = await Promise.all(
        [images[format], bytes].map((b) => sharp(b).raw().toBuffer({ resolveWithObject: true })),
      )
      expect(after!.info).toMatchObject({ format: 'raw', width: 320, height: 240 })
      expect((await sharp(bytes).metadata()).format).toBe(format)
      expect(after!.data.equals(before!.data)).toBe(true)
    })

    it(`test_roundTrip_${format}_isValidButUntrustedWithoutAnchors`, async () => {
      const { bytes } = await embed(format, 'human')
      const read = await readContentCredentials({ bytes, mediaType: `image/${format}` })
      expect(read?.validation.state).toBe('valid')
      expect(read?.validation.errors.map((e) => e.code)).toEqual(['signingCredential.untrusted'])
    })
  }

  it.each([
    ['human', '', 'digitalCapture'],
    ['ai', 'flux-1', 'trainedAlgorithmicMedia'],
    ['ai-assisted', 'firefly-3', 'compositeWithTrainedAlgorithmicMedia'],
    ['composite', '', 'composite'],
  ] as const)('test_roundTrip_origin_%s_statesIptcTerm', async (origin, model, term) => {
    const { bytes } = await embed('jpeg', origin, model ? { model } : {})
    const manifest = (await readContentCredentials({ bytes, mediaType: 'image/jpeg' }))!.activeManifest
    expect(manifest.actions[0]).toMatchObject({ action: 'c2pa.created', digitalSourceType: iptc + term })
    expect(manifest.actions[0]!.softwareAgent).toBe(model || undefined)
    expect(manifest.origin).toBe(origin)
  })

  it('test_roundTrip_editOfParents_opensTheFirstPlacesTheOthersAndStatesHumanEdits', async () => {
    const { bytes } = await embed('jpeg', 'human', { parents: [parentB, parentA] })
    const read = (await readContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: ca.certificatePem,
    }))!
    expect(read.validation.state).toBe('trusted')
    expect(read.activeManifest.ingredients).toEqual([
      { title: parentA, relationship: 'parentOf', hasCredentials: false },
      { title: parentB, relationship: 'componentOf', hasCredentials: false },
    ])
    expect(read.activeManifest.actions.map((a) => [a.action, a.digitalSourceType])).toEqual([
      ['c2pa.opened', undefined],
      ['c2pa.placed', undefined],
      ['c2pa.edited', `${iptc}humanEdits`],
    ])
    expect(read.activeManifest.origin).toBe('human')
  })

  it('test_roundTrip_aiAssistedEdit_namesTheModelOnTheEdit', async () => {
    const { bytes } = await embed('png', 'ai-assisted', { model: 'firefly-3', parents: [parentA] })
    const { actions, ingredients } = (await readContentCredentials({ bytes, mediaType: 'image/png' }))!
      .activeManifest
    expect(ingredients).toEqual([{ title: parentA, relationship: 'parentOf', hasCredentials: false }])
    expect(actions.at(-1)).toMatchObject({
      action: 'c2pa.edited',
      digitalSourceType: `${iptc}compositeWithTrainedAlgorithmicMedia`,
      softwareAgent: 'firefly-3',
    })
  })

  it('test_roundTrip_composite_createsAndPlacesEveryParentAsComponent', async () => {
    const { bytes } = await embed('jpeg', 'composite', { parents: [parentA, parentB] })
    const read = (await readContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: ca.certificatePem,
    }))!
    expect(read.validation.state).toBe('trusted')
    expect(read.activeManifest.actions.map((a) => a.action)).toEqual([
      'c2pa.created',
      'c2pa.placed',
      'c2pa.placed',
    ])
    expect(read.activeManifest.actions[0]!.digitalSourceType).toBe(`${iptc}composite`)
    expect(read.activeManifest.ingredients.map((i) => i.relationship)).toEqual(['componentOf', 'componentOf'])
  })

  it('test_roundTrip_trainingMining_writesGivenPermissionsAndDefaultsTheRestToNotAllowed', async () => {
    const { bytes } = await embed(
      'jpeg',
      'human',
      {},
      {
        trainingMining: {
          'cawg.ai_inference': 'allowed',
          'cawg.ai_training': { use: 'constrained', constraintsInfo: 'https://example.org/licence' },
        },
      },
    )
    const { trainingMining } = (await readContentCredentials({ bytes, mediaType: 'image/jpeg' }))!
      .activeManifest
    expect(trainingMining).toEqual({
      'cawg.ai_generative_training': 'notAllowed',
      'cawg.ai_inference': 'allowed',
      'cawg.ai_training': 'constrained',
      'cawg.data_mining': 'notAllowed',
    })
  })

  it('test_roundTrip_digitalSourceTypeOverride_isStatedAndMapsBack', async () => {
    const { bytes } = await embed('jpeg', 'human', {}, { digitalSourceType: `${iptc}digitalCreation` })
    const manifest = (await readContentCredentials({ bytes, mediaType: 'image/jpeg' }))!.activeManifest
    expect(manifest.actions[0]!.digitalSourceType).toBe(`${iptc}digitalCreation`)
    expect(manifest.origin).toBe('human')
  })

  it('test_roundTrip_thumbnail_addsAJpegPreviewAndStaysTrusted', async () => {
    const without = await embed('jpeg', 'human')
    const withThumbnail = await embed('jpeg', 'human', {}, { thumbnail: true })
    expect(withThumbnail.manifestBytesAdded).toBeGreaterThan(without.manifestBytesAdded + 1000)
    const read = await readContentCredentials({
      bytes: withThumbnail.bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: ca.certificatePem,
    })
    expect(read?.validation.state).toBe('trusted')
    const { WasmReader } = await loadC2pa()
    const manifest = (await WasmReader.fromBytes('image/jpeg', withThumbnail.bytes)).activeManifest()
    expect(manifest.thumbnail.format).toBe('image/jpeg')
  })

  it('test_roundTrip_existingCredentials_areKeptAsTheParentIngredient', async () => {
    const first = await embed('jpeg', 'human')
    const second = await embed('jpeg', 'human', {}, { bytes: first.bytes, title: 'registered.jpg' })
    expect(first.keptExistingCredentials).toBe(false)
    expect(second.keptExistingCredentials).toBe(true)
    const read = (await readContentCredentials({
      bytes: second.bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: ca.certificatePem,
    }))!
    expect(read.validation.state).toBe('trusted')
    expect(read.manifestCount).toBe(2)
    expect(read.activeManifest.ingredients).toEqual([
      { title: 'registered.jpg', relationship: 'parentOf', hasCredentials: true },
    ])
    expect(read.activeManifest.actions.map((a) => a.action)).toEqual(['c2pa.opened'])
    expect(read.activeManifest.rightflow?.recordId).toBe(second.id)
  })

  it('test_roundTrip_organisationChain_isTrustedOnlyByItsOwnRoot', async () => {
    const orgCa = await createCertificateAuthority({ name: 'Harbour Times Root' })
    const signer = await issueCreatorCertificate({ ca: orgCa, subjectName: 'Photo desk' })
    const { bytes } = await embed('png', 'human', {}, { signer })
    const read = (anchors: string) =>
      readContentCredentials({ bytes, mediaType: 'image/png', trustAnchorsPem: anchors })
    expect((await read(ca.certificatePem))?.validation.state).toBe('valid')
    expect((await read(ca.certificatePem + orgCa.certificatePem))?.validation.state).toBe('trusted')
    expect((await read(ca.certificatePem + orgCa.certificatePem))?.activeManifest.signer.issuer).toBe(
      'Harbour Times Root',
    )
  })

  it('test_roundTrip_paddedSignature_isAcceptedByTheLibrary', async () => {
    const { WasmBuilder, WasmReader } = await loadC2pa()
    const definition = {
      format: 'image/jpeg',
      assertions: [
        {
          label: 'c2pa.actions',
          data: { actions: [{ action: 'c2pa.created', digitalSourceType: `${iptc}digitalCapture` }] },
        },
      ],
    }
    const signer = createCoseSigner(creator, { extraReserve: 29 })
    const signed = await WasmBuilder.fromJson(JSON.stringify(definition)).sign(
      signer,
      [],
      'image/jpeg',
      toBlob(images.jpeg),
    )
    const settings = JSON.stringify({
      trust: { user_anchors: ca.certificatePem },
      verify: { verify_trust: true },
    })
    expect(
      (await WasmReader.fromBytes('image/jpeg', signed, settings)).manifestStore().validation_state,
    ).toBe('Trusted')
  })
  it('test_roundTrip_concurrentCalls_shareTheWasmModuleSafely', async () => {
    const signed = await Promise.all(
      (['jpeg', 'png', 'webp', 'jpeg', 'png', 'webp'] as const).map((format, i) =>
        embed(format, i % 2 ? 'ai' : 'human', i % 2 ? { model: `model-${i}` } : {}, { thumbnail: i < 3 }),
      ),
    )
    const reads = await Promise.all(
      signed.map(({ bytes }, i) =>
        readContentCredentials({
          bytes,
          mediaType: `image/${['jpeg', 'png', 'webp'][i % 3]}`,
          trustAnchorsPem: ca.certificatePem,
        }),
      ),
    )
    expect(reads.map((r) => r?.validation.state)).toEqual(Array(6).fill('trusted'))
    expect(reads.map((r) => r?.activeManifest.actions[0]?.softwareAgent)).toEqual([
      undefined,
      'model-1',
      undefined,
      'model-3',
      undefined,
      'model-5',
    ])
  })
})

describe('readContentCredentials on files without credentials', () => {
  it.each(['jpeg', 'png', 'webp'] as const)(
    'test_read_%s_withoutManifest_returnsUndefined',
    async (format) => {
      expect(
        await readContentCredentials({ bytes: images[format], mediaType: `image/${format}` }),
      ).toBeUndefined()
    },
  )
})

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
        trustAnchorsPem: ca.certificatePem,
      })
    )?.validation

  it.each(['jpeg', 'png', 'webp'] as const)('test_tamper_%s_imageByte_isAHashMismatch', async (format) => {
    const { bytes } = await embed(format, 'human')
    // A stretch of the original image data, found again in the signed file, away from the manifest.
    const original = images[format]
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
      const { bytes } = await embed(format, 'human')
      // The COSE_Sign1 ends: empty unprotected map (a0), nil payload (f6), 64-byte signature (58 40 …).
      const at = find(bytes, Uint8Array.of(0xa0, 0xf6, 0x58, 0x40))
      expect(at).toBeGreaterThan(0)
      const result = await validation(flip(bytes, at + 4 + 10), format)
      expect(result?.state).toBe('invalid')
      expect(result?.errors.map((e) => e.code)).toContain('claimSignature.mismatch')
    },
  )

  it('test_tamper_claimByte_isASignatureMismatch', async () => {
    const { bytes } = await embed('jpeg', 'ai', { model: 'flux-1' })
    const result = await validation(flip(bytes, find(bytes, 'flux-1')), 'jpeg')
    expect(result?.state).toBe('invalid')
    expect(result?.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(claimSignature|assertion\.hashedURI)\.mismatch$/)]),
    )
  })

  it('test_tamper_rightflowAssertion_isAHashedUriMismatch', async () => {
    const { bytes, id } = await embed('png', 'human')
    const result = await validation(flip(bytes, find(bytes, id.slice(2, 20))), 'png')
    expect(result?.state).toBe('invalid')
    expect(result?.errors.map((e) => e.code)).toContain('assertion.hashedURI.mismatch')
  })

  it('test_tamper_jumbfHeader_isACorruptManifestError', async () => {
    const { bytes } = await embed('png', 'human')
    const at = find(bytes, 'c2pa') // the manifest store's JUMBF description box
    const error = await readContentCredentials({ bytes: flip(bytes, at - 8), mediaType: 'image/png' }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(CorruptManifestError)
    expect(error.code).toBe('corrupt_manifest')
  })

  it('test_tamper_truncatedPng_isAnInvalidAssetError', async () => {
    const { bytes } = await embed('png', 'human')
    const error = await readContentCredentials({
      bytes: bytes.slice(0, bytes.length / 2),
      mediaType: 'image/png',
    }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidAssetError)
    expect(error.code).toBe('invalid_asset')
  })

  it('test_tamper_truncatedJpeg_failsItsHash', async () => {
    const { bytes } = await embed('jpeg', 'human')
    expect(
      (await validation(bytes.slice(0, bytes.length - 200), 'jpeg'))?.errors.map((e) => e.code),
    ).toContain('assertion.dataHash.mismatch')
  })
})

describe('unsupported and lying inputs', () => {
  it.each(['text/plain', 'image/bmp', 'image/gif', 'application/octet-stream'])(
    'test_embed_%s_isUnsupportedFormat',
    async (mediaType) => {
      const bytes = images.jpeg
      const record = recordFor(bytes, 'jpeg', 'human')
      const error = await embedContentCredentials({
        bytes,
        mediaType,
        record,
        recordId: recordId(record),
        chainId,
        registry,
        signer: creator,
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
    await expect(embed('jpeg', 'human', {}, { bytes: empty })).rejects.toBeInstanceOf(InvalidAssetError)
  })

  it('test_read_randomBytesDeclaredJpeg_isAnInvalidAssetError', async () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2_654_435_761) >>> 24)
    await expect(readContentCredentials({ bytes: noise, mediaType: 'image/jpeg' })).rejects.toBeInstanceOf(
      InvalidAssetError,
    )
  })

  it('test_read_pngDeclaredJpeg_stillReadsTheManifestBecauseTheLibrarySniffs', async () => {
    const { bytes } = await embed('png', 'human')
    const read = await readContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      trustAnchorsPem: ca.certificatePem,
    })
    expect(read?.validation.state).toBe('trusted')
  })

  it('test_embed_pngDeclaredJpeg_isAnInvalidAssetError', async () => {
    const bytes = images.png
    const record = recordFor(bytes, 'png', 'human')
    const error = await embedContentCredentials({
      bytes,
      mediaType: 'image/jpeg',
      record,
      recordId: recordId(record),
      chainId,
      registry,
      signer: creator,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidAssetError)
  })

  it('test_embed_bytesOtherThanTheRecords_isAContentMismatch', async () => {
    const record = recordFor(images.png, 'jpeg', 'human')
    const error = await embedContentCredentials({
      bytes: images.jpeg,
      mediaType: 'image/jpeg',
      record,
      recordId: recordId(record),
      chainId,
      registry,
      signer: creator,
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
    const bytes = await builder.sign(createCoseSigner(creator), [], 'image/jpeg', toBlob(images.jpeg))
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
