import {
  type ApiRecord,
  createRecord,
  deployRegistry,
  type Hex,
  recordId,
  sha256Bytes,
  signRecord,
} from '@rightflow/sdk'
import { type Anvil, type RunningServer, silentLogger, startAnvil, startServer } from '@rightflow/server'
import type { Page } from 'playwright-core'
import { createPublicClient, createWalletClient, http, keccak256 } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Chromium, collectPageErrors, launchChromium } from './support/chromium.js'

const devKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const creator = privateKeyToAccount(devKey)
const screenshotPath = '/tmp/rightflow-web.png'

const bytesOf = (text: string) => new TextEncoder().encode(text)
const fileBytes = bytesOf('harbour at dawn, colour graded: the file under test')

let anvil: Anvil
let server: RunningServer
let browser: Chromium
let page: Page
/** Script errors, failed loads and error responses seen by the page, from its first navigation on. */
const pageErrors: string[] = []
const ids: Record<'raw' | 'lut' | 'graded' | 'remix' | 'poster', Hex> = {} as never

type Extra = { parents?: Hex[]; origin?: 'human' | 'ai-assisted' | 'composite'; model?: string }

/** Registers through the HTTP API, signed by the creator's key as any client would. */
async function register(bytes: Uint8Array, title: string, extra: Extra = {}) {
  const record = createRecord({
    creator: creator.address,
    contentHash: sha256Bytes(bytes),
    size: bytes.length,
    mediaType: 'image/jpeg',
    origin: extra.origin ?? 'human',
    model: extra.model,
    parents: extra.parents,
    metadata: { title },
  })
  const { signature } = await signRecord({
    account: creator,
    record,
    domain: { chainId: server.chain.chainId, registry: server.chain.registry },
  })
  const response = await fetch(`${server.url}/v1/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ record, signature, metadata: { title } }),
  })
  expect(response.status).toBe(202)
  return recordId(record)
}

beforeAll(async () => {
  anvil = await startAnvil()
  const transport = http(anvil.rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport })
  const walletClient = createWalletClient({ chain: foundry, transport, account: creator })
  await deployRegistry({ publicClient, walletClient })
  server = await startServer({
    rpcUrl: anvil.rpcUrl,
    relayerKey: devKey,
    databasePath: ':memory:',
    port: 0,
    batch: { maxCount: 10, maxAgeMs: 100 },
    log: silentLogger,
  })
  // A small family: two ingredients, the file under test, and two works made from it.
  ids.raw = await register(bytesOf('raw harbour photograph'), 'Harbour, raw capture')
  ids.lut = await register(bytesOf('colour look-up table'), 'Film LUT “Kodachrome 64”')
  ids.graded = await register(fileBytes, 'Harbour at dawn', { parents: [ids.raw, ids.lut] })
  ids.remix = await register(bytesOf('harbour, extended sky'), 'Harbour, wider sky', {
    parents: [ids.graded],
    origin: 'ai-assisted',
    model: 'sky-fill-2',
  })
  ids.poster = await register(bytesOf('festival poster'), 'Festival poster', {
    parents: [ids.graded],
    origin: 'composite',
  })
  await server.batcher.tick(true)
  await server.batcher.waitForSent()
  await server.indexer.poll()
  const anchored = (await fetch(`${server.url}/v1/records/${ids.graded}`).then((r) => r.json())) as {
    status: string
  }
  expect(anchored.status).toBe('anchored')

  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  collectPageErrors(page, pageErrors)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await anvil?.stop()
})

describe('web app in Chromium', () => {
  it('leads from the site root to the app', async () => {
    const visitor = await browser.context.newPage()
    const response = await visitor.goto(`${server.url}/`)
    expect(response?.status()).toBe(200)
    expect(await visitor.locator('#drop').count()).toBe(1)
    await visitor.close()
  })

  it('serves the app with the chain, registry and counts in the header', async () => {
    await page.goto(`${server.url}/app/index.html`)
    const network = page.locator('#network')
    await expect.poll(() => network.textContent()).toContain(`eip155:${server.chain.chainId}`)
    expect(await network.textContent()).toMatch(/Records\s*5/)
    expect(await network.locator('dd[title]').getAttribute('title')).toBe(server.chain.registry)
    expect(await page.locator('a.docs').getAttribute('href')).toBe('/docs')
  })

  it('computes keccak256 in the browser exactly as viem does', async () => {
    const lengths = [0, 1, 3, 32, 64, 135, 136, 137, 272, 320, 1000]
    const inputs = lengths.map((n) => Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff))
    // A string, not a function: vitest rewrites `import()` inside test code, and this one must run in the page.
    const browser: string[] = await page.evaluate(`import('/app/app.js').then((app) =>
      ${JSON.stringify(inputs)}.map((bytes) => app.toHex(app.keccak256(new Uint8Array(bytes)))))`)
    expect(browser).toEqual(inputs.map((bytes) => keccak256(new Uint8Array(bytes))))
    expect(browser[0]).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  })

  it('verifies a registered file locally and shows its birth certificate', async () => {
    await page
      .locator('#file')
      .setInputFiles({ name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fileBytes) })
    const card = page.locator('article.cert')
    await expect.poll(() => card.locator('.badge').textContent()).toContain('Verified on chain')
    const text = (await card.textContent()) ?? ''
    expect(text).toContain('Harbour at dawn')
    expect(text).toContain(ids.graded)
    expect(text).toContain(sha256Bytes(fileBytes))
    expect(text).toContain('matches your file')
    expect(await card.locator('.checks li.ok').count()).toBe(4)
    expect(await card.locator('.checks li.bad').count()).toBe(0)
    // Two parents above, the file itself, two derivatives below; parents get their titles.
    await expect.poll(() => page.locator('.lineage .node').count()).toBe(5)
    expect(await page.locator('.lineage .branch.up .node').count()).toBe(2)
    expect(await page.locator('.lineage .branch.down .node').count()).toBe(2)
    await expect.poll(() => card.locator('.parents').textContent()).toContain('Harbour, raw capture')
    // Without the License contracts on this chain the page says nothing about licensing, either way.
    expect(await page.locator('.license-slot').innerHTML()).toBe('')
    await page.screenshot({ path: screenshotPath, fullPage: true })
  })

  it('opens an ancestor from the lineage tree', async () => {
    await page.locator(`.lineage a.node[data-id="${ids.raw}"]`).click()
    await expect.poll(() => page.locator('#cert-title').textContent()).toBe('Harbour, raw capture')
    expect(page.url()).toContain(`#record=${ids.raw}`)
    const card = (await page.locator('article.cert').textContent()) ?? ''
    expect(card).toContain('Verified on chain')
    expect(card).toContain(ids.raw)
    // Its lineage now has two generations of descendants below it and nothing above.
    await expect.poll(() => page.locator('.lineage .branch.down .node').count()).toBe(3)
    expect(await page.locator('.lineage .branch.up').count()).toBe(0)
    await page.goBack()
    await expect.poll(() => page.locator('#cert-title').textContent()).toBe('Harbour at dawn')
  })

  it('flags a certificate whose title or proof was altered on the way', async () => {
    // A server (or anything between) that rewrites the answer cannot pass the browser's own checks.
    await page.route('**/v1/records?contentHash=*', async (route) => {
      const body = (await (await route.fetch()).json()) as { items: ApiRecord[] }
      const [entry] = body.items
      entry!.metadata = { title: 'A forged title' }
      entry!.batch!.proof = entry!.batch!.proof.map((p, i) => (i === 0 ? `0x${'ab'.repeat(32)}` : p)) as Hex[]
      await route.fulfill({ json: body })
    })
    await page
      .locator('#file')
      .setInputFiles({ name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fileBytes) })
    const card = page.locator('article.cert')
    await expect.poll(() => card.locator('.badge').textContent()).toContain('Does not add up')
    expect(await card.locator('.checks li.bad').allTextContents()).toEqual([
      expect.stringContaining('title and metadata'),
      expect.stringContaining('Merkle proof'),
    ])
    await page.unroute('**/v1/records?contentHash=*')
  })

  it('says "No record" for bytes nobody registered', async () => {
    const stranger = bytesOf('never registered anywhere')
    await page.locator('#file').setInputFiles({
      name: 'stranger.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(stranger),
    })
    await expect.poll(() => page.locator('article.cert .badge').textContent()).toContain('No record')
    expect(await page.locator('article.cert').textContent()).toContain(sha256Bytes(stranger))
    expect(pageErrors).toEqual([])
  })

  it("shows the creator's record as the certificate when a stranger ground a lower id into the same batch", async () => {
    const bytes = bytesOf('a sketch whose pending record a stranger copied into the same batch')
    const original = await register(bytes, 'Sketch')
    // The stranger signs its own record of the public pending hash, its id ground below the creator's.
    const stranger = privateKeyToAccount(generatePrivateKey())
    let attempt = 0
    const grind = () =>
      createRecord({
        creator: stranger.address,
        contentHash: sha256Bytes(bytes),
        size: bytes.length,
        mediaType: 'image/jpeg',
        origin: 'ai-assisted',
        model: `m${attempt++}`,
      })
    let record = grind()
    while (recordId(record) >= original) record = grind()
    const { signature } = await signRecord({
      account: stranger,
      record,
      domain: { chainId: server.chain.chainId, registry: server.chain.registry },
    })
    const posted = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ record, signature }),
    })
    expect(posted.status).toBe(202)
    await server.batcher.tick(true)
    await server.batcher.waitForSent()
    await server.indexer.poll()

    await page
      .locator('#file')
      .setInputFiles({ name: 'sketch.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(bytes) })
    const card = page.locator('article.cert')
    await expect.poll(() => page.locator('#cert-title').textContent()).toBe('Sketch')
    expect(await card.locator('.badge').textContent()).toContain('Verified on chain')
    expect(await card.textContent()).toContain(original)
    expect(await card.locator('.others').textContent()).toContain('1 later claim')
    expect(await card.locator('.others a.record-link').getAttribute('data-id')).toBe(recordId(record))
    expect(pageErrors).toEqual([])
  })
})
