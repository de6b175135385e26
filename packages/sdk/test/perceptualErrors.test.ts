import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, createDeflate, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BaseError,
  CorruptImageError,
  hammingDistance,
  ImageFileNotFoundError,
  ImageTooLargeError,
  perceptualHashImage,
  UnsupportedImageError,
} from '../src/index.js'

// PNGs written by hand, so a test can make one lie about its size or stop short.
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(width: number, height: number, idat: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per sample
  header[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/**
 * A width×height RGB PNG of bands of colour ramps, compressed as it is generated: each row is PNG's "Sub"
 * filter over constant steps, so 100 MP compress to about 2 MB in a second or two without ever being in memory.
 */
async function bigPng(width: number, height: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 1 })
  const parts: Buffer[] = []
  deflate.on('data', (part: Buffer) => parts.push(part))
  const row = Buffer.alloc(1 + width * 3)
  for (let y = 0; y < height; y++) {
    const band = Math.floor((y * 8) / height)
    row.fill(0)
    row[0] = 1 // Sub: each byte is the difference from the pixel to its left
    row[1] = Math.floor((y * 255) / height)
    row[2] = band * 30
    row[3] = 255 - row[1]!
    for (let x = 1; x < width; x++) {
      row[1 + x * 3] = x % 1000 === 0 ? 128 : 0
      row[2 + x * 3] = band % 2
    }
    if (!deflate.write(Buffer.from(row))) await once(deflate, 'drain')
  }
  deflate.end()
  await once(deflate, 'end')
  return png(width, height, Buffer.concat(parts))
}

const dir = mkdtempSync(join(tmpdir(), 'rightflow-perceptual-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function failure(parameters: Parameters<typeof perceptualHashImage>[0]): Promise<BaseError> {
  const error = await perceptualHashImage(parameters).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BaseError)
  return error as BaseError
}

describe('perceptualHashImage refuses bad input with a clear error', () => {
  it('non-image bytes and empty input: unsupported_image', async () => {
    for (const bytes of [
      Buffer.from('just some text, not a picture'),
      new Uint8Array(0),
      Buffer.from('%PDF-1.7\n'),
    ]) {
      const error = await failure({ bytes })
      expect(error).toBeInstanceOf(UnsupportedImageError)
      expect(error.code).toBe('unsupported_image')
    }
  })

  it('truncated PNG and JPEG: corrupt_image', async () => {
    const picture = sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a7' } }).composite(
      [
        {
          input: Buffer.from(
            '<svg width="320" height="240"><circle cx="160" cy="120" r="90" fill="#c22"/></svg>',
          ),
        },
      ],
    )
    for (const bytes of [await picture.clone().png().toBuffer(), await picture.clone().jpeg().toBuffer()]) {
      for (const keep of [0.5, 0.9]) {
        const error = await failure({ bytes: bytes.subarray(0, Math.floor(bytes.length * keep)) })
        expect(error).toBeInstanceOf(CorruptImageError)
        expect(error.code).toBe('corrupt_image')
      }
    }
  })

  it('a JPEG with scrambled entropy-coded data: corrupt_image, not a hash of garbage', async () => {
    const jpeg = Buffer.from(
      await sharp({ create: { width: 320, height: 240, channels: 3, background: '#a37' } })
        .jpeg()
        .toBuffer(),
    )
    for (let i = 400; i < jpeg.length - 10; i += 7) jpeg[i]! ^= 0x5a
    expect((await failure({ bytes: jpeg })).code).toBe('corrupt_image')
  })

  it('a zero-pixel header, and a header promising more pixels than the data holds: corrupt_image', async () => {
    expect((await failure({ bytes: png(0, 10, deflateSync(Buffer.alloc(10))) })).code).toBe('corrupt_image')
    const lying = png(5000, 5000, deflateSync(Buffer.alloc(3 * 5000 + 1)))
    expect((await failure({ bytes: lying })).code).toBe('corrupt_image')
  })

  it('a header claiming 2,500 MP: image_too_large, refused before any pixel is decoded', async () => {
    const error = await failure({ bytes: png(50_000, 50_000, deflateSync(Buffer.alloc(100))) })
    expect(error).toBeInstanceOf(ImageTooLargeError)
    expect(error.code).toBe('image_too_large')
    expect(error.shortMessage).toContain('50000×50000')
  })

  it('a missing file or a directory: image_file_not_found', async () => {
    for (const path of [join(dir, 'nope.png'), dir]) {
      const error = await failure({ path })
      expect(error).toBeInstanceOf(ImageFileNotFoundError)
      expect(error.code).toBe('image_file_not_found')
    }
  })

  it('hashes a real file by path like its bytes', async () => {
    const bytes = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#258' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="200" height="150"><rect x="20" y="30" width="90" height="60" fill="#fd0"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer()
    const path = join(dir, 'picture.png')
    writeFileSync(path, bytes)
    expect(await perceptualHashImage({ path })).toEqual(await perceptualHashImage({ bytes }))
  })
})

describe('perceptualHashImage on a 100 MP image', () => {
  it('hashes 10,000 × 10,000 pixels in bounded memory, like a small copy of it, or refuses it under a lower cap', async () => {
    const bytes = await bigPng(10_000, 10_000)
    let peak = process.memoryUsage().rss
    const baseline = peak
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 10)
    const result = await perceptualHashImage({ bytes }).finally(() => clearInterval(sampler))
    expect(result).toMatchObject({ format: 'png', width: 10_000, height: 10_000 })
    expect(result.quality).toBeGreaterThanOrEqual(50)
    // Decoded whole, the RGB pixels alone would take 300 MB; streamed and shrunk while decoding, far less.
    expect(peak - baseline).toBeLessThan(200 * 2 ** 20)
    const small = await sharp(bytes, { limitInputPixels: false }).resize(1000).png().toBuffer()
    expect(
      hammingDistance(result.hash, (await perceptualHashImage({ bytes: small })).hash),
    ).toBeLessThanOrEqual(16)
    const error = await failure({ bytes, maxPixels: 50_000_000 })
    expect(error).toBeInstanceOf(ImageTooLargeError)
    expect(error.shortMessage).toBe('The image is 10000×10000 (100 MP); at most 50 MP can be hashed.')
  })
})
