import { type Address, type Hex, isAddressEqual, type PublicClient, type WalletClient } from 'viem'
import { RegistryRevertError } from '../errors/chainErrors.js'
import { requireAccount, sendAndWait, tokenAbi } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'

export type EnsureAllowanceParameters = {
  publicClient: PublicClient
  /** The payer. */
  walletClient: WalletClient
  /** The payment token. */
  token: Address
  /** The contract that pulls the payment (the asset registry for licenses and royalties). */
  spender: Address
  amount: bigint
}

export type EnsureAllowanceReturnType = { approvalTxHash: Hex | undefined }

/**
 * Makes sure `spender` may take `amount` of the token from the wallet account, approving exactly `amount`
 * when the allowance is short. A balance short of `amount` is refused first (ERC20InsufficientBalance, as the
 * token would), so no approval is spent on a payment that cannot happen.
 *
 * @example
 * await ensureAllowance({ publicClient, walletClient, token, spender: contracts.assetRegistry, amount: 10_000n })
 */
export async function ensureAllowance({
  publicClient,
  walletClient,
  token,
  spender,
  amount,
}: EnsureAllowanceParameters): Promise<EnsureAllowanceReturnType> {
  try {
    const account = requireAccount(walletClient)
    const [allowance, balance] = await Promise.all([
      publicClient.readContract({
        address: token,
        abi: tokenAbi,
        functionName: 'allowance',
        args: [account.address, spender],
      }),
      publicClient.readContract({
        address: token,
        abi: tokenAbi,
        functionName: 'balanceOf',
        args: [account.address],
      }),
    ])
    if (allowance >= amount) return { approvalTxHash: undefined }
    if (balance < amount)
      throw new RegistryRevertError('ERC20InsufficientBalance', [account.address, balance, amount])
    const { request } = await publicClient.simulateContract({
      account,
      address: token,
      abi: tokenAbi,
      functionName: 'approve',
      args: [spender, amount],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { approvalTxHash: txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}

/**
 * The amount a failed simulation needed `spender` to be allowed, when a short allowance is all that stopped
 * it; any other failure is rethrown as a rights error.
 */
export function allowanceShortfall(error: unknown, spender: Address): bigint {
  const mapped = toRightsError(error)
  if (mapped instanceof RegistryRevertError && mapped.errorName === 'ERC20InsufficientAllowance') {
    const [who, , needed] = mapped.args as [Address, bigint, bigint]
    if (isAddressEqual(who, spender)) return needed
  }
  throw mapped
}
