// Shared fixtures of the C2PA tests: test photos, records and a CA-issued signer.
import sharp from 'sharp'
import type { Address, Hex } from 'viem'
import { beforeAll } from 'vitest'
import {
  type CertificateAuthority,
  type CreatorCertificate,
  createCertificateAuthority,
  createRecord,
  type EmbedContentCredentialsParameters,
  embedContentCredentials,
  issueCreatorCertificate,
  type Origin,
  recordId,
  sha256Bytes,
} from '../../src/index.js'

export const iptc = 'http://cv.iptc.org/newscodes/digitalsourcetype/'
export const registry: Address = '0x29F7b92C75fc99a7428C18c886295992aE63350B'
export const creatorAddress: Address = '0x000000000000000000000000000000000000c0de'
export const chainId = 31337
export const parentA = `0x${'a1'.repeat(32)}` as Hex
export const parentB = `0x${'b2'.repeat(32)}` as Hex
export type Format = 'jpeg' | 'png' | 'webp'

/** A photo-like test image: smooth gradients and shapes with a little grain, encoded by sharp. */
export async function photo(format: Format, width = 320, height = 240): Promise<Uint8Array> {
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

export type C2paFixture = {
  ca: CertificateAuthority
  creator: CreatorCertificate
  images: Record<Format, Uint8Array>
}

/** A CA, a creator certificate and one test photo per format, made once per test file (in beforeAll). */
export function c2paFixture(): C2paFixture {
  const fixture = { images: {} } as C2paFixture
  beforeAll(async () => {
    fixture.ca = await createCertificateAuthority({ name: 'Rightflow Test CA' })
    fixture.creator = await issueCreatorCertificate({ ca: fixture.ca, subjectName: 'Alice Example' })
    for (const format of ['jpeg', 'png', 'webp'] as const) fixture.images[format] = await photo(format)
  })
  return fixture
}

export function recordFor(
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

export async function embed(
  fixture: C2paFixture,
  format: Format,
  origin: Origin,
  extra: { model?: string; parents?: Hex[] } = {},
  options: Partial<EmbedContentCredentialsParameters> = {},
) {
  const bytes = options.bytes ?? fixture.images[format]
  const record = recordFor(bytes, format, origin, extra)
  const result = await embedContentCredentials({
    bytes,
    mediaType: `image/${format}`,
    record,
    recordId: recordId(record),
    chainId,
    registry,
    signer: fixture.creator,
    title: `photo.${format}`,
    ...options,
  })
  return { ...result, record, id: recordId(record) }
}
