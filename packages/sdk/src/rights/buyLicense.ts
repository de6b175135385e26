import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { ipAssetRegistryAbi } from '../generated/ipAssetRegistry.js'
import { tokenIdToAssetId } from './encodeTerms.js'
import { allowanceShortfall, ensureAllowance } from './ensureAllowance.js'
import { eventsOf, registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import { PermitUnsupportedError, type SignPermitReturnType, signPermit } from './signPermit.js'
import { type AiUse, aiUses, type RightsContracts } from './types.js'

export type BuyLicenseParameters = {
  publicClient: PublicClient
  /** The buyer, who pays. */
  walletClient: WalletClient
  contracts: RightsContracts
  termsId: bigint
  use: AiUse
  /** Who receives the license; the wallet account when absent. */
  recipient?: Address
  /** The most the buyer will pay, in payment token units; reverts PriceAboveMaximum above it. */
  maxPrice: bigint
  /** The largest derivative revenue share the buyer accepts, in basis points (10,000 when absent). */
  maxRevenueShareBps?: number
  /**
   * Pay with an EIP-2612 permit for `maxPrice` (one transaction) instead of an approval (two). Defaults to true
   * when the wallet account signs locally; falls back to an approval for tokens without an EIP-712 domain.
   */
  permit?: boolean
  /** Without a permit, approve exactly the price when the allowance is short (default true). */
  approve?: boolean
}

export type BuyLicenseReturnType = {
  licenseId: bigint
  /** What was paid, in payment token units (0n for a free license). */
  price: bigint
  assetId: Hex
  txHash: Hex
  /** How the payment was authorised: no new authorisation needed, a permit, or an approval transaction. */
  authorization: 'allowance' | 'permit' | 'approval'
  approvalTxHash?: Hex
}

/**
 * Buys a license for one AI use of an asset under published terms. The price goes to the asset's vault (and
 * on to its parents) in the same transaction. Free licenses and sufficient allowances need no authorisation;
 * otherwise a permit is signed or exactly the price approved.
 *
 * @example
 * const { licenseId } = await buyLicense({
 *   publicClient, walletClient, contracts, termsId, use: 'inference', maxPrice: parseUsd('0.01'),
 * })
 */
export async function buyLicense({
  publicClient,
  walletClient,
  contracts,
  termsId,
  use,
  recipient,
  maxPrice,
  maxRevenueShareBps = 10_000,
  permit,
  approve = true,
}: BuyLicenseParameters): Promise<BuyLicenseReturnType> {
  try {
    const account = requireAccount(walletClient)
    const args = [
      termsId,
      aiUses.indexOf(use),
      recipient ?? account.address,
      maxPrice,
      maxRevenueShareBps,
    ] as const
    const simulateBuy = () =>
      publicClient.simulateContract({
        account,
        address: contracts.assetRegistry,
        abi: registryAbi,
        functionName: 'buyLicense',
        args,
      })
    const simulateBuyWithPermit = ({ deadline, v, r, s }: SignPermitReturnType) =>
      publicClient.simulateContract({
        account,
        address: contracts.assetRegistry,
        abi: registryAbi,
        functionName: 'buyLicenseWithPermit',
        args: [...args, deadline, v, r, s],
      })

    const payment = {
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.assetRegistry,
    }
    const finish = (
      { txHash, receipt }: Awaited<ReturnType<typeof sendAndWait>>,
      authorization: BuyLicenseReturnType['authorization'],
      approvalTxHash?: Hex,
    ): BuyLicenseReturnType => {
      const [sold] = eventsOf(receipt, contracts.assetRegistry, ipAssetRegistryAbi, 'LicenseSold')
      return {
        licenseId: sold!.args.licenseId,
        price: sold!.args.price,
        assetId: tokenIdToAssetId(sold!.args.assetId),
        txHash,
        authorization,
        ...(approvalTxHash ? { approvalTxHash } : {}),
      }
    }

    // Simulating the plain purchase first lets the contract's own checks (price, use, expiry) speak before
    // anything is signed or approved, and needs no authorisation for free licenses or a sufficient allowance.
    let needed = 0n
    let shortAllowance: unknown
    const plain = await simulateBuy().catch((error: unknown) => {
      needed = allowanceShortfall(error, contracts.assetRegistry) // rethrows any other failure
      shortAllowance = error
      return undefined
    })
    if (plain) return finish(await sendAndWait(publicClient, walletClient, plain.request), 'allowance')

    const signed =
      (permit ?? account.type === 'local')
        ? await signPermit({ ...payment, value: maxPrice }).catch((error: unknown) => {
            if (error instanceof PermitUnsupportedError && approve) return undefined
            throw error
          })
        : undefined
    if (signed) {
      const { request } = await simulateBuyWithPermit(signed)
      return finish(await sendAndWait(publicClient, walletClient, request), 'permit')
    }

    if (!approve) throw shortAllowance
    const { approvalTxHash } = await ensureAllowance({ ...payment, amount: needed })
    const { request } = await simulateBuy()
    return finish(await sendAndWait(publicClient, walletClient, request), 'approval', approvalTxHash)
  } catch (error) {
    throw toRightsError(error)
  }
}
