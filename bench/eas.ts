import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Hex, ProvenanceRecord } from '@rightflow/sdk'
import type { ChainContext } from '@rightflow/server'
import {
  type Abi,
  type Address,
  encodeAbiParameters,
  type LocalAccount,
  parseAbiParameters,
  parseEventLogs,
  parseSignature,
  zeroAddress,
  zeroHash,
} from 'viem'

// The Ethereum Attestation Service as deployed on mainnet (v1.4.0), from its npm artifacts.
const require = createRequire(import.meta.url)
const artifact = (name: string) =>
  JSON.parse(
    readFileSync(
      require.resolve(
        `@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`,
      ),
      'utf8',
    ),
  ) as { abi: Abi; bytecode: Hex }
const easArtifact = artifact('EAS')
const schemaRegistryArtifact = artifact('SchemaRegistry')

/** Our record's fields as an EAS schema; the creator is the attester, so it is not a field. */
export const easSchema =
  'bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt'

export type Eas = { chain: ChainContext; address: Address; schema: Hex; version: string }
export type Attestation = { data: Hex; refUID: Hex }
export type GasResult = { uids: Hex[]; gasUsed: bigint }

export async function deployEas(chain: ChainContext): Promise<Eas> {
  const { publicClient, walletClient } = chain
  const schemaRegistry = await deploy(chain, schemaRegistryArtifact, [])
  const address = await deploy(chain, easArtifact, [schemaRegistry])
  // Irrevocable and without a resolver, like our records: the cheapest EAS configuration.
  const { request, result } = await publicClient.simulateContract({
    account: walletClient.account!,
    address: schemaRegistry,
    abi: schemaRegistryArtifact.abi,
    functionName: 'register',
    args: [easSchema, zeroAddress, false],
  })
  await publicClient.waitForTransactionReceipt({ hash: await walletClient.writeContract(request) })
  const version = (await publicClient.readContract({
    address,
    abi: easArtifact.abi,
    functionName: 'version',
  })) as string
  return { chain, address, schema: result as Hex, version }
}

/** An attestation carrying the same fields as our record; parents as attestation uids, the first also as refUID. */
export function easAttestation(record: ProvenanceRecord, parents: Hex[]): Attestation {
  const data = encodeAbiParameters(parseAbiParameters(easSchema), [
    record.contentHash,
    BigInt(record.size),
    record.mediaType,
    ['human', 'ai', 'ai-assisted', 'composite'].indexOf(record.origin),
    record.model,
    parents,
    record.metadataHash,
    BigInt(record.createdAt),
  ])
  return { data, refUID: parents[0] ?? zeroHash }
}

const requestData = ({ data, refUID }: Attestation) => ({
  recipient: zeroAddress,
  expirationTime: 0n,
  revocable: false,
  refUID,
  data,
  value: 0n,
})

/** `attest`: the attester sends its own transaction. */
export function attest(eas: Eas, attestation: Attestation): Promise<GasResult> {
  return send(eas.chain, eas.address, easArtifact.abi, 'attest', [
    { schema: eas.schema, data: requestData(attestation) },
  ])
}

/** `multiAttest`: many attestations of one schema in one transaction, EAS's batch mode. */
export function multiAttest(eas: Eas, attestations: Attestation[]): Promise<GasResult> {
  return send(eas.chain, eas.address, easArtifact.abi, 'multiAttest', [
    [{ schema: eas.schema, data: attestations.map(requestData) }],
  ])
}

/** `attestByDelegation`: the attester signs (EIP-712), a relayer pays, as our `register` does. */
export async function attestByDelegation(
  eas: Eas,
  attester: LocalAccount,
  attestation: Attestation,
): Promise<GasResult> {
  const { chainId } = eas.chain
  const nonce = (await eas.chain.publicClient.readContract({
    address: eas.address,
    abi: easArtifact.abi,
    functionName: 'getNonce',
    args: [attester.address],
  })) as bigint
  const data = requestData(attestation)
  const signature = await attester.signTypedData({
    domain: { name: 'EAS', version: eas.version, chainId, verifyingContract: eas.address },
    types: {
      Attest: [
        { name: 'attester', type: 'address' },
        { name: 'schema', type: 'bytes32' },
        { name: 'recipient', type: 'address' },
        { name: 'expirationTime', type: 'uint64' },
        { name: 'revocable', type: 'bool' },
        { name: 'refUID', type: 'bytes32' },
        { name: 'data', type: 'bytes' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint64' },
      ],
    },
    primaryType: 'Attest',
    message: { attester: attester.address, schema: eas.schema, ...data, nonce, deadline: 0n },
  })
  const { r, s, v } = parseSignature(signature)
  return send(eas.chain, eas.address, easArtifact.abi, 'attestByDelegation', [
    { schema: eas.schema, data, signature: { v: Number(v), r, s }, attester: attester.address, deadline: 0n },
  ])
}

async function deploy(chain: ChainContext, { abi, bytecode }: { abi: Abi; bytecode: Hex }, args: unknown[]) {
  const { walletClient, publicClient } = chain
  const hash = await walletClient.deployContract({
    abi,
    bytecode,
    args,
    account: walletClient.account!,
    chain: walletClient.chain,
  })
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  if (!receipt.contractAddress) throw new Error('EAS deployment failed')
  return receipt.contractAddress
}

async function send(chain: ChainContext, address: Address, abi: Abi, functionName: string, args: unknown[]) {
  const { publicClient, walletClient } = chain
  const { request } = await publicClient.simulateContract({
    account: walletClient.account!,
    address,
    abi,
    functionName,
    args,
  })
  const hash = await walletClient.writeContract(request)
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new Error(`${functionName} reverted`)
  const uids = parseEventLogs({ abi: easArtifact.abi, logs: receipt.logs, eventName: 'Attested' }).map(
    (log) => (log.args as { uid: Hex }).uid,
  )
  return { uids, gasUsed: receipt.gasUsed }
}
