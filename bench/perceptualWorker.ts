// Hashes a range of the unrelated pictures on a worker thread, so the two cores share the corpus.
import { parentPort, workerData } from 'node:worker_threads'
import { type Hex, pdqHash, pdqReframedHashes } from '@rightflow/sdk'
import { syntheticImage } from './perceptualImages.js'

export type DistractorJob = { from: number; to: number; side: number; reframedBelow: number }
export type DistractorResult = { hash: Hex; quality: number; reframed?: Hex[] }[]

const { from, to, side, reframedBelow } = workerData as DistractorJob
const results: DistractorResult = []
for (let i = from; i < to; i++) {
  // Hashed from the generated pixels: what decoding a lossless file of them would give.
  const pixels = syntheticImage(i, side, side)
  const { hash, quality } = pdqHash(pixels)
  results.push(i < reframedBelow ? { hash, quality, reframed: pdqReframedHashes(pixels) } : { hash, quality })
}
parentPort!.postMessage(results)
