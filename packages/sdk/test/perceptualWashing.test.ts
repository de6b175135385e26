import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Hex, hammingDistance, PerceptualIndex, perceptualHashImage } from '../src/index.js'

// Pictures made here, never downloaded: SVG (which sharp renders) for gradients, shapes and text-like
// stripes, and raw pixels for a smooth noise field. 480×360, so every washing below has room to work.
const [W, H] = [480, 360]

function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const colour = (rand: () => number) =>
  `rgb(${Math.floor(rand() * 256)},${Math.floor(rand() * 256)},${Math.floor(rand() * 256)})`

function shapesSvg(seed: number): string {
  const rand = seeded(seed)
  const shapes = Array.from({ length: 8 }, (_, i) => {
    const [x, y, w, h] = [rand() * W * 0.8, rand() * H * 0.8, 30 + rand() * 160, 30 + rand() * 140]
    return i % 3 === 0
      ? `<circle cx="${x + w / 2}" cy="${y + h / 2}" r="${w / 2}" fill="${colour(rand)}"/>`
      : i % 3 === 1
        ? `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${colour(rand)}" opacity="0.85"/>`
        : `<polygon points="${x},${y + h} ${x + w / 2},${y} ${x + w},${y + h}" fill="${colour(rand)}"/>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="${rand()}" y2="1">
      <stop offset="0" stop-color="${colour(rand)}"/><stop offset="1" stop-color="${colour(rand)}"/>
    </linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>${shapes.join('')}</svg>`
}

/** A page of "text": rows of dark word-like bars on paper, under a coloured header. */
function documentSvg(seed: number): string {
  const rand = seeded(seed)
  const words: string[] = []
  for (let line = 0; line < 14; line++) {
    let x = 30
    while (x < W - 60) {
      const w = 12 + rand() * 60
      words.push(`<rect x="${x}" y="${90 + line * 18}" width="${w}" height="9" fill="#222"/>`)
      x += w + 8
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="#f4f1ea"/>
    <rect width="${W}" height="60" fill="${colour(rand)}"/>${words.join('')}</svg>`
}

function stripesSvg(seed: number): string {
  const rand = seeded(seed)
  const angle = Math.floor(rand() * 180)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <defs><pattern id="p" width="40" height="40" patternUnits="userSpaceOnUse" patternTransform="rotate(${angle})">
      <rect width="20" height="40" fill="${colour(rand)}"/><rect x="20" width="20" height="40" fill="${colour(rand)}"/>
    </pattern><radialGradient id="r"><stop offset="0" stop-color="${colour(rand)}"/>
      <stop offset="1" stop-color="${colour(rand)}" stop-opacity="0"/></radialGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#p)"/>
    <ellipse cx="${W * rand()}" cy="${H * rand()}" rx="160" ry="110" fill="url(#r)"/></svg>`
}

/** Smooth value noise: four random sinusoids per channel around mid-grey, like a photo's soft textures. */
function noisePng(seed: number): Promise<Buffer> {
  const rand = seeded(seed)
  const waves = Array.from({ length: 12 }, (_, i) => ({
    fx: (rand() - 0.5) * 0.08,
    fy: (rand() - 0.5) * 0.08,
    phase: rand() * 6.3,
    channel: i % 3,
  }))
  const data = new Uint8ClampedArray(W * H * 3).fill(128)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (const wave of waves)
        data[(y * W + x) * 3 + wave.channel]! += 30 * Math.sin(wave.fx * x + wave.fy * y + wave.phase)
  return sharp(Buffer.from(data.buffer), { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer()
}

const svgPng = (svg: string) => sharp(Buffer.from(svg)).png().toBuffer()

type Picture = { name: string; png: Buffer; hash: Hex; quality: number }
const pictures: Picture[] = []

beforeAll(async () => {
  const sources: [string, Promise<Buffer>][] = []
  for (let seed = 1; seed <= 3; seed++) sources.push([`shapes ${seed}`, svgPng(shapesSvg(seed))])
  for (let seed = 1; seed <= 2; seed++) sources.push([`document ${seed}`, svgPng(documentSvg(seed))])
  for (let seed = 1; seed <= 2; seed++) sources.push([`stripes ${seed}`, svgPng(stripesSvg(seed))])
  for (let seed = 1; seed <= 2; seed++) sources.push([`noise ${seed}`, noisePng(seed)])
  for (const [name, source] of sources) {
    // The original carries metadata, so stripping it changes the bytes.
    const png = await sharp(await source)
      .withExif({ IFD0: { Copyright: `test ${name}` } })
      .png()
      .toBuffer()
    const { hash, quality } = await perceptualHashImage({ bytes: png })
    pictures.push({ name, png, hash, quality })
  }
})

/** Distance from each picture to its washed copy. */
async function washedDistances(wash: (png: Buffer) => Promise<Buffer>): Promise<number[]> {
  return Promise.all(
    pictures.map(async (p) =>
      hammingDistance(p.hash, (await perceptualHashImage({ bytes: await wash(p.png) })).hash),
    ),
  )
}

const metadata = (png: Buffer) => sharp(png).metadata()

describe('perceptualHashImage on washed copies', () => {
  it('gives the same hash for the same pixels, in any lossless container, and is deterministic', async () => {
    for (const p of pictures) {
      expect(p.hash).toMatch(/^0x[0-9a-f]{64}$/)
      expect((await perceptualHashImage({ bytes: p.png })).hash).toBe(p.hash)
      expect(p.quality).toBeGreaterThanOrEqual(50)
    }
    expect(await washedDistances((png) => sharp(png).png().toBuffer())).toEqual(pictures.map(() => 0)) // metadata stripped
    expect(await washedDistances((png) => sharp(png).webp({ lossless: true }).toBuffer())).toEqual(
      pictures.map(() => 0),
    )
    expect(await washedDistances((png) => sharp(png).tiff({ compression: 'lzw' }).toBuffer())).toEqual(
      pictures.map(() => 0),
    )
  })

  // Measured on these nine pictures (the smooth-noise ones are PDQ's weak spot: their high frequencies sit
  // near the median, so bits flip easily); each bound leaves a little room.
  const cases: [string, (png: Buffer) => Promise<Buffer>, { within31: number; median: number }][] = [
    ['JPEG quality 75', (png) => sharp(png).jpeg({ quality: 75 }).toBuffer(), { within31: 9, median: 4 }],
    ['PNG → JPEG at the default quality', (png) => sharp(png).jpeg().toBuffer(), { within31: 9, median: 4 }],
    ['mild blur (σ = 1)', (png) => sharp(png).blur(1).png().toBuffer(), { within31: 9, median: 4 }],
    ['JPEG quality 50', (png) => sharp(png).jpeg({ quality: 50 }).toBuffer(), { within31: 8, median: 6 }],
    ['lossy WebP', (png) => sharp(png).webp({ quality: 70 }).toBuffer(), { within31: 7, median: 6 }],
    [
      'resize to 50%',
      (png) =>
        sharp(png)
          .resize(W / 2)
          .png()
          .toBuffer(),
      { within31: 8, median: 16 },
    ],
    [
      'resize to 50% then JPEG 75',
      (png) =>
        sharp(png)
          .resize(W / 2)
          .jpeg({ quality: 75 })
          .toBuffer(),
      { within31: 7, median: 18 },
    ],
    [
      'brightness +10%',
      (png) => sharp(png).modulate({ brightness: 1.1 }).png().toBuffer(),
      { within31: 7, median: 10 },
    ],
  ]
  for (const [name, wash, expected] of cases)
    it(`keeps ${name} within 31 bits for ${expected.within31} of 9 pictures, median ≤ ${expected.median}`, async () => {
      const distances = await washedDistances(wash)
      expect(distances.filter((d) => d <= 31).length).toBeGreaterThanOrEqual(expected.within31)
      expect([...distances].sort((a, b) => a - b)[4]).toBeLessThanOrEqual(expected.median)
    })

  it('finds most copies cropped by 5% of each dimension within 31 bits with re-framed hashes', async () => {
    const plain: number[] = []
    const reframed: number[] = []
    for (const [i, p] of pictures.entries()) {
      const { width, height } = await metadata(p.png)
      const [cutX, cutY] = [Math.round(width * 0.05), Math.round(height * 0.05)]
      // Cut from the far sides, both sides evenly, or the near sides, in turn.
      const [left, top] = [
        [0, 0],
        [cutX >> 1, cutY >> 1],
        [cutX, cutY],
      ][i % 3]!
      const crop = await sharp(p.png)
        .extract({ left: left!, top: top!, width: width - cutX, height: height - cutY })
        .png()
        .toBuffer()
      const copy = await perceptualHashImage({ bytes: crop, reframe: true })
      plain.push(hammingDistance(p.hash, copy.hash))
      reframed.push(Math.min(...[copy.hash, ...copy.reframed!].map((h) => hammingDistance(p.hash, h))))
    }
    // A plain PDQ hash drifts about as far as an unrelated picture's (measured: 32–122 bits, none within 31);
    // re-framing brings most back under the threshold (measured: 6–38 bits, 6 of 9 within 31).
    expect(plain.filter((d) => d <= 31).length).toBeLessThanOrEqual(1)
    expect(reframed.filter((d) => d <= 31).length).toBeGreaterThanOrEqual(6)
    for (const [i, d] of reframed.entries()) expect(d).toBeLessThan(plain[i]!)
  })

  it('keeps unrelated pictures more than 80 bits apart', () => {
    for (let i = 0; i < pictures.length; i++)
      for (let j = i + 1; j < pictures.length; j++)
        expect(
          hammingDistance(pictures[i]!.hash, pictures[j]!.hash),
          `${pictures[i]!.name} vs ${pictures[j]!.name}`,
        ).toBeGreaterThan(80)
  })

  it('finds every washed copy’s original, and only it, through the index', async () => {
    const index = new PerceptualIndex<string>()
    for (const p of pictures) index.add(p.name, p.hash)
    for (const p of pictures) {
      const copy = await sharp(p.png).jpeg({ quality: 60 }).toBuffer()
      const matches = index.search((await perceptualHashImage({ bytes: copy })).hash)
      expect(matches.map((m) => m.id)).toEqual([p.name])
    }
  })

  it('hashes the picture as displayed: EXIF orientation applied, transparency on white', async () => {
    const p = pictures[0]!
    // Stored turned a quarter, with EXIF orientation 6 ("rotate 90° clockwise to display").
    const turned = await sharp(p.png)
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer()
    expect(hammingDistance(p.hash, (await perceptualHashImage({ bytes: turned })).hash)).toBeLessThanOrEqual(
      12,
    )
    // A transparent frame around a shape hashes as the same shape on white.
    const shape = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><circle cx="120" cy="90" r="70" fill="#c03"/><rect x="180" y="40" width="90" height="120" fill="#036"/></svg>`,
    )
    const transparent = await sharp(shape).png().toBuffer()
    const onWhite = await sharp(shape).flatten({ background: '#ffffff' }).png().toBuffer()
    expect((await perceptualHashImage({ bytes: transparent })).hash).toBe(
      (await perceptualHashImage({ bytes: onWhite })).hash,
    )
  })

  it('reads GIF, AVIF and 16-bit TIFF', async () => {
    const p = pictures[3]!
    const gif = await sharp(p.png).gif().toBuffer()
    const avif = await sharp(p.png).avif({ quality: 70 }).toBuffer()
    const tiff16 = await sharp(p.png).toColourspace('rgb16').tiff().toBuffer()
    for (const [bytes, format, bound] of [
      [gif, 'gif', 24],
      [avif, 'heif', 16],
      [tiff16, 'tiff', 2],
    ] as const) {
      const result = await perceptualHashImage({ bytes })
      expect(result.format).toBe(format)
      expect(hammingDistance(p.hash, result.hash)).toBeLessThanOrEqual(bound)
    }
  })
})
