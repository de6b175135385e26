import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { type Hex, perceptualHashImage } from '@rightflow/sdk'
import { benchDir } from './config.js'
import { seededRandom, syntheticImage } from './perceptualImages.js'
import { encodeOriginal, washings } from './perceptualWashings.js'
import type { DistractorJob, DistractorResult } from './perceptualWorker.js'
import { progress } from './stats.js'

export type Hashed = { hash: Hex; quality: number }
/** One original and what each washing made of it (in the order of `washings`), with its re-framed hashes. */
export type Original = Hashed & { washed: (Hashed & { reframed: Hex[]; sameBytes: boolean })[] }
/** `reframed[i]`: re-framed hashes of distractor i, for the first `reframedDistractors` of them. */
export type Corpus = {
  originals: Original[]
  distractors: Hashed[]
  reframed: Hex[][]
  cached: boolean
  seconds: number
}

/** Side of the unrelated pictures: small, as PDQ sees only 64×64 anyway, so 10,000 of them stay quick. */
export const distractorSide = 256

/**
 * The hashed test set: `originalCount` originals (PNG with metadata, 384–640 × 288–512) with every washing of
 * each, and `distractorCount` unrelated pictures. Cached under .bench/ keyed by the sizes and by the source of
 * the hasher, the generator and the washings, so any change to them recomputes it.
 */
export async function perceptualCorpus(
  originalCount: number,
  distractorCount: number,
  reframedDistractors: number,
): Promise<Corpus> {
  const name = `perceptual-${originalCount}-${distractorCount}-${reframedDistractors}-${sourceFingerprint()}.json`
  const path = join(benchDir, name)
  if (existsSync(path)) {
    const corpus = JSON.parse(readFileSync(path, 'utf8')) as Corpus
    return { ...corpus, cached: true }
  }
  const start = performance.now()
  progress(
    `perceptual: hashing ${originalCount} originals × ${washings.length} washings and ${distractorCount.toLocaleString('en-US')} unrelated pictures (cached afterwards)`,
  )
  // The unrelated pictures are pure computation: two worker threads take them while this thread drives sharp.
  const half = Math.ceil(distractorCount / 2)
  const distractorParts = Promise.all([
    hashDistractors({ from: 0, to: half, side: distractorSide, reframedBelow: reframedDistractors }),
    hashDistractors({
      from: half,
      to: distractorCount,
      side: distractorSide,
      reframedBelow: reframedDistractors,
    }),
  ])
  const originals = await mapConcurrent(originalCount, 4, (i) => original(1_000_000 + i))
  const all = (await distractorParts).flat()
  const distractors: Hashed[] = all.map(({ hash, quality }) => ({ hash, quality }))
  const reframed: Hex[][] = all.slice(0, reframedDistractors).map((d) => d.reframed ?? [])
  const seconds = (performance.now() - start) / 1000
  const corpus = { originals, distractors, reframed, cached: false, seconds }
  mkdirSync(benchDir, { recursive: true })
  writeFileSync(path, JSON.stringify(corpus))
  return corpus
}

async function original(seed: number): Promise<Original> {
  const rand = seededRandom(seed)
  const [width, height] = [384 + Math.floor(rand() * 257), 288 + Math.floor(rand() * 225)]
  const bytes = await encodeOriginal(syntheticImage(seed, width, height), seed)
  const { hash, quality } = await perceptualHashImage({ bytes })
  const digest = sha256(bytes)
  const washed = []
  for (const washing of washings) {
    const copy = await washing.apply(bytes, seed)
    const hashed = await perceptualHashImage({ bytes: copy, reframe: true })
    washed.push({
      hash: hashed.hash,
      quality: hashed.quality,
      reframed: hashed.reframed ?? [],
      sameBytes: sha256(copy) === digest,
    })
  }
  return { hash, quality, washed }
}

function hashDistractors(job: DistractorJob): Promise<DistractorResult> {
  // tsx's loader is registered inside the worker: a worker does not inherit it for its entry module.
  const entry = new URL('./perceptualWorker.ts', import.meta.url).href
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`
  const worker = new Worker(boot, { eval: true, workerData: job })
  return new Promise((resolve, reject) => {
    worker.once('message', (result: DistractorResult) => {
      resolve(result)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

async function mapConcurrent<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      results[i] = await task(i)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function sourceFingerprint(): string {
  const hash = createHash('sha256')
  const perceptual = new URL('../packages/sdk/src/perceptual/', import.meta.url).pathname
  for (const file of readdirSync(perceptual).sort()) hash.update(readFileSync(join(perceptual, file)))
  for (const file of [
    'perceptualImages.ts',
    'perceptualWashings.ts',
    'perceptualCorpus.ts',
    'perceptualWorker.ts',
  ])
    hash.update(readFileSync(new URL(file, import.meta.url)))
  return hash.digest('hex').slice(0, 12)
}
