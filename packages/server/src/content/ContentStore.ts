import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hex } from '@rightflow/sdk'

/**
 * The bytes of works the server serves, content-addressed on disk: `<dir>/<first byte>/<sha256>`. A file is
 * written to a temporary name and renamed into place, so a crash never leaves a half-written work behind
 * and concurrent uploads of the same bytes agree.
 */
export class ContentStore {
  constructor(private readonly dir: string) {}

  /** Stores `bytes` under their sha256; false when they do not hash to `contentHash` (nothing written). */
  async put(contentHash: Hex, bytes: Uint8Array): Promise<boolean> {
    const actual = `0x${createHash('sha256').update(bytes).digest('hex')}`
    if (actual !== contentHash.toLowerCase()) return false
    const path = this.pathOf(contentHash)
    if (await this.has(contentHash)) return true
    await mkdir(join(path, '..'), { recursive: true })
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temporary, bytes)
      await rename(temporary, path)
    } catch (error) {
      await unlink(temporary).catch(() => {})
      throw error
    }
    return true
  }

  async get(contentHash: Hex): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(contentHash))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  async has(contentHash: Hex): Promise<boolean> {
    return stat(this.pathOf(contentHash)).then(
      () => true,
      () => false,
    )
  }

  private pathOf(contentHash: Hex): string {
    const hex = contentHash.toLowerCase().slice(2)
    return join(this.dir, hex.slice(0, 2), hex)
  }
}
