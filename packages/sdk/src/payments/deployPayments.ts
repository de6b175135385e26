import {
  type Address,
  concatHex,
  encodeAbiParameters,
  type Hex,
  keccak256,
  type PublicClient,
  toHex,
  type WalletClient,
} from 'viem'
import { deployDeterministic, deterministicAddress } from '../chain/deployDeterministic.js'
import { agentWalletsBytecode } from '../generated/agentWallets.js'
import { escrowBytecode } from '../generated/escrow.js'
import { paymentChannelsBytecode } from '../generated/paymentChannels.js'
import { streamsBytecode } from '../generated/streams.js'

export const paymentChannelsSalt = keccak256(toHex('rightflow.payment-channels.v1'))
export const agentWalletsSalt = keccak256(toHex('rightflow.agent-wallets.v1'))
export const streamsSalt = keccak256(toHex('rightflow.streams.v1'))
export const escrowSalt = keccak256(toHex('rightflow.escrow.v1'))

/** Seconds a payer waits after `requestClose` before taking a channel's remainder back without the payee. */
export const defaultChallengePeriod = 86_400

/** The contracts of the Settle layer on one chain. */
export type PaymentAddresses = {
  paymentChannels: Address
  agentWallets: Address
  streams: Address
  escrow: Address
}

type Inputs = { assetRegistry: Address; paymentToken: Address; challengePeriod?: number | undefined }

function initCodes({ assetRegistry, paymentToken, challengePeriod = defaultChallengePeriod }: Inputs) {
  const token = encodeAbiParameters([{ type: 'address' }], [paymentToken])
  const paymentChannels = concatHex([
    paymentChannelsBytecode,
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'address' }, { type: 'uint64' }],
      [assetRegistry, paymentToken, BigInt(challengePeriod)],
    ),
  ])
  return {
    paymentChannels,
    // Bound to the PaymentChannels above: the only channel contract a wallet funds.
    agentWallets: concatHex([
      agentWalletsBytecode,
      encodeAbiParameters(
        [{ type: 'address' }, { type: 'address' }],
        [paymentToken, deterministicAddress(paymentChannels, paymentChannelsSalt)],
      ),
    ]),
    streams: concatHex([streamsBytecode, token]),
    escrow: concatHex([escrowBytecode, token]),
  } satisfies Record<keyof PaymentAddresses, Hex>
}

const salts: Record<keyof PaymentAddresses, Hex> = {
  paymentChannels: paymentChannelsSalt,
  agentWallets: agentWalletsSalt,
  streams: streamsSalt,
  escrow: escrowSalt,
}

/**
 * The deterministic addresses of the Settle contracts for an asset registry (royalty routing) and a payment
 * token: every machine derives the same ones.
 *
 * @example
 * const { paymentChannels } = paymentAddresses({ assetRegistry, paymentToken })
 */
export function paymentAddresses(inputs: Inputs): PaymentAddresses {
  const codes = initCodes(inputs)
  return {
    paymentChannels: deterministicAddress(codes.paymentChannels, salts.paymentChannels),
    agentWallets: deterministicAddress(codes.agentWallets, salts.agentWallets),
    streams: deterministicAddress(codes.streams, salts.streams),
    escrow: deterministicAddress(codes.escrow, salts.escrow),
  }
}

/**
 * Deploys the Settle contracts at their deterministic addresses, skipping any already there (idempotent).
 *
 * @example
 * const payments = await deployPayments({ publicClient, walletClient, ...rights })
 */
export async function deployPayments({
  publicClient,
  walletClient,
  ...inputs
}: Inputs & { publicClient: PublicClient; walletClient: WalletClient }): Promise<PaymentAddresses> {
  const codes = initCodes(inputs)
  for (const name of Object.keys(codes) as (keyof PaymentAddresses)[])
    await deployDeterministic({ publicClient, walletClient, initCode: codes[name], salt: salts[name], name })
  return paymentAddresses(inputs)
}
