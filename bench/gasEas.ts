import type { RegistryDomain } from '@rightflow/sdk'
import type { ChainContext } from '@rightflow/server'
import { privateKeyToAccount } from 'viem/accounts'
import { attest, attestByDelegation, deployEas, easAttestation, multiAttest } from './eas.js'
import { benchKeys, benchRecord } from './records.js'
import { progress } from './stats.js'

export type EasGas = {
  version: string
  attest: { parents: number; gasUsed: bigint }[]
  delegated: { parents: number; gasUsed: bigint }[]
  /** A creator's first delegated attestation, which also takes its nonce off zero. */
  firstDelegated: bigint
  multi: { count: number; gasUsed: bigint }
}

/**
 * The same records attested through EAS on the same anvil. Parents are attestation uids inside the data,
 * the first one also as `refUID` (the one reference EAS checks exists).
 */
export async function measureEasGas(chain: ChainContext, multiCount: number): Promise<EasGas> {
  progress('gas: deploying EAS and attesting the same records')
  // Room for EAS's batch transaction (anvil's default block gas limit is 30M).
  await chain.publicClient.request({
    method: 'evm_setBlockGasLimit' as 'eth_chainId',
    params: ['0x5f5e100'] as never,
  })
  const eas = await deployEas(chain)
  const domain: RegistryDomain = { chainId: chain.chainId, registry: chain.registry }
  const [key] = benchKeys(1)
  const creator = privateKeyToAccount(key!.privateKey)
  const record = (i: number, namespace: string) => benchRecord(i, key!, namespace, domain).signed.record

  // Parents by delegation, which also moves the attester's nonce off zero: later delegated
  // attestations pay the steady-state nonce update, as every attestation after a creator's first does.
  const first = await attestByDelegation(eas, creator, easAttestation(record(0, 'eas-parent-a'), []))
  const parentA = first.uids[0]
  const [parentB] = (await attestByDelegation(eas, creator, easAttestation(record(0, 'eas-parent-b'), [])))
    .uids
  const parents = [parentA!, parentB!].sort()

  const attest0 = await attest(eas, easAttestation(record(0, 'eas-0'), []))
  const attest2 = await attest(eas, easAttestation(record(0, 'eas-2'), parents))
  const delegated0 = await attestByDelegation(eas, creator, easAttestation(record(0, 'eas-d0'), []))
  const delegated2 = await attestByDelegation(eas, creator, easAttestation(record(0, 'eas-d2'), parents))
  const many = Array.from({ length: multiCount }, (_, i) => easAttestation(record(i, 'eas-multi'), []))
  const multi = await multiAttest(eas, many)
  if (multi.uids.length !== multiCount) throw new Error(`multiAttest made ${multi.uids.length} attestations`)
  return {
    version: eas.version,
    attest: [
      { parents: 0, gasUsed: attest0.gasUsed },
      { parents: 2, gasUsed: attest2.gasUsed },
    ],
    delegated: [
      { parents: 0, gasUsed: delegated0.gasUsed },
      { parents: 2, gasUsed: delegated2.gasUsed },
    ],
    firstDelegated: first.gasUsed,
    multi: { count: multiCount, gasUsed: multi.gasUsed },
  }
}
