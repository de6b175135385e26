import { type ApiRecord, type Hex, proveRecordOnChain, readOnChainRecord } from '@rightflow/sdk'
import { CliError } from '../cliError.js'
import type { WalletSession } from './wallet.js'

/**
 * Makes sure the asset registry can see a record: a direct record already is on chain; a record anchored in a
 * batch is lifted on chain with its Merkle proof (one transaction, paid by the caller); a record still waiting
 * for its batch cannot be, yet.
 *
 * @returns the proving transaction, when one was needed.
 */
export async function ensureRecordOnChain(
  wallet: WalletSession,
  id: Hex,
  record: ApiRecord | undefined,
): Promise<Hex | undefined> {
  const { publicClient, walletClient, registry } = wallet
  if (await readOnChainRecord({ publicClient, registry, id })) return undefined
  if (!record) throw new CliError(`record ${id} is neither on chain nor known to the server`, 1, 'no_record')
  if (record.status !== 'anchored' || !record.batch)
    throw new CliError(
      `record ${id} is not anchored yet (${record.status}): wait a few seconds for its batch, or register with --direct`,
      1,
      'record_pending',
    )
  if (!record.signature)
    throw new CliError(`the server has no signature for record ${id}, so it cannot be proven on chain`)
  const { txHash } = await proveRecordOnChain({
    publicClient,
    walletClient,
    registry,
    signed: { record: record.record, signature: record.signature },
    root: record.batch.root,
    proof: record.batch.proof,
  })
  return txHash
}
