import { copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodePaymentRequiredHeader, encodePaymentRequiredHeader } from '@x402/core/http'
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Actor,
  type ChannelHarness,
  type ChannelSite,
  callPrice,
  startChannelHarness,
} from '../../../server/test/payments/channelHarness.js'
import {
  type CreatePayingFetchParameters,
  createPayingFetch,
  NoPaymentOptionError,
  PaymentRejectedError,
  readPaymentResponse,
} from '../../src/index.js'

describe('paying by channel: one open, a voucher per call, top-ups, state kept and resynced', () => {
  let h: ChannelHarness
  let site: ChannelSite

  beforeAll(async () => {
    h = await startChannelHarness()
    site = await h.site()
  })
  afterAll(() => h?.stop())

  const payingFetch = (
    payer: Actor,
    options: Partial<CreatePayingFetchParameters> & { deposit?: bigint; statePath?: string } = {},
  ) => {
    const { deposit = 100_000n, statePath, ...rest } = options
    return createPayingFetch({
      account: payer.account,
      network: h.network,
      maxAmountPerRequest: callPrice,
      allowedAssets: [h.token],
      channel: {
        publicClient: h.chain.publicClient,
        walletClient: payer.walletClient,
        channels: h.contracts.paymentChannels,
        deposit,
        statePath,
      },
      ...rest,
    })
  }
  const url = () => `${site.url}/v1/paid/report`
  const nonceOf = (address: Address) => h.chain.publicClient.getTransactionCount({ address })
  const channelOf = async (payer: Actor, at = site) =>
    (
      await at.store.listOpen({
        network: h.network,
        channels: h.contracts.paymentChannels,
        payee: at.payee.account.address,
      })
    ).find((c) => c.payer === payer.account.address.toLowerCase())!
  const ok = async (response: Promise<Response>) => {
    const answer = await response
    expect(answer.status).toBe(200)
    await answer.arrayBuffer()
    return answer
  }

  it('opens one channel, then tops it up whenever the next call would exceed the deposit', async () => {
    const small = await h.site({ minDeposit: 5n * callPrice })
    const payer = await h.actor(10)
    const pay = payingFetch(payer, { deposit: 5n * callPrice })
    const smallUrl = `${small.url}/v1/paid/report`
    const first = await ok(pay(smallUrl))
    expect(readPaymentResponse(first)).toMatchObject({
      success: true,
      transaction: '',
      extra: { charged: '1000' },
    })
    expect(await nonceOf(payer.account.address)).toBe(2) // approve + open
    for (let i = 1; i < 12; i++) await ok(pay(smallUrl))
    // Two top-ups (each an approval and the top-up) took the deposit from 5 to 15 calls.
    expect(await nonceOf(payer.account.address)).toBe(6)
    expect(await channelOf(payer, small)).toMatchObject({
      charged: 12n * callPrice,
      deposit: 15n * callPrice,
    })
  })

  it('keeps its channels in the file it is given, written atomically, and pays from them after a restart', async () => {
    const payer = await h.actor(10)
    const dir = await mkdtemp(join(tmpdir(), 'rf-book-'))
    const statePath = join(dir, 'channels.json')
    const pay = payingFetch(payer, { statePath })
    for (let i = 0; i < 3; i++) await ok(pay(url()))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const saved = JSON.parse(await readFile(statePath, 'utf8'))
    expect(Object.values(saved.channels)).toEqual([
      expect.objectContaining({
        channelId: (await channelOf(payer)).channelId,
        signed: '3000',
        spent: '3000',
      }),
    ])
    expect(await readdir(dir)).toEqual(['channels.json'])
    const nonce = await nonceOf(payer.account.address)
    const restarted = payingFetch(payer, { statePath })
    await ok(restarted(url()))
    expect(await nonceOf(payer.account.address)).toBe(nonce)
    expect((await channelOf(payer)).charged).toBe(4n * callPrice)
  })

  it('resyncs from the server’s corrective 402 after losing its latest state, trusting its own signature only', async () => {
    const payer = await h.actor(10)
    const dir = await mkdtemp(join(tmpdir(), 'rf-book-'))
    const statePath = join(dir, 'channels.json')
    const pay = payingFetch(payer, { statePath })
    await ok(pay(url()))
    await new Promise((resolve) => setTimeout(resolve, 50))
    await copyFile(statePath, join(dir, 'old.json'))
    for (let i = 0; i < 2; i++) await ok(pay(url()))
    await new Promise((resolve) => setTimeout(resolve, 50))
    // The client comes back with a file two vouchers behind: its first voucher is stale.
    await copyFile(join(dir, 'old.json'), statePath)
    const sent: string[] = []
    const restarted = payingFetch(payer, {
      statePath,
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        sent.push(
          response.status === 402
            ? (decodePaymentRequiredHeader(response.headers.get('payment-required')!).error ?? '')
            : String(response.status),
        )
        return response
      },
    })
    await ok(restarted(url()))
    expect(sent).toEqual(['payment_required', 'voucher_stale', '200'])
    expect(await channelOf(payer)).toMatchObject({
      charged: 4n * callPrice,
      accepted: { amount: 4n * callPrice },
    })
  })

  it('never trusts a server’s charged above what it signed', async () => {
    const payer = await h.actor(10)
    let forge = false
    const required = decodePaymentRequiredHeader((await fetch(url())).headers.get('payment-required')!)
    const pay = payingFetch(payer, {
      fetch: async (input, init) => {
        if (!forge || !new Request(input, init).headers.get('payment-signature')) return fetch(input, init)
        // A lying server: it claims the payer already owes far more, with a voucher the payer never signed.
        const accepts = required.accepts.map((r) =>
          r.scheme !== 'channel'
            ? r
            : {
                ...r,
                extra: {
                  ...r.extra,
                  channelId: channelId!,
                  accepted: '90000',
                  charged: '90000',
                  deposit: '100000',
                  signature: `0x${'11'.repeat(64)}1b`,
                },
              },
        )
        return new Response('{}', {
          status: 402,
          headers: {
            'payment-required': encodePaymentRequiredHeader({
              ...required,
              accepts,
              error: 'voucher_insufficient',
            }),
          },
        })
      },
    })
    let channelId: string | undefined
    await ok(pay(url()))
    channelId = (await channelOf(payer)).channelId
    forge = true
    const error = await pay(url()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaymentRejectedError)
    expect((error as PaymentRejectedError).reason).toBe('voucher_insufficient')
    forge = false
    // The next voucher is the honest one: one call more than the server really charged.
    await ok(pay(url()))
    expect(await channelOf(payer)).toMatchObject({
      charged: 2n * callPrice,
      accepted: { amount: 2n * callPrice },
    })
  })

  it('reuses the credit of a call that failed: the next call sends the same voucher', async () => {
    const payer = await h.actor(10)
    const pay = payingFetch(payer)
    await ok(pay(url()))
    site.failNext(1)
    const failed = await pay(url())
    expect(failed.status).toBe(500)
    expect(await channelOf(payer)).toMatchObject({ charged: callPrice, accepted: { amount: 2n * callPrice } })
    await ok(pay(url()))
    expect(await channelOf(payer)).toMatchObject({
      charged: 2n * callPrice,
      accepted: { amount: 2n * callPrice },
    })
  })

  it('prefers the first of its schemes the server offers', async () => {
    const payer = await h.actor(10)
    const byExact = await ok(payingFetch(payer, { schemes: ['exact', 'channel'] })(url()))
    expect(readPaymentResponse(byExact)?.transaction).toMatch(/^0x[0-9a-f]{64}$/)
    const byChannel = await ok(payingFetch(payer)(url()))
    expect(readPaymentResponse(byChannel)?.transaction).toBe('')
  })

  it('deposits only into the channel contract it was given, whatever a server names', async () => {
    const payer = await h.actor(10)
    const elsewhere = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const response = await fetch(input, init)
      const header = response.headers.get('payment-required')
      if (!header) return response
      const required = decodePaymentRequiredHeader(header)
      for (const r of required.accepts)
        if (r.scheme === 'channel') r.extra = { ...r.extra, channels: h.contracts.escrow }
      return new Response('{}', {
        status: 402,
        headers: { 'payment-required': encodePaymentRequiredHeader(required) },
      })
    }
    const error = await payingFetch(payer, { schemes: ['channel'], fetch: elsewhere })(url()).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NoPaymentOptionError)
    expect(await nonceOf(payer.account.address)).toBe(0)
  })
})
