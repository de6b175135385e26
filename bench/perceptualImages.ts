// Synthetic pictures for the perceptual benchmark: seeded, structured and varied (gradients, stripes,
// shapes, text-like lines, noise), so unrelated images really differ — flat or near-identical ones would
// make false matches look better or worse than they are.

export type RawImage = { data: Uint8Array; width: number; height: number; channels: 3 }

/** mulberry32: a small seeded PRNG, so image i is the same picture on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rgb = [number, number, number]

/** Picture number `seed`, `width`×`height` RGB. */
export function syntheticImage(seed: number, width: number, height: number): RawImage {
  const rand = seededRandom(seed * 7919 + 17)
  const colour = (): Rgb => [rand() * 255, rand() * 255, rand() * 255]
  // Clamped, so grain and blending saturate at 0 and 255 instead of wrapping around.
  const data = new Uint8ClampedArray(width * height * 3)
  const put = (i: number, [r, g, b]: Rgb, alpha: number) => {
    data[i] = data[i]! + (r - data[i]!) * alpha
    data[i + 1] = data[i + 1]! + (g - data[i + 1]!) * alpha
    data[i + 2] = data[i + 2]! + (b - data[i + 2]!) * alpha
  }
  // Background: a linear gradient, a radial one, or sinusoidal stripes, between two colours.
  const [a, b] = [colour(), colour()]
  const kind = Math.floor(rand() * 3)
  const angle = rand() * Math.PI * 2
  const [cx, cy] = [rand() * width, rand() * height]
  const cycles = 1 + rand() * 8
  const diagonal = Math.hypot(width, height)
  const [dx, dy] = [Math.cos(angle) / diagonal, Math.sin(angle) / diagonal]
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const along = x * dx + y * dy
      const t =
        kind === 0
          ? along + 0.5
          : kind === 1
            ? Math.sqrt((x - cx) ** 2 + (y - cy) ** 2) / diagonal
            : 0.5 + 0.5 * Math.sin(along * cycles * 2 * Math.PI)
      const i = (y * width + x) * 3
      const u = Math.min(1, Math.max(0, t))
      data[i] = a[0] + (b[0] - a[0]) * u
      data[i + 1] = a[1] + (b[1] - a[1]) * u
      data[i + 2] = a[2] + (b[2] - a[2]) * u
    }
  // Shapes: rectangles, ellipses and triangles, opaque or translucent, small to large.
  const shapes = 3 + Math.floor(rand() * 10)
  for (let s = 0; s < shapes; s++) {
    const fill = colour()
    const alpha = rand() < 0.6 ? 1 : 0.4 + rand() * 0.5
    const [w, h] = [(0.08 + rand() * 0.45) * width, (0.08 + rand() * 0.45) * height]
    const [x0, y0] = [rand() * (width - w), rand() * (height - h)]
    const shape = Math.floor(rand() * 3)
    const apex = rand()
    for (let y = Math.floor(y0); y < Math.min(height, y0 + h); y++)
      for (let x = Math.floor(x0); x < Math.min(width, x0 + w); x++) {
        const [u, v] = [(x - x0) / w, (y - y0) / h]
        const inside =
          shape === 0 ||
          (shape === 1 && (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.25) ||
          (shape === 2 && Math.abs(u - apex) <= v * Math.max(apex, 1 - apex))
        if (inside) put((y * width + x) * 3, fill, alpha)
      }
  }
  // Text-like lines: rows of dark dashes of random lengths in a block, in a third of the pictures.
  if (rand() < 0.35) {
    const ink: Rgb = rand() < 0.5 ? [20, 20, 20] : [240, 240, 240]
    const line = Math.max(3, Math.round(height * (0.02 + rand() * 0.03)))
    const [bx, by] = [Math.floor(rand() * width * 0.3), Math.floor(rand() * height * 0.5)]
    const [bw, lines] = [Math.floor(width * (0.4 + rand() * 0.3)), 3 + Math.floor(rand() * 8)]
    for (let l = 0; l < lines; l++) {
      const top = by + l * line * 2
      for (let x = bx; x < Math.min(width, bx + bw); ) {
        const word = 2 + Math.floor(rand() * line * 4)
        for (let y = top; y < Math.min(height, top + line); y++)
          for (let xx = x; xx < Math.min(width, x + word, bx + bw); xx++) put((y * width + xx) * 3, ink, 1)
        x += word + Math.max(2, Math.floor(line * 0.8))
      }
    }
  }
  // Grain, in a third of the pictures.
  if (rand() < 0.35) {
    const amount = 5 + rand() * 25
    for (let i = 0; i < data.length; i++) data[i] = data[i]! + (rand() - 0.5) * 2 * amount
  }
  return { data: new Uint8Array(data.buffer), width, height, channels: 3 }
}
