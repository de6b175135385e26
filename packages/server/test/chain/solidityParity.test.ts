import {
  anchorBatch,
  buildMerkleTree,
  bytesToHex,
  createRecord,
  type Hex,
  merkleProofBytes,
  merkleRoot,
  packLeaves,
  provenanceRegistryAbi,
  proveRecordOnChain,
  RegistryRevertError,
  readBatch,
  readOnChainRecord,
  recordDigest,
  recordId,
  registerRecordOnChain,
  signRecord,
  splitProof,
  toTypedMessage,
  verifyInclusionOnChain,
} from '@rightflow/sdk'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevChain, startDevChain } from '../support/devChain.js'
import { makeSigned, randomHash } from '../support/records.js'

let chain: DevChain
const creator = privateKeyToAccount(generatePrivateKey())
const domain = () => ({ chainId: chain.chainId, registry: chain.registry })
const clients = () => ({
  publicClient: chain.publicClient,
  walletClient: chain.walletClient,
  registry: chain.registry,
})

beforeAll(async () => {
  chain = await startDevChain()
})
afterAll(() => chain.stop())

describe('the SDK and the contract agree', () => {
  it('on record ids and EIP-712 digests', async () => {
    for (const origin of ['human', 'ai', 'ai-assisted', 'composite'] as const) {
      const record = createRecord({
        creator: creator.address,
        contentHash: randomHash(),
        size: 99,
        mediaType: 'video/mp4',
        origin,
        model: origin === 'human' ? '' : 'model-✓',
        parents: [randomHash(), randomHash()],
        metadata: { title: origin },
      })
      const args = [toTypedMessage(record)] as const
      const read = (functionName: 'recordId' | 'recordDigest') =>
        chain.publicClient.readContract({
          address: chain.registry,
          abi: provenanceRegistryAbi,
          functionName,
          args,
        })
      expect(await read('recordId')).toBe(recordId(record))
      expect(await read('recordDigest')).toBe(recordDigest(record, domain()))
    }
  })

  it('on Merkle roots: every proof the SDK builds verifies on chain, and a wrong one does not', async () => {
    const ids = Array.from({ length: 37 }, randomHash)
    const tree = buildMerkleTree(packLeaves(ids))
    const root = merkleRoot(tree)
    await anchorBatch({ ...clients(), root, count: ids.length })
    expect(
      await readBatch({ publicClient: chain.publicClient, registry: chain.registry, root }),
    ).toMatchObject({ count: 37 })
    for (const [i, id] of ids.entries()) {
      const proof = splitProof(merkleProofBytes(tree, i)).map(bytesToHex)
      expect(
        await verifyInclusionOnChain({
          publicClient: chain.publicClient,
          registry: chain.registry,
          id,
          root,
          proof,
        }),
      ).toBe(true)
    }
    const wrong = splitProof(merkleProofBytes(tree, 1)).map(bytesToHex)
    expect(
      await verifyInclusionOnChain({
        publicClient: chain.publicClient,
        registry: chain.registry,
        id: ids[0]!,
        root,
        proof: wrong,
      }),
    ).toBe(false)
  })
})

describe('direct mode through the SDK', () => {
  it('registers a record, proves a batched parent and links a child to both', async () => {
    const direct = await makeSigned(creator, domain())
    await registerRecordOnChain({ ...clients(), signed: direct })
    const onChain = await readOnChainRecord({
      publicClient: chain.publicClient,
      registry: chain.registry,
      id: recordId(direct.record),
    })
    expect(onChain).toMatchObject({ creator: creator.address, origin: 'human' })

    const batched = await makeSigned(creator, domain())
    const others = Array.from({ length: 4 }, randomHash)
    const ids = [recordId(batched.record), ...others]
    const tree = buildMerkleTree(packLeaves(ids))
    await anchorBatch({ ...clients(), root: merkleRoot(tree), count: ids.length })
    await proveRecordOnChain({
      ...clients(),
      signed: batched,
      root: merkleRoot(tree),
      proof: splitProof(merkleProofBytes(tree, 0)).map(bytesToHex),
    })

    const parents = [recordId(direct.record), recordId(batched.record)] as Hex[]
    const child = await makeSigned(creator, domain(), { origin: 'ai', model: 'sdxl', parents })
    const { gasUsed } = await registerRecordOnChain({ ...clients(), signed: child })
    expect(gasUsed).toBeGreaterThan(0n)
  })

  it('maps reverts to errors with the contract’s name and a stable code', async () => {
    const signed = await makeSigned(creator, domain())
    const wrongChain = await signRecord({
      account: creator,
      record: signed.record,
      domain: { ...domain(), chainId: 1 },
    })
    const attempt = registerRecordOnChain({ ...clients(), signed: wrongChain })
    await expect(attempt).rejects.toThrow(RegistryRevertError)
    await expect(attempt).rejects.toMatchObject({ errorName: 'InvalidSignature', code: 'invalid_signature' })

    const orphan = await makeSigned(creator, domain(), { parents: [randomHash()] })
    await expect(registerRecordOnChain({ ...clients(), signed: orphan })).rejects.toMatchObject({
      code: 'parent_not_found',
    })

    await registerRecordOnChain({ ...clients(), signed })
    await expect(registerRecordOnChain({ ...clients(), signed })).rejects.toMatchObject({
      code: 'record_exists',
    })
  })
})
