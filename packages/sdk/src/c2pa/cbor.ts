/**
 * The CBOR values a COSE_Sign1 needs. Maps are entry lists so integer keys (COSE header labels) keep
 * their type and order; numbers must be safe integers.
 */
export type CborValue =
  | number
  | string
  | Uint8Array
  | null
  | readonly CborValue[]
  | { pairs: readonly (readonly [number | string, CborValue])[] }
  | { tag: number; value: CborValue }

/**
 * Encodes a value as definite-length CBOR (RFC 8949), the subset COSE_Sign1 needs. We write it
 * ourselves because c2pa-wasm's signer callback must return a finished COSE_Sign1 and this is all
 * the encoding that takes.
 *
 * @example
 * encodeCbor({ pairs: [[1, -7]] }) // a1 01 26: { alg: ES256 }
 */
export function encodeCbor(value: CborValue): Uint8Array {
  const parts: Uint8Array[] = []
  write(value, parts)
  return concatBytes(parts)
}

/** Bytes of a CBOR head (major type + argument) for an argument of this size. */
export function cborHeadLength(argument: number): number {
  return argument < 24 ? 1 : argument < 0x100 ? 2 : argument < 0x10000 ? 3 : argument < 0x1_0000_0000 ? 5 : 9
}

function write(value: CborValue, out: Uint8Array[]): void {
  if (value === null) out.push(Uint8Array.of(0xf6))
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`CBOR: ${value} is not a safe integer`)
    out.push(value >= 0 ? head(0, value) : head(1, -1 - value))
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value)
    out.push(head(3, bytes.length), bytes)
  } else if (value instanceof Uint8Array) out.push(head(2, value.length), value)
  else if (Array.isArray(value)) {
    out.push(head(4, value.length))
    for (const item of value) write(item, out)
  } else if ('pairs' in value) {
    out.push(head(5, value.pairs.length))
    for (const [key, item] of value.pairs) {
      write(key, out)
      write(item, out)
    }
  } else if ('tag' in value) {
    out.push(head(6, value.tag))
    write(value.value, out)
  }
}

function head(major: number, argument: number): Uint8Array {
  const length = cborHeadLength(argument)
  const bytes = new Uint8Array(length)
  if (length === 1) bytes[0] = (major << 5) | argument
  else {
    bytes[0] = (major << 5) | [24, 25, 26, 27][Math.log2(length - 1)]!
    let rest = BigInt(argument)
    for (let i = length - 1; i >= 1; i--) {
      bytes[i] = Number(rest & 0xffn)
      rest >>= 8n
    }
  }
  return bytes
}

/** Concatenates byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
