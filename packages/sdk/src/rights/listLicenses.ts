import type { Address, Hex, PublicClient } from 'viem'
import { licenseTokenAbi } from '../generated/licenseToken.js'
import { parseLicenseId } from './encodeTerms.js'
import { fetchTerms } from './readTerms.js'
import { chainTime } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { AiUse, RightsContracts } from './types.js'

export type ListLicensesParameters = {
  publicClient: PublicClient
  contracts: RightsContracts
  /** The holder. */
  account: Address
  /** Only licenses of this asset. */
  assetId?: Hex
  /** Where to start looking for transfers to the account (block 0 when absent). */
  fromBlock?: bigint
}

/** A license held. */
export type HeldLicense = {
  licenseId: bigint
  termsId: bigint
  use: AiUse
  assetId: Hex
  balance: bigint
  /** Whether the terms are unexpired (by the chain's clock): only then does the license count. */
  valid: boolean
  /** Unix seconds the terms expire; 0 for never. */
  expiresAt: number
}

export type ListLicensesReturnType = HeldLicense[]

/**
 * The licenses an account holds now: every license id ever transferred to it, with a balance left.
 *
 * @example
 * const licenses = await listLicenses({ publicClient, contracts, account, assetId })
 */
export async function listLicenses({
  publicClient,
  contracts,
  account,
  assetId,
  fromBlock = 0n,
}: ListLicensesParameters): Promise<ListLicensesReturnType> {
  try {
    const filter = {
      address: contracts.licenseToken,
      abi: licenseTokenAbi,
      args: { to: account },
      fromBlock,
      strict: true,
    } as const
    const [singles, batches, now] = await Promise.all([
      publicClient.getContractEvents({ ...filter, eventName: 'TransferSingle' }),
      publicClient.getContractEvents({ ...filter, eventName: 'TransferBatch' }),
      chainTime(publicClient),
    ])
    const ids = [...new Set([...singles.map((e) => e.args.id), ...batches.flatMap((e) => e.args.ids)])]
    if (ids.length === 0) return []
    const balances = await publicClient.readContract({
      address: contracts.licenseToken,
      abi: licenseTokenAbi,
      functionName: 'balanceOfBatch',
      args: [ids.map(() => account), ids],
    })
    const held = ids.flatMap((licenseId, i) =>
      balances[i]! > 0n ? [{ licenseId, balance: balances[i]! }] : [],
    )
    const licenses = await Promise.all(
      held.map(async ({ licenseId, balance }) => {
        const { termsId, use } = parseLicenseId(licenseId)
        const record = await fetchTerms(publicClient, contracts, termsId)
        const { expiresAt } = record.terms
        const valid = expiresAt === 0 || now < expiresAt
        return { licenseId, termsId, use, assetId: record.assetId, balance, valid, expiresAt }
      }),
    )
    return assetId === undefined
      ? licenses
      : licenses.filter((license) => BigInt(license.assetId) === BigInt(assetId))
  } catch (error) {
    throw toRightsError(error)
  }
}
