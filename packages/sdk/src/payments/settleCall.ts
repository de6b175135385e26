import {
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  toHex,
  type WalletClient,
  type WriteContractParameters,
} from 'viem'
import { RegistryRevertError } from '../errors/chainErrors.js'
import { agentWalletsAbi } from '../generated/agentWallets.js'
import { escrowAbi } from '../generated/escrow.js'
import { paymentChannelsAbi } from '../generated/paymentChannels.js'
import { streamsAbi } from '../generated/streams.js'
import { allowanceShortfall, ensureAllowance } from '../rights/ensureAllowance.js'
import { sendAndWait } from '../rights/rightsCall.js'
import { toRightsError } from '../rights/rightsErrors.js'
import { paymentsErrorsAbi } from './paymentsErrorsAbi.js'

// Each Settle contract's ABI with every Settle and License error appended, so a revert raised anywhere in the
// call (the contract's, a vault's, the token's) decodes by name.
export const channelsCallAbi = [...paymentChannelsAbi, ...paymentsErrorsAbi] as const
export const walletsCallAbi = [...agentWalletsAbi, ...paymentsErrorsAbi] as const
export const streamsCallAbi = [...streamsAbi, ...paymentsErrorsAbi] as const
export const escrowCallAbi = [...escrowAbi, ...paymentsErrorsAbi] as const

type Sent = { txHash: Hex; receipt: TransactionReceipt; approvalTxHash?: Hex }

/**
 * Sends a call that pulls payment token from the sender into `spender`. Simulated first, so the contract's own
 * checks speak before anything is approved; when a short allowance is all that stopped it, exactly the shortfall
 * is approved and the call simulated again. No permit: the Settle contracts have no permit entry points, and a
 * permit the payer submits itself costs a transaction just as an approval does.
 */
export async function sendPulling({
  publicClient,
  walletClient,
  token,
  spender,
  simulate,
}: {
  publicClient: PublicClient
  walletClient: WalletClient
  token: Address
  spender: Address
  simulate: () => Promise<{ request: WriteContractParameters }>
}): Promise<Sent> {
  let needed = 0n
  const plain = await simulate().catch((error: unknown) => {
    needed = allowanceShortfall(error, spender) // rethrows any other failure
    return undefined
  })
  if (plain) return sendAndWait(publicClient, walletClient, plain.request)
  const { approvalTxHash } = await ensureAllowance({
    publicClient,
    walletClient,
    token,
    spender,
    amount: needed,
  })
  const { request } = await simulate()
  const sent = await sendAndWait(publicClient, walletClient, request)
  return approvalTxHash ? { ...sent, approvalTxHash } : sent
}

/** A view call that reverts `errorName` for an id never created, read as undefined; any other failure throws. */
export async function unlessUnknown<T>(read: Promise<T>, errorName: string): Promise<T | undefined> {
  try {
    return await read
  } catch (error) {
    const mapped = toRightsError(error)
    if (mapped instanceof RegistryRevertError && mapped.errorName === errorName) return undefined
    throw mapped
  }
}

/** 32 random bytes: a fresh salt or nonce. */
export function randomBytes32(): Hex {
  return toHex(crypto.getRandomValues(new Uint8Array(32)))
}
