import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Hex } from 'viem'

export type Sha256FileParameters = {
  path: string
  /** Called with the bytes hashed so far, for progress bars on large files. */
  onProgress?: (bytesHashed: number, totalBytes: number) => void
}

export type Sha256FileReturnType = { contentHash: Hex; size: number }

/**
 * sha256 of a file, streamed in 1 MiB chunks so memory stays flat for multi-GB files.
 *
 * @example
 * const { contentHash, size } = await sha256File({ path: 'photo.jpg' })
 */
export async function sha256File({ path, onProgress }: Sha256FileParameters): Promise<Sha256FileReturnType> {
  const { size } = await stat(path)
  const hash = createHash('sha256')
  let done = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer)
    done += (chunk as Buffer).length
    onProgress?.(done, size)
  }
  return { contentHash: `0x${hash.digest('hex')}`, size: done }
}

/** sha256 of bytes already in memory. */
export function sha256Bytes(bytes: Uint8Array): Hex {
  return `0x${createHash('sha256').update(bytes).digest('hex')}`
}
