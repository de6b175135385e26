import type { Address, Hex, PublicClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'
import { fromTypedMessage } from '../record/toTypedMessage.js'
import type { ProvenanceRecord } from '../record/types.js'

type EventPosition = { blockNumber: bigint; blockHash: Hex; txHash: Hex; logIndex: number }

export type RegistryEvent =
  | ({ kind: 'batch'; root: Hex; anchorer: Address; count: number } & EventPosition)
  | ({ kind: 'record'; id: Hex; record: ProvenanceRecord; batchRoot: Hex } & EventPosition)
  /** A record already on chain was proven against an earlier batch: its time drops to `timestamp`. */
  | ({ kind: 'improved'; id: Hex; root: Hex; timestamp: number } & EventPosition)

/**
 * The registry's events in a block range, oldest first, decoded into records, batches and improved anchor
 * times (a record proven against a batch anchored before its stored time).
 *
 * @example
 * const events = await getRegistryEvents({ publicClient, registry, fromBlock: 0n, toBlock: 100n })
 */
export async function getRegistryEvents({
  publicClient,
  registry,
  fromBlock,
  toBlock,
}: {
  publicClient: PublicClient
  registry: Address
  fromBlock: bigint
  toBlock: bigint
}): Promise<RegistryEvent[]> {
  try {
    const logs = await publicClient.getContractEvents({
      address: registry,
      abi: provenanceRegistryAbi,
      fromBlock,
      toBlock,
      strict: true,
    })
    const events: RegistryEvent[] = []
    for (const log of logs) {
      const position = {
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        txHash: log.transactionHash,
        logIndex: log.logIndex,
      }
      if (log.eventName === 'BatchAnchored')
        events.push({
          kind: 'batch',
          root: log.args.root,
          anchorer: log.args.anchorer,
          count: log.args.count,
          ...position,
        })
      else if (log.eventName === 'RecordRegistered')
        events.push({
          kind: 'record',
          id: log.args.id,
          record: fromTypedMessage(log.args.record),
          batchRoot: log.args.batchRoot,
          ...position,
        })
      else if (log.eventName === 'RecordAnchorImproved')
        events.push({
          kind: 'improved',
          id: log.args.id,
          root: log.args.root,
          timestamp: Number(log.args.timestamp),
          ...position,
        })
    }
    return events
  } catch (error) {
    throw toRegistryError(error)
  }
}
