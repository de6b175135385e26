import type { AbiError } from 'abitype'
import type { Abi } from 'viem'
import { agentWalletsAbi } from '../generated/agentWallets.js'
import { escrowAbi } from '../generated/escrow.js'
import { paymentChannelsAbi } from '../generated/paymentChannels.js'
import { streamsAbi } from '../generated/streams.js'
import { rightsErrorsAbi } from '../rights/rightsErrors.js'

/**
 * Every custom error a Settle call can revert with: the four Settle contracts' own, then every License-layer
 * error (a channel's royalty credit runs through a vault, and every payment through the token). Add it to the
 * ABI of any Settle call so viem decodes the revert by name; `toRightsError` then gives the snake_case code.
 *
 * Kept apart from `rightsErrorsAbi` because two selectors collide: AgentWallets'
 * `InsufficientBalance(amount, balance)` shares its selector with OpenZeppelin's `InsufficientBalance(balance,
 * needed)`, and viem decodes by the first match. Here the Settle contracts' errors come first, so their argument
 * names win; the License layer keeps its own order.
 */
export const paymentsErrorsAbi: readonly AbiError[] = firstPerSelector([
  ...paymentChannelsAbi,
  ...agentWalletsAbi,
  ...streamsAbi,
  ...escrowAbi,
  ...rightsErrorsAbi,
])

function firstPerSelector(items: Abi): AbiError[] {
  const seen = new Set<string>()
  const errors: AbiError[] = []
  for (const item of items) {
    if (item.type !== 'error') continue
    // The signature decides the selector (no Settle or License error takes a tuple, so types spell it).
    const signature = `${item.name}(${item.inputs.map((input) => input.type).join(',')})`
    if (seen.has(signature)) continue
    seen.add(signature)
    errors.push(item)
  }
  return errors
}
