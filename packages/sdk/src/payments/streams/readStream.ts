import type { Address, PublicClient } from 'viem'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { streamsCallAbi, unlessUnknown } from '../settleCall.js'

/** A stream as of the latest block; amounts in payment token units, times in unix seconds. */
export type PaymentStream = {
  streamId: bigint
  sender: Address
  recipient: Address
  ratePerSecond: bigint
  /** Total deposited (for a cancelled stream: what had accrued by the cancellation). */
  deposit: bigint
  withdrawn: bigint
  /** What the recipient could withdraw now. */
  withdrawable: bigint
  start: number
  /** When the deposit runs out (for a cancelled stream: when what it paid had accrued). */
  depletesAt: number
  cancelled: boolean
}

export type ReadStreamParameters = {
  publicClient: PublicClient
  contracts: PaymentContracts
  streamId: bigint
}

export type ReadStreamReturnType = PaymentStream | undefined

/**
 * Reads a stream, with what is withdrawable now and when it runs dry; undefined for an id never opened.
 *
 * @example
 * const stream = await readStream({ publicClient, contracts, streamId })
 */
export async function readStream({
  publicClient,
  contracts,
  streamId,
}: ReadStreamParameters): Promise<ReadStreamReturnType> {
  try {
    const read = { address: contracts.streams, abi: streamsCallAbi, args: [streamId] } as const
    // One block for every read, the latest rather than the number the client cached: what accrued moves each second.
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 })
    const stream = await unlessUnknown(
      publicClient.readContract({ ...read, functionName: 'streamOf', blockNumber }),
      'UnknownStream',
    )
    if (!stream) return undefined
    const [withdrawable, depletesAt] = await Promise.all([
      publicClient.readContract({ ...read, functionName: 'withdrawable', blockNumber }),
      publicClient.readContract({ ...read, functionName: 'depletesAt', blockNumber }),
    ])
    return {
      streamId,
      sender: stream.sender,
      recipient: stream.recipient,
      ratePerSecond: stream.ratePerSecond,
      deposit: stream.deposit,
      withdrawn: stream.withdrawn,
      withdrawable,
      start: Number(stream.start),
      depletesAt: Number(depletesAt),
      cancelled: stream.cancelled,
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
