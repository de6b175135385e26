import { sizes } from './config.js'
import { describeChain, startBenchChain } from './devChain.js'
import { easSchema } from './eas.js'
import { type EasGas, measureEasGas } from './gasEas.js'
import { measureOurGas, type OursGas } from './gasOurs.js'
import { checkSignFastMatchesViem } from './records.js'
import { fixed, int, type Section, verdict } from './section.js'

export const gasTargets = { batchPerRecordAt10k: 10, registerWithTwoParents: 75_000 }
/** EIP-7825 (Osaka): the most gas one transaction may use on chains that enforce it. */
const txGasCap = 2 ** 24

/** Gas per record, ours against EAS, from transaction receipts on one anvil in one run. */
export async function runGas(): Promise<Section> {
  const chain = await startBenchChain()
  try {
    await checkSignFastMatchesViem({ chainId: chain.chainId, registry: chain.registry })
    const { client, hardfork } = await describeChain(chain)
    const ours = await measureOurGas(chain, sizes.gasBatchSizes)
    const eas = await measureEasGas(chain, sizes.easMultiAttest)
    return gasSection(ours, eas, `${client}, hardfork ${hardfork}`)
  } finally {
    await chain.stop()
  }
}

function gasSection(ours: OursGas, eas: EasGas, chainName: string): Section {
  const ourRows = [
    ...ours.batches.map(({ count, gasUsed }) => {
      const perRecord = Number(gasUsed) / count
      const target = count === 10_000 ? gasTargets.batchPerRecordAt10k : undefined
      return [
        `batch: anchor(root, ${int(count)})`,
        int(count),
        int(gasUsed),
        perRecord < 100 ? fixed(perRecord) : int(perRecord),
        target ? `≤ ${target}/record` : '',
        target ? verdict(perRecord <= target) : '',
      ]
    }),
    ...ours.register.map(({ label, parents, gasUsed }) => {
      const target = parents === 2 ? gasTargets.registerWithTwoParents : undefined
      return [
        `direct: register, ${parents} parents (${label})`,
        '1',
        int(gasUsed),
        int(gasUsed),
        target ? `≤ ${int(target)}` : '',
        target ? verdict(gasUsed <= target) : '',
      ]
    }),
    ...(ours.prove
      ? [
          [
            `prove one record of a ${int(ours.prove.batchSize)} batch (${ours.prove.siblings} siblings)`,
            '1',
            int(ours.prove.gasUsed),
            int(ours.prove.gasUsed),
            '',
            '',
          ],
        ]
      : []),
  ]
  const easRows = [
    ...eas.attest.map(({ parents, gasUsed }) => [
      `attest, ${parents} parents`,
      '1',
      int(gasUsed),
      int(gasUsed),
    ]),
    ...eas.delegated.map(({ parents, gasUsed }) => [
      `attestByDelegation, ${parents} parents`,
      '1',
      int(gasUsed),
      int(gasUsed),
    ]),
    [
      'attestByDelegation, 0 parents, the creator’s first',
      '1',
      int(eas.firstDelegated),
      int(eas.firstDelegated),
    ],
    [
      `multiAttest, ${eas.multi.count} per tx`,
      int(eas.multi.count),
      int(eas.multi.gasUsed) + (eas.multi.gasUsed > txGasCap ? ' (over the EIP-7825 cap)' : ''),
      int(Number(eas.multi.gasUsed) / eas.multi.count),
    ],
  ]

  const register = (parents: number) => ours.register.find((r) => r.parents === parents)!.gasUsed
  const ratio = (a: bigint | number, b: bigint | number) => {
    const r = Number(a) / Number(b)
    return r < 0.01 ? `1 / ${int(1 / r)}` : `${fixed(r)}×`
  }
  const batchAt = (count: number) => ours.batches.find((b) => b.count === count)
  const easMultiPer = Number(eas.multi.gasUsed) / eas.multi.count
  const compareRows: string[][] = [
    [
      'one record, 0 parents: register vs attest',
      int(register(0)),
      int(eas.attest[0]!.gasUsed),
      ratio(register(0), eas.attest[0]!.gasUsed),
    ],
    [
      'one record, 0 parents: register vs attestByDelegation',
      int(register(0)),
      int(eas.delegated[0]!.gasUsed),
      ratio(register(0), eas.delegated[0]!.gasUsed),
    ],
    [
      'one record, 2 parents: register vs attest',
      int(register(2)),
      int(eas.attest[1]!.gasUsed),
      ratio(register(2), eas.attest[1]!.gasUsed),
    ],
    [
      'one record, 2 parents: register vs attestByDelegation',
      int(register(2)),
      int(eas.delegated[1]!.gasUsed),
      ratio(register(2), eas.delegated[1]!.gasUsed),
    ],
  ]
  for (const count of [eas.multi.count, 10_000]) {
    const batch = batchAt(count)
    if (!batch) continue
    const per = Number(batch.gasUsed) / count
    compareRows.push([
      `per record, batch mode: anchor of ${int(count)} vs multiAttest of ${eas.multi.count}`,
      fixed(per),
      int(easMultiPer),
      ratio(per, easMultiPer),
    ])
  }

  const at10k = batchAt(10_000)
  const summary = [
    ...(at10k
      ? [
          {
            target: `batch mode at 10,000 records: ≤ ${gasTargets.batchPerRecordAt10k} gas per record`,
            result: `${fixed(Number(at10k.gasUsed) / 10_000)} gas per record (EAS multiAttest: ${int(easMultiPer)})`,
            met: Number(at10k.gasUsed) / 10_000 <= gasTargets.batchPerRecordAt10k,
          },
        ]
      : []),
    {
      target: `direct mode with 2 parents: ≤ ${int(gasTargets.registerWithTwoParents)} gas`,
      result: `${int(register(2))} gas (EAS attestByDelegation: ${int(eas.delegated[1]!.gasUsed)})`,
      met: register(2) <= gasTargets.registerWithTwoParents,
    },
  ]
  return {
    id: 'gas',
    title: '1. Gas per record: Rightflow vs the Ethereum Attestation Service',
    summary,
    tables: [
      { headers: ['Rightflow call', 'records', 'tx gas', 'gas / record', 'target', ''], rows: ourRows },
      { headers: [`EAS ${eas.version} call`, 'records', 'tx gas', 'gas / record'], rows: easRows },
      { headers: ['comparison', 'Rightflow', 'EAS', 'Rightflow / EAS'], rows: compareRows },
    ],
    notes: [
      `Gas is \`receipt.gasUsed\` of real transactions on one fresh anvil (${chainName}), so it includes the 21,000 base, calldata and the EIP-7623 floor. Every transaction is sent by anvil's first dev account.`,
      '**Rightflow.** Batch rows anchor the Merkle root of that many real records, each signed by one of 4 creator keys (EIP-712; signed through libsecp256k1, byte-identical to `signRecord`, which the bench checks every run). `anchor` costs the same whatever the count, so gas per record falls as 1/n. Direct rows are `register(record, signature)` sent by a relayer for another creator (the creator’s account is cold; a creator sending their own transaction saves about 2,500); the parents were registered directly in earlier transactions. The prove row makes one batched record known on chain, which a direct record needs before naming it as a parent.',
      `**EAS.** SchemaRegistry and EAS deployed from \`@ethereum-attestation-service/eas-contracts\` (EAS ${eas.version}) on the same anvil; schema \`${easSchema}\`, no resolver, irrevocable (its cheapest configuration), recipient zero, the same field values as our records. Parents are the two parent attestations’ uids inside the data, the first also as \`refUID\` (EAS checks that one exists; it cannot check the second, ours checks both). \`attest\`: the creator sends the transaction itself (attester = msg.sender). \`attestByDelegation\`: the creator signs EIP-712, a relayer pays — the like-for-like of our \`register\`; measured once the creator’s nonce is non-zero (its first one, shown separately, pays to set it). \`multiAttest\` of ${eas.multi.count} is EAS’s batch mode: it still stores every attestation and its data on chain${multiNote(eas)}.`,
    ],
  }
}

function multiNote({ multi }: EasGas): string {
  if (multi.gasUsed <= txGasCap) return ''
  const fits = Math.floor(txGasCap / (Number(multi.gasUsed) / multi.count))
  return `; at ${int(multi.gasUsed)} gas the transaction needed anvil’s block gas limit raised (default 30M) and is over the ${int(txGasCap)} per-transaction cap of EIP-7825 (Osaka): where that cap holds, at most ${fits} such attestations fit in one transaction`
}
