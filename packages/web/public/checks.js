// Checks that run in the browser: nothing here touches the DOM or the network.
// keccak256 over 64-bit BigInt lanes: slow (about 0.1 ms a block) but short enough to audit, and the
// page hashes a few hundred bytes per record. The test pins it to viem's keccak256.
const mask64 = (1n << 64n) - 1n
const rotations = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
].map(BigInt)
const roundConstants = []
for (let round = 0, r = 1; round < 24; round++) {
  let constant = 0n
  for (let j = 0; j < 7; j++) {
    r = ((r << 1) ^ ((r >> 7) * 0x71)) & 0xff
    if (r & 2) constant ^= 1n << ((1n << BigInt(j)) - 1n)
  }
  roundConstants.push(constant)
}
const rotl = (x, n) => (n === 0n ? x : ((x << n) | (x >> (64n - n))) & mask64)

function keccakF(a) {
  const b = new Array(25)
  for (const rc of roundConstants) {
    const c = [0, 1, 2, 3, 4].map((x) => a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20])
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1n)
      for (let y = 0; y < 25; y += 5) a[x + y] ^= d
    }
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], rotations[x + 5 * y])
    for (let y = 0; y < 25; y += 5)
      for (let x = 0; x < 5; x++) a[x + y] = b[x + y] ^ (~b[((x + 1) % 5) + y] & b[((x + 2) % 5) + y])
    a[0] ^= rc
  }
}

/** keccak256 (Ethereum's, not SHA3-256) of bytes, as bytes. */
export function keccak256(bytes) {
  const rate = 136
  const padded = new Uint8Array((Math.floor(bytes.length / rate) + 1) * rate)
  padded.set(bytes)
  padded[bytes.length] ^= 0x01
  padded[padded.length - 1] ^= 0x80
  const state = new Array(25).fill(0n)
  const view = new DataView(padded.buffer)
  for (let offset = 0; offset < padded.length; offset += rate) {
    for (let i = 0; i < rate / 8; i++) state[i] ^= view.getBigUint64(offset + 8 * i, true)
    keccakF(state)
  }
  const out = new DataView(new ArrayBuffer(32))
  for (let i = 0; i < 4; i++) out.setBigUint64(8 * i, state[i], true)
  return new Uint8Array(out.buffer)
}

export const toHex = (bytes) => `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
// Anything that is not 0x-hex becomes no bytes, which every length check below rejects.
const fromHex = (hex) =>
  /^0x(?:[0-9a-fA-F]{2})*$/.test(hex)
    ? Uint8Array.from(hex.slice(2).match(/../g) ?? [], (b) => Number.parseInt(b, 16))
    : new Uint8Array()
const utf8 = (text) => new TextEncoder().encode(text)
const zeroHash = `0x${'0'.repeat(64)}`
export const origins = ['human', 'ai', 'ai-assisted', 'composite']
const recordType =
  'Record(address creator,bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt)'

/** The record id: its EIP-712 struct hash, as the SDK and the registry contract compute it. */
export function recordIdOf(record) {
  const words = [
    keccak256(utf8(recordType)),
    fromHex(record.creator).length === 20
      ? new Uint8Array([...new Uint8Array(12), ...fromHex(record.creator)])
      : null,
    fromHex(record.contentHash),
    uint256(record.size),
    keccak256(utf8(record.mediaType)),
    uint256(origins.indexOf(record.origin)),
    keccak256(utf8(record.model)),
    keccak256(new Uint8Array(record.parents.flatMap((p) => [...fromHex(p)]))),
    fromHex(record.metadataHash),
    uint256(record.createdAt),
  ]
  if (words.some((w) => w?.length !== 32)) return undefined
  const encoded = new Uint8Array(32 * words.length)
  for (const [i, w] of words.entries()) encoded.set(w, 32 * i)
  return toHex(keccak256(encoded))
}

function uint256(value) {
  if (!Number.isSafeInteger(value) || value < 0) return null
  const word = new DataView(new ArrayBuffer(32))
  word.setBigUint64(24, BigInt(value))
  return new Uint8Array(word.buffer)
}

/** RFC 8785: ECMAScript serialization of primitives, object keys sorted by UTF-16 code units. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export async function sha256Hex(bytes) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))
}

async function metadataHashOf(metadata) {
  if (!metadata || Object.keys(metadata).length === 0) return zeroHash
  return sha256Hex(utf8(canonicalJson(metadata)))
}

/** OpenZeppelin's MerkleProof.verify: hash sorted pairs up from the leaf, compare with the root. */
export function verifyMerkleProof(leaf, proof, root) {
  let node = fromHex(leaf)
  for (const siblingHex of proof) {
    const sibling = fromHex(siblingHex)
    if (sibling.length !== 32) return false
    const [lo, hi] = toHex(node) <= siblingHex.toLowerCase() ? [node, sibling] : [sibling, node]
    node = keccak256(new Uint8Array([...lo, ...hi]))
  }
  return toHex(node) === root.toLowerCase()
}

/** What the browser can check of one record without a chain connection, and the verdict it supports. */
export async function checkRecord(entry, fileHash) {
  const checks = []
  const add = (ok, text, key) => checks.push({ ok, text, key })
  const record = entry.record
  if (fileHash)
    add(record.contentHash === fileHash, 'The SHA-256 of your file is the content hash the creator signed.')
  add(
    recordIdOf(record) === entry.id,
    'The record id is the keccak256 (EIP-712) hash of exactly these fields.',
  )
  if (entry.metadata)
    add(
      (await metadataHashOf(entry.metadata)) === record.metadataHash,
      'The title and metadata are the ones the record commits to.',
      'metadata',
    )
  if (entry.batch)
    add(
      verifyMerkleProof(entry.id, entry.batch.proof, entry.batch.root),
      `The Merkle proof (${entry.batch.proof.length} step${entry.batch.proof.length === 1 ? '' : 's'}) places the record under its batch root.`,
    )
  const verdict = checks.some((c) => !c.ok) ? 'invalid' : entry.status === 'anchored' ? 'verified' : 'pending'
  return { entry, checks, verdict }
}
