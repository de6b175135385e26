import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

/** The c2pa-wasm bindings, ready to use. */
export type C2paModule = typeof import('@contentauth/c2pa-wasm')

const bytesOf = Symbol('rightflow.blobBytes')

/**
 * A Blob that keeps its bytes in memory. c2pa-wasm reads Blobs synchronously (size, slice, then
 * `FileReaderSync.readAsArrayBuffer`); Node's Blob can only be read asynchronously, so the shim needs
 * bytes it can hand back at once. Its `slice` views the same buffer rather than copying.
 */
class RetainedBlob {
  readonly [bytesOf]: Uint8Array
  readonly type: string
  constructor(bytes: Uint8Array, type = '') {
    this[bytesOf] = bytes
    this.type = type
  }
  get size(): number {
    return this[bytesOf].length
  }
  slice(start = 0, end = this.size, type = ''): RetainedBlob {
    return new RetainedBlob(this[bytesOf].subarray(start, end), type)
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return copyToArrayBuffer(this[bytesOf])
  }
}

/** The part of the browser's FileReaderSync that c2pa-wasm calls (it exists only in web workers). */
class FileReaderSyncShim {
  readAsArrayBuffer(blob: unknown): ArrayBuffer {
    if (blob instanceof RetainedBlob) return copyToArrayBuffer(blob[bytesOf])
    throw new TypeError('FileReaderSync shim: only Blobs made by toBlob() can be read synchronously')
  }
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length)
  copy.set(bytes)
  return copy.buffer
}

/**
 * Wraps bytes as the Blob c2pa-wasm expects (readable through the FileReaderSync shim).
 *
 * @example
 * await builder.sign(signer, [], 'image/jpeg', toBlob(bytes))
 */
export function toBlob(bytes: Uint8Array, type = ''): Blob {
  // The bindings only call size, slice and FileReaderSync on it; no instanceof check.
  return new RetainedBlob(bytes, type) as unknown as Blob
}

let loading: Promise<C2paModule> | undefined

/**
 * c2pa-wasm, initialised once per process from the package's own .wasm file (no network), with the
 * Node shims installed. Later calls return the same promise.
 *
 * @example
 * const { WasmReader } = await loadC2pa()
 */
export function loadC2pa(): Promise<C2paModule> {
  loading ??= init().catch((error: unknown) => {
    loading = undefined // let a later call retry, e.g. after a transient read error
    throw error
  })
  return loading
}

async function init(): Promise<C2paModule> {
  const g = globalThis as { FileReaderSync?: unknown }
  g.FileReaderSync ??= FileReaderSyncShim
  // Imported here, not at the top, so importing the SDK costs nothing until credentials are used.
  const c2pa = await import('@contentauth/c2pa-wasm')
  const wasmPath = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm')
  await c2pa.default({ module_or_path: await readFile(wasmPath) })
  return c2pa
}
