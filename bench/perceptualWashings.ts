import sharp, { type Sharp } from 'sharp'
import { type RawImage, seededRandom } from './perceptualImages.js'

/** One way a copy loses its bytes but keeps its picture, applied to the original file's bytes. */
export type Washing = { name: string; apply: (original: Uint8Array, seed: number) => Promise<Uint8Array> }

const png = (image: Sharp) => image.png().toBuffer()

/**
 * The original as a platform would receive it: a PNG carrying EXIF and XMP (so stripping them changes the
 * bytes but not a pixel).
 */
export async function encodeOriginal(image: RawImage, seed: number): Promise<Uint8Array> {
  const { data, width, height, channels } = image
  return sharp(data, { raw: { width, height, channels } })
    .withExif({ IFD0: { Copyright: 'Rightflow benchmark', ImageDescription: `original ${seed}` } })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:source="bench-${seed}"/></rdf:RDF></x:xmpmeta>`,
    )
    .png()
    .toBuffer()
}

/** The eight washings of the robustness table, plus the byte-identical copy for reference. */
export const washings: Washing[] = [
  { name: 'byte-identical copy', apply: async (o) => o },
  { name: 'JPEG re-encode, quality 50', apply: (o) => sharp(o).jpeg({ quality: 50 }).toBuffer() },
  { name: 'JPEG re-encode, quality 75', apply: (o) => sharp(o).jpeg({ quality: 75 }).toBuffer() },
  {
    name: 'resize to 50%',
    apply: async (o) => {
      const { width } = await sharp(o).metadata()
      return png(sharp(o).resize(Math.round(width / 2)))
    },
  },
  {
    // 5% off each dimension, split between the two sides at random (so up to 5% off one edge).
    name: 'crop 5% of width and height',
    apply: async (o, seed) => {
      const { width, height } = await sharp(o).metadata()
      const rand = seededRandom(seed ^ 0x5eed)
      const [cutX, cutY] = [Math.round(width * 0.05), Math.round(height * 0.05)]
      const [left, top] = [Math.round(rand() * cutX), Math.round(rand() * cutY)]
      return png(sharp(o).extract({ left, top, width: width - cutX, height: height - cutY }))
    },
  },
  { name: 'strip metadata (PNG re-saved)', apply: (o) => png(sharp(o)) },
  { name: 'PNG → JPEG (quality 80)', apply: (o) => sharp(o).jpeg({ quality: 80 }).toBuffer() },
  { name: 'brightness +10%', apply: (o) => png(sharp(o).modulate({ brightness: 1.1 })) },
  { name: 'mild blur (Gaussian σ = 1)', apply: (o) => png(sharp(o).blur(1)) },
]
