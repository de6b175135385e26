import { type Address, getAddress, type PublicClient } from 'viem'
import { agentWalletsAbi } from '../../generated/agentWallets.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'

export type ListAgentPayeesParameters = {
  publicClient: PublicClient
  contracts: PaymentContracts
  agent: Address
  /** Where to start reading `PayeeSet` events (the wallet's creation block is enough); 0 when absent. */
  fromBlock?: bigint
}

/** The payees allowed now, in the order they were last allowed. */
export type ListAgentPayeesReturnType = Address[]

/**
 * An agent wallet's allow-list. The contract keeps it in a mapping, which cannot be listed, so this replays
 * the owner's `PayeeSet` events (the last word on each payee wins). The list matters only while the policy's
 * `allowlistOnly` is on.
 *
 * @example
 * const payees = await listAgentPayees({ publicClient, contracts, agent })
 */
export async function listAgentPayees({
  publicClient,
  contracts,
  agent,
  fromBlock = 0n,
}: ListAgentPayeesParameters): Promise<ListAgentPayeesReturnType> {
  try {
    const events = await publicClient.getContractEvents({
      address: contracts.agentWallets,
      abi: agentWalletsAbi,
      eventName: 'PayeeSet',
      args: { agent },
      fromBlock,
      toBlock: 'latest',
    })
    const allowed = new Map<string, Address>()
    for (const { args } of events) {
      const payee = getAddress(args.payee!)
      allowed.delete(payee)
      if (args.allowed) allowed.set(payee, payee)
    }
    return [...allowed.values()]
  } catch (error) {
    throw toRightsError(error)
  }
}
