import type { ChainGas, WideGas } from './rightsDerivatives.js'
import { chainBps, maxParents, wideBps } from './rightsDerivatives.js'
import { chunkSize, type HoldersGas, licensePrice, payment } from './rightsHolders.js'
import { fixed, int, type Section, type Table } from './section.js'

/** EIP-7825 (Osaka): the most gas one transaction may use on chains that enforce it. */
const txGasCap = 2 ** 24
/** anvil's default block gas limit, and long mainnet's. */
const defaultBlockGas = 30_000_000

export type RightsGas = {
  holders: HoldersGas[]
  chains: ChainGas[]
  wide: WideGas
  /** `createAsset` of an original. */
  original: bigint
  chainName: string
  blockGasLimit: bigint
}

export function rightsSection(gas: RightsGas): Section {
  const { holders, chains } = gas
  const fewest = holders[0]!
  const most = holders[holders.length - 1]!
  const growth = (of: (h: HoldersGas) => bigint) => Number(of(most)) / Number(of(fewest))
  const byDepth = (depth: number) => chains.find((c) => c.depth === depth)
  const [shallow, deep] = [byDepth(3) ?? chains[0]!, chains[chains.length - 1]!]
  const perLevel =
    deep.steady.pulls.length > 0 ? Number(sum(deep.steady.pulls)) / deep.steady.pulls.length : 0
  const summary = [
    {
      target: `royalty payment and claim: the same gas for 1 and ${int(most.holders)} share holders`,
      result: `payRoyalty ${int(fewest.ours.pay)} → ${int(most.ours.pay)} gas, claim ${int(fewest.ours.claim)} → ${int(most.ours.claim)} (naive push split: ${int(fewest.naive.pay)} → ${int(most.naive.pay)})`,
      met: growth((h) => h.ours.pay) <= 1.01 && growth((h) => h.ours.claim) <= 1.01,
    },
    {
      target: `royalty paid at a derivative: the same gas at depth ${shallow.depth} and ${deep.depth}`,
      result: `${int(shallow.steady.leaf)} and ${int(deep.steady.leaf)} gas; pulling it to the root: ${int(perLevel)} gas per level`,
      met: Math.abs(Number(deep.steady.leaf) / Number(shallow.steady.leaf) - 1) <= 0.01,
    },
  ]
  return {
    id: 'rights',
    title: `7. Rights: licenses, royalties and revenue shares, 1 to ${int(most.holders)} holders`,
    summary,
    tables: [holdersTable(holders), naiveTable(holders), chainTable(chains), parentsTable(gas)],
    notes: notes(gas),
  }
}

function holdersTable(holders: HoldersGas[]): Table {
  const row = (label: string, of: (h: HoldersGas) => bigint | undefined) => {
    const values = holders.map(of)
    const defined = values.filter((v): v is bigint => v !== undefined)
    const ratio = defined.length > 1 ? Number(defined[defined.length - 1]) / Number(defined[0]) : undefined
    return [label, ...values.map((v) => (v === undefined ? '—' : int(v))), ratio ? `${fixed(ratio)}×` : '']
  }
  return {
    headers: ['Rightflow call', ...holders.map((h) => holderCount(h.holders)), 'most / fewest'],
    rows: [
      row('buyLicense (approved beforehand)', (h) => h.ours.buy),
      row('buyLicenseWithPermit (EIP-2612)', (h) => h.ours.buyWithPermit),
      row('payRoyalty', (h) => h.ours.pay),
      row('vault.pay (the payer pays the vault itself)', (h) => h.ours.vaultPay),
      row('vault.claim by one holder', (h) => h.ours.claim),
      row('vault.transfer of shares between two holders', (h) => h.ours.transfer),
      row('payRoyalty, first into an empty vault', (h) => h.ours.payFirst),
      row('vault.claim, the holder’s first', (h) => h.ours.claimFirst),
      row('vault.transfer, both holders’ first since revenue', (h) => h.ours.transferFirst),
    ],
  }
}

function naiveTable(holders: HoldersGas[]): Table {
  const one = holders[0]!
  return {
    headers: [
      'holders',
      'naive split: pay',
      'naive: per extra holder',
      'naive: first pay',
      'Rightflow: payRoyalty',
      'naive / Rightflow',
    ],
    rows: holders.map((h) => [
      int(h.holders),
      withCap(h.naive.pay),
      h.holders > 1 ? int(Number(h.naive.pay - one.naive.pay) / (h.holders - 1)) : '—',
      withCap(h.naive.payFirst),
      int(h.ours.pay),
      ratio(h.naive.pay, h.ours.pay),
    ]),
  }
}

function chainTable(chains: ChainGas[]): Table {
  const row = (label: string, of: (c: ChainGas) => string) => [label, ...chains.map(of)]
  const perCall = (pulls: bigint[]) => (pulls.length ? int(Number(sum(pulls)) / pulls.length) : '—')
  return {
    headers: ['royalty into a chain of derivatives', ...chains.map((c) => `depth ${c.depth}`)],
    rows: [
      row('payRoyalty at the leaf (pays its parent at once)', (c) => int(c.steady.leaf)),
      row('payAncestors calls to reach the root', (c) => String(c.steady.pulls.length)),
      row('those calls together', (c) => int(sum(c.steady.pulls))),
      row('per call', (c) => perCall(c.steady.pulls)),
      row('payment and every pull', (c) => int(c.steady.leaf + sum(c.steady.pulls))),
      row('payRoyalty at the leaf, the chain’s first royalty', (c) => int(c.first.leaf)),
      row('payAncestors calls after the first royalty, together', (c) => int(sum(c.first.pulls))),
    ],
  }
}

function parentsTable({ holders, chains, wide, original }: RightsGas): Table {
  const one = holders[0]!
  const depth1 = chains.find((c) => c.depth === 1)
  return {
    headers: ['direct parents', 'createAsset / createDerivative', 'payRoyalty', 'payRoyalty, first'],
    rows: [
      ['0 (an original, 1 holder)', int(original), int(one.ours.pay), int(one.ours.payFirst)],
      ...(depth1
        ? [
            [
              `1 (owed ${chainBps / 100}%)`,
              int(depth1.createDerivative),
              int(depth1.steady.leaf),
              int(depth1.first.leaf),
            ],
          ]
        : []),
      [
        `${wide.parents} (owed ${wideBps / 100}% each)`,
        int(wide.createDerivative),
        int(wide.pay),
        int(wide.payFirst),
      ],
    ],
  }
}

function notes({ holders, chains, wide, chainName, blockGasLimit }: RightsGas): string[] {
  const most = holders[holders.length - 1]!
  const one = holders[0]!
  const perHolder = most.holders > 1 ? Number(most.naive.pay - one.naive.pay) / (most.holders - 1) : 0
  const perHolderFirst =
    most.holders > 1 ? Number(most.naive.payFirst - one.naive.payFirst) / (most.holders - 1) : 0
  const fitsCap = perHolder > 0 ? Math.floor((txGasCap - Number(one.naive.pay)) / perHolder) : 0
  const fitsCapFirst =
    perHolderFirst > 0 ? Math.floor((txGasCap - Number(one.naive.payFirst)) / perHolderFirst) : 0
  const depth1 = chains.find((c) => c.depth === 1)
  const perParent = depth1 ? Number(wide.pay - depth1.steady.leaf) / (maxParents - 1) : 0
  return [
    `Gas is \`receipt.gasUsed\` of real transactions on one fresh anvil (${chainName}); the contracts are deployed with the SDK's \`deployRegistry\` and \`deployRights\`, records are registered on the provenance registry and turned into assets by their creators. The block gas limit is raised to ${int(blockGasLimit)} (\`evm_setBlockGasLimit\`) so that the naive split's large payments can run at all.`,
    `**Holders.** Each asset's 1,000,000 shares are spread evenly over that many holders by plain ERC-20 transfers from the creator (through a bench-only \`Scatter\` contract, ${chunkSize} per transaction). Royalties are ${int(payment / 10n ** 6n)} test dollars, licenses ${int(licensePrice / 10n ** 6n)}, each minted to a new licensee. The payer approved the registry and the vault once for a large finite amount (so each payment also updates the allowance); the permit buyer signs a permit for exactly the price, measured once its permit nonce is non-zero. Every row is measured after an earlier call of the same kind (the vault's totals, the payer's and the holder's balances already non-zero); the “first” rows show what the first call pays on top to write those slots from zero. The claim is the creator's, to itself; the transfer moves a tenth of one holder's shares to another holder, settling both. Holders already hold test dollars when they claim (the naive split paid them first); one that holds none pays about 20,000 more the first time, as with any token. A lone holder's first claim is a little cheaper because it empties the vault, and clearing storage earns a refund (capped at a fifth of the transaction's gas, which is also why the steady-state claim costs the same whether or not it empties the vault).`,
    `**Naive push split** (\`contracts/test/mocks/bench/NaivePushSplit.sol\`): the same holders and weights in storage, one slot each; \`pay\` pulls the amount and sends each holder its part with an ERC-20 transfer, the pattern the vault replaces. Each extra holder adds about ${int(perHolder)} gas to a payment, ${int(perHolderFirst)} while holders hold no test dollars yet (its first payment). At ${int(most.holders)} holders a payment costs ${int(most.naive.pay)} gas, ${ratio(most.naive.pay, most.ours.pay)} Rightflow's \`payRoyalty\`${overLimits(most.naive.pay)}. Under the EIP-7825 cap one payment can reach about ${int(fitsCap)} holders at most (${int(fitsCapFirst)} while they hold no test dollars yet); beyond that each payment must be split over several transactions. The vault's payment and claim cost the same at any number of holders; only the one-off spreading of shares (ordinary transfers, paid by whoever sends them) grows with holders.`,
    `**Derivatives.** Each derivative of a chain owes its one parent ${chainBps / 100}%, paid in the same transaction as the royalty; the parent sets its own parent's part aside and \`payAncestors\` on each vault below the leaf pulls it one level further, so the payment costs the same at any depth and pulling all the way to the root costs one call per level. Depth 1 is cheaper than the others because its parent is an original that owes nobody and has nothing to set aside; for the same reason the last pull, into the original, is the cheapest. Royalties here are a billion test dollars so that 10% of 10% … is still whole units ten levels up (a vault with nothing pending returns early). Even at steady state each level writes its pending amount from zero and clears it again (the refund is counted). The derivative of ${wide.parents} parents (the most allowed) pays each parent its part at once, a transfer and a sync per parent: about ${int(perParent)} gas per parent.`,
    'Reproduce: `cd contracts && forge build` (the bench reads `Scatter` and `NaivePushSplit` from `contracts/out/`), then `BENCH_ONLY=rights npm run bench`; `BENCH_QUICK=1` runs 1, 100 and 1,000 holders.',
  ]
}

/** Where a transaction of this much gas could not be sent on a mainnet-like chain. */
function overLimits(gas: bigint): string {
  if (gas <= txGasCap) return ''
  const block = gas > defaultBlockGas ? ` and more than a whole ${int(defaultBlockGas)}-gas block` : ''
  return `: over the ${int(txGasCap)} per-transaction cap of EIP-7825 (Osaka)${block}, so it could not be sent as one transaction on a mainnet-like chain`
}

function holderCount(count: number): string {
  return `${int(count)} holder${count === 1 ? '' : 's'}`
}

function withCap(gas: bigint): string {
  return int(gas) + (gas > txGasCap ? ' (over the EIP-7825 cap)' : '')
}

function ratio(a: bigint, b: bigint): string {
  return `${fixed(Number(a) / Number(b))}×`
}

function sum(values: bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n)
}
