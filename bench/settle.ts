import { settleClients, sizes } from './config.js'
import { describeChain } from './devChain.js'
import { loadAverage } from './machine.js'
import type { Section } from './section.js'
import { startSettleChain } from './settleChain.js'
import { measureChannel } from './settleChannel.js'
import { measureExact } from './settleExact.js'
import { measureLoad } from './settleLoad.js'
import { settleSection } from './settleSection.js'
import { startSettleServer } from './settleServer.js'
import { measureVouchers } from './settleVouchers.js'
import { progress } from './stats.js'

/**
 * Paying per call: our `channel` scheme beside x402 `exact` (official packages) on one anvil and one paid route
 * (gas, transactions and added latency per call), voucher checks per second per core, and a hundred paying
 * clients at once against the server.
 */
export async function runSettle(): Promise<Section> {
  const loadBefore = loadAverage()
  const chain = await startSettleChain()
  try {
    const { client, hardfork } = await describeChain(chain)
    const server = await startSettleServer(chain)
    try {
      progress(`settle: ${sizes.settleChannelCalls} calls paid by channel, each beside an unpaid one`)
      const channel = await measureChannel(chain, server, sizes.settleChannelCalls)
      progress(`settle: ${sizes.settleExactCalls} calls paid by x402 exact`)
      const exact = await measureExact(chain, server, sizes.settleExactCalls)
      progress('settle: voucher checks')
      const vouchers = await measureVouchers(chain, {
        seconds: sizes.settleVoucherSeconds,
        charges: sizes.settleVerifierCharges,
      })
      progress(`settle: ${settleClients} concurrent paying clients for ${sizes.settleLoadSeconds} s`)
      const load = await measureLoad(chain, server, {
        clients: settleClients,
        seconds: sizes.settleLoadSeconds,
      })
      const chainName = `${client}, hardfork ${hardfork}`
      const loads: [string, string] = [loadBefore, loadAverage()]
      return settleSection({ channel, exact, vouchers, load, chainName, loads })
    } finally {
      await server.stop()
    }
  } finally {
    await chain.stop()
  }
}
