import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'

export type ChannelIdOfParameters = {
  /** The account that funds the channel: an EOA, or an agent's channel account for wallet channels. */
  payer: Address
  payee: Address
  voucherSigner: Address
  salt: Hex
}

export type ChannelIdOfReturnType = Hex

/**
 * The id `open` gives a channel, computed locally: keccak256(abi.encode(payer, payee, voucherSigner, salt)),
 * equal to the contract's `channelIdOf`.
 *
 * @example
 * const channelId = channelIdOf({ payer, payee, voucherSigner: payer, salt })
 */
export function channelIdOf({
  payer,
  payee,
  voucherSigner,
  salt,
}: ChannelIdOfParameters): ChannelIdOfReturnType {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'address' }, { type: 'address' }, { type: 'bytes32' }],
      [payer, payee, voucherSigner, salt],
    ),
  )
}
