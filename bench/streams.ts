import { describeChain } from './devChain.js'
import type { Section } from './section.js'
import { startStreamsBench } from './streamsChain.js'
import { measureEscrow, measureStreams } from './streamsMeasure.js'
import { streamsSection } from './streamsSection.js'

/**
 * Gas of stream open, withdraw, top-up and cancel and of every escrow path, from transaction receipts on one
 * anvil, beside Sablier's and LlamaPay's published figures. A few dozen transactions: the same in quick mode.
 */
export async function runStreams(): Promise<Section> {
  const bench = await startStreamsBench()
  try {
    const { client, hardfork } = await describeChain(bench.chain)
    const streams = await measureStreams(bench)
    const escrow = await measureEscrow(bench)
    return streamsSection({ streams, escrow, chainName: `${client}, hardfork ${hardfork}` })
  } finally {
    await bench.chain.stop()
  }
}
