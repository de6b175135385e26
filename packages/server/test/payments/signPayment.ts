import { randomBytes } from 'node:crypto'
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from '@x402/core/http'
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from '@x402/core/types'
import { authorizationTypes } from '@x402/evm'
import { type Address, getAddress, type Hex, type LocalAccount, toHex } from 'viem'

export type Authorization = {
  from: Address
  to: Address
  value: string
  validAfter: string
  validBefore: string
  nonce: Hex
}

export type Tamper = {
  /** Changes to what is signed (and sent). */
  authorization?: Partial<Authorization>
  /** Signs for another chain than the one the requirements name. */
  chainId?: number
  /** Changes to the requirements the payload claims to accept (sent, not signed). */
  accepted?: Partial<PaymentRequirements>
}

/** What a resource asks for, read from its 402. */
export async function paymentRequiredAt(url: string): Promise<PaymentRequired> {
  const response = await fetch(url)
  if (response.status !== 402) throw new Error(`expected 402 from ${url}, got ${response.status}`)
  return decodePaymentRequiredHeader(response.headers.get('payment-required')!)
}

/**
 * A PAYMENT-SIGNATURE header for the first way `required` accepts, signed as x402's exact EVM client would
 * (EIP-3009 TransferWithAuthorization), with optional tampering to build bad payments.
 */
export async function signPayment(account: LocalAccount, required: PaymentRequired, tamper: Tamper = {}) {
  const requirements = required.accepts[0]!
  const now = Math.floor(Date.now() / 1000)
  const authorization: Authorization = {
    from: account.address,
    to: getAddress(requirements.payTo),
    value: requirements.amount,
    validAfter: '0',
    validBefore: String(now + requirements.maxTimeoutSeconds),
    nonce: toHex(randomBytes(32)),
    ...tamper.authorization,
  }
  const signature = await account.signTypedData({
    domain: {
      name: requirements.extra.name as string,
      version: requirements.extra.version as string,
      chainId: tamper.chainId ?? Number(requirements.network.split(':')[1]),
      verifyingContract: getAddress(requirements.asset),
    },
    types: authorizationTypes,
    primaryType: 'TransferWithAuthorization',
    message: {
      ...authorization,
      value: BigInt(authorization.value),
      validAfter: BigInt(authorization.validAfter),
      validBefore: BigInt(authorization.validBefore),
    },
  })
  const payload: PaymentPayload = {
    x402Version: 2,
    resource: required.resource,
    accepted: { ...requirements, ...tamper.accepted },
    payload: { authorization, signature },
  }
  return encodePaymentSignatureHeader(payload)
}
