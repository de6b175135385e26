import { sizes } from './config.js'
import { describeChain } from './devChain.js'
import { benchArtifact, deployContract, startRightsBench } from './rightsChain.js'
import { type ChainGas, measureChain, measureWide } from './rightsDerivatives.js'
import { type HoldersGas, measureHolders } from './rightsHolders.js'
import { rightsSection } from './rightsSection.js'
import type { Section } from './section.js'

/**
 * Room for the naive split's payment to 10,000 holders (a few hundred million gas): no real block takes it,
 * which is the point, but anvil must run it to measure it.
 */
const blockGasLimit = 1_000_000_000n

/** Gas of licenses, royalties, claims and share transfers at 1 to 10,000 holders, beside a naive push split. */
export async function runRights(): Promise<Section> {
  // Read before anvil starts: a missing `forge build` fails at once.
  const scatter = benchArtifact('Scatter')
  const naiveSplit = benchArtifact('NaivePushSplit')
  const bench = await startRightsBench(blockGasLimit)
  try {
    const { client, hardfork } = await describeChain(bench.chain)
    const contracts = {
      scatter: { address: await deployContract(bench, scatter, []), abi: scatter.abi },
      naiveSplit,
    }
    const holders: HoldersGas[] = []
    for (const count of sizes.rightsHolders) holders.push(await measureHolders(bench, contracts, count))
    const chains: ChainGas[] = []
    let original = 0n
    for (const depth of sizes.rightsDepths) {
      const measured = await measureChain(bench, depth)
      chains.push(measured)
      original = measured.original
    }
    const wide = await measureWide(bench)
    const chainName = `${client}, hardfork ${hardfork}`
    return rightsSection({ holders, chains, wide, original, chainName, blockGasLimit })
  } finally {
    await bench.chain.stop()
  }
}
