import type { Hex, LocalAccount } from 'viem'
import { InvalidRecordError } from '../errors/recordErrors.js'
import { provenanceDomain, type RegistryDomain, recordTypes } from './eip712.js'
import { toTypedMessage } from './toTypedMessage.js'
import type { ProvenanceRecord, SignedRecord } from './types.js'
import { validateRecord } from './validateRecord.js'

export type SignRecordParameters = { account: LocalAccount; record: ProvenanceRecord; domain: RegistryDomain }

/**
 * Signs a record as its creator (EIP-712, bound to one chain and registry).
 *
 * @example
 * const signed = await signRecord({ account, record, domain: { chainId: 31337, registry } })
 */
export async function signRecord({ account, record, domain }: SignRecordParameters): Promise<SignedRecord> {
  validateRecord(record)
  if (account.address.toLowerCase() !== record.creator.toLowerCase())
    throw new InvalidRecordError(`creator ${record.creator} is not the signing account ${account.address}`)
  const signature: Hex = await account.signTypedData({
    domain: provenanceDomain(domain),
    types: recordTypes,
    primaryType: 'Record',
    message: toTypedMessage(record),
  })
  return { record, signature }
}
