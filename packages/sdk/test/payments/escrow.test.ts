import { keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createEscrow,
  deliveryReceiptDigest,
  escrowAbi,
  readEscrow,
  refundEscrow,
  releaseEscrow,
  releaseEscrowWithReceipt,
  signDeliveryReceipt,
} from '../../src/index.js'
import { expectRevert, type PaymentsChain, startPaymentsChain } from '../support/paymentsChain.js'
import { type Actor, usd } from '../support/rightsChain.js'

const hour = 3_600

let chain: PaymentsChain
let payer: Actor
let payee: Actor
let arbiter: Actor

beforeAll(async () => {
  chain = await startPaymentsChain()
  payer = await chain.actor(200)
  payee = await chain.actor(0)
  arbiter = await chain.actor(0)
})

afterAll(async () => {
  await chain?.stop()
})

const clients = (actor: Actor) => ({
  publicClient: chain.publicClient,
  walletClient: actor.walletClient,
  contracts: chain.payments,
})
const domain = () => ({ chainId: chain.chainId, escrow: chain.payments.escrow })
const create = async (amount = usd(50), withArbiter = false) =>
  createEscrow({
    ...clients(payer),
    payee: payee.account.address,
    amount,
    deadline: (await chain.now()) + hour,
    ...(withArbiter ? { arbiter: arbiter.account.address } : {}),
  })
const deal = (escrowId: bigint) => readEscrow({ ...clients(payer), escrowId })

describe('an escrow', () => {
  it('locks the amount, releases part by the payer and part by the arbiter, and reads back exactly', async () => {
    const before = await chain.balance(payer.account.address)
    const deadline = (await chain.now()) + hour
    const created = await createEscrow({
      ...clients(payer),
      payee: payee.account.address,
      amount: usd(50),
      deadline,
      arbiter: arbiter.account.address,
    })
    expect(created.approvalTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await chain.balance(payer.account.address)).toBe(before - usd(50))
    await releaseEscrow({ ...clients(payer), escrowId: created.escrowId, amount: usd(20) })
    await releaseEscrow({ ...clients(arbiter), escrowId: created.escrowId, amount: usd(5) })
    expect(await chain.balance(payee.account.address)).toBe(usd(25))
    expect(await deal(created.escrowId)).toEqual({
      escrowId: created.escrowId,
      payer: payer.account.address,
      payee: payee.account.address,
      arbiter: arbiter.account.address,
      amount: usd(50),
      released: usd(25),
      remaining: usd(25),
      deadline,
      refunded: false,
    })
    await expectRevert(
      releaseEscrow({ ...clients(payer), escrowId: created.escrowId, amount: usd(26) }),
      'over_remaining',
      [usd(26), usd(25)],
    )
    await expectRevert(
      releaseEscrow({ ...clients(payee), escrowId: created.escrowId, amount: 1n }),
      'not_payer_or_arbiter',
      [created.escrowId, payee.account.address],
    )
  })

  it('refunds exactly what was not released from the deadline on, once', async () => {
    const created = await create(usd(30))
    await releaseEscrow({ ...clients(payer), escrowId: created.escrowId, amount: usd(12.5) })
    const { deadline } = (await deal(created.escrowId))!
    await expectRevert(
      refundEscrow({ ...clients(payee), escrowId: created.escrowId }),
      'deadline_not_passed',
      [created.escrowId, BigInt(deadline)],
    )
    await chain.travel(hour)
    await expectRevert(
      releaseEscrow({ ...clients(payer), escrowId: created.escrowId, amount: 1n }),
      'deadline_passed',
      [created.escrowId, BigInt(deadline)],
    )
    const before = await chain.balance(payer.account.address)
    const refunded = await refundEscrow({ ...clients(payee), escrowId: created.escrowId }) // anyone may send it
    expect(refunded.refunded).toBe(usd(17.5))
    expect(await chain.balance(payer.account.address)).toBe(before + usd(17.5))
    expect(await deal(created.escrowId)).toMatchObject({ refunded: true, released: usd(12.5), remaining: 0n })
    await expectRevert(refundEscrow({ ...clients(payer), escrowId: created.escrowId }), 'already_refunded')
  })

  it('refuses a deadline that is not ahead of the chain, and reads an unknown id as undefined', async () => {
    const now = await chain.now()
    await expectRevert(
      createEscrow({ ...clients(payer), payee: payee.account.address, amount: 1n, deadline: now }),
      'deadline_not_in_future',
      [BigInt(now)],
    )
    expect(await deal(9_999n)).toBeUndefined()
  })
})

describe('delivery receipts', () => {
  it('hash as the contract’s receiptDigest does', async () => {
    const receipt = { escrowId: 7n, amount: usd(3), deliveryHash: keccak256(toHex('the report')) }
    const onChain = await chain.publicClient.readContract({
      address: chain.payments.escrow,
      abi: escrowAbi,
      functionName: 'receiptDigest',
      args: [receipt.escrowId, receipt.amount, receipt.deliveryHash],
    })
    expect(deliveryReceiptDigest(receipt, domain())).toBe(onChain)
  })

  it('release to the payee when the payer signed them, once each', async () => {
    const created = await create(usd(40))
    const receipt = {
      escrowId: created.escrowId,
      amount: usd(10),
      deliveryHash: keccak256(toHex('delivery 1')),
    }
    const signature = await signDeliveryReceipt({ account: payer.account, domain: domain(), receipt })
    const before = await chain.balance(payee.account.address)
    await releaseEscrowWithReceipt({ ...clients(payee), receipt, signature })
    expect(await chain.balance(payee.account.address)).toBe(before + usd(10))
    expect((await deal(created.escrowId))!.released).toBe(usd(10))
    await expectRevert(releaseEscrowWithReceipt({ ...clients(payee), receipt, signature }), 'receipt_used', [
      deliveryReceiptDigest(receipt, domain()),
    ])

    const other = { ...receipt, deliveryHash: keccak256(toHex('delivery 2')) }
    const forged = await signDeliveryReceipt({ account: payee.account, domain: domain(), receipt: other })
    await expectRevert(
      releaseEscrowWithReceipt({ ...clients(payee), receipt: other, signature: forged }),
      'invalid_receipt',
      [created.escrowId],
    )
  })
})
