import { createPayingFetch, type Hex, mintTestStablecoin, sha256Bytes } from '@rightflow/sdk'
import type { LocalAccount, WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMulticall3 } from '../../src/payments/facilitator/ensureMulticall3.js'
import { makeSigned } from '../support/records.js'
import { fundedActor, usd } from '../support/rightsActors.js'
import { type Harness, startHarness, submission } from './serverHarness.js'

type Actor = { account: LocalAccount; walletClient: WalletClient }

/** What a browser must get for each declared media type: only passive types inline, as themselves. */
const cases: { declared: string; type: string; disposition: 'inline' | 'attachment' }[] = [
  { declared: 'text/html', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'image/svg+xml', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'application/xhtml+xml', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'text/xml', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'text/javascript', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'application/pdf', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'application/x-unknown', type: 'application/octet-stream', disposition: 'attachment' },
  { declared: 'image/png', type: 'image/png', disposition: 'inline' },
  { declared: 'video/mp4', type: 'video/mp4', disposition: 'inline' },
  { declared: 'text/plain', type: 'text/plain; charset=utf-8', disposition: 'inline' },
]

const script = '<script>document.title = "ran in your origin"</script>'

describe('active content from our origin: every response carrying uploaded bytes is safe to open in a browser', () => {
  let h: Harness
  let creator: Actor
  let paying: typeof fetch
  const works = new Map<string, Hex>()

  beforeAll(async () => {
    h = await startHarness()
    await ensureMulticall3({ rpcUrl: h.chain.rpcUrl })
    creator = await fundedActor(h.chain)
    for (const { declared } of cases) {
      const bytes = new TextEncoder().encode(`${declared} ${script}`)
      const contentHash = sha256Bytes(bytes)
      const record = await makeSigned(creator.account, h.domain, { contentHash, mediaType: declared })
      expect((await h.post('/v1/records', submission(record))).status).toBe(202)
      expect((await h.putContent(creator.account, bytes)).status).toBe(201)
      works.set(declared, contentHash)
    }
    const payer = await fundedActor(h.chain)
    await mintTestStablecoin({
      publicClient: h.chain.publicClient,
      walletClient: h.chain.walletClient,
      token: h.chain.rights.paymentToken,
      to: payer.account.address,
      amount: usd(5),
    })
    paying = createPayingFetch({
      account: payer.account,
      network: `eip155:${h.chain.chainId}`,
      maxAmountPerRequest: usd(0.001),
      allowedAssets: [h.chain.rights.paymentToken],
      schemes: ['channel'],
      channel: {
        publicClient: h.chain.publicClient,
        walletClient: payer.walletClient,
        channels: h.chain.payments.paymentChannels,
        deposit: usd(0.5),
      },
    })
  })
  afterAll(() => h?.stop())

  const expectSafe = (response: Response, { declared, type, disposition }: (typeof cases)[number]) => {
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('content-disposition')).toBe(disposition)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp.split(';').map((d) => d.trim())).toEqual(
      expect.arrayContaining(['sandbox', "default-src 'none'"]),
    )
    expect(response.headers.get('rightflow-media-type')).toBe(declared)
  }

  for (const work of cases)
    it(`active content from our origin: GET /v1/content serves ${work.declared} as ${work.type}, ${work.disposition}`, async () => {
      const response = await fetch(`${h.server.url}/v1/content/${works.get(work.declared)}`)
      expectSafe(response, work)
      expect(await response.text()).toContain(script)
    })

  for (const work of cases)
    it(`active content from our origin: the paid route serves ${work.declared} as ${work.type}, ${work.disposition}`, async () => {
      const response = await paying(
        `${h.server.url}/v1/paid/content/${works.get(work.declared)}?use=inference`,
      )
      expectSafe(response, work)
      expect(await response.text()).toContain(script)
    })

  it('answers of the API are data no browser runs or frames: nosniff and a CSP that allows nothing', async () => {
    for (const path of ['/health', '/v1/records/0x1234', '/no/such/route', '/openapi.json']) {
      const response = await fetch(`${h.server.url}${path}`)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      )
    }
  })

  it('the web app and /docs load only their own scripts and cannot be framed', async () => {
    for (const path of ['/app/', '/docs']) {
      const response = await fetch(`${h.server.url}${path}`)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain("script-src 'self' 'unsafe")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})
