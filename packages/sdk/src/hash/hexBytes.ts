import type { Hex } from 'viem'

/** Bytes as a 0x-prefixed lowercase hex string. */
export function bytesToHex(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`
}

/** A 0x-prefixed hex string as bytes. Throws on odd length or non-hex characters. */
export function hexToBytes(hex: string): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError(`not a hex byte string: ${hex.slice(0, 20)}`)
  return new Uint8Array(Buffer.from(hex.slice(2), 'hex'))
}
