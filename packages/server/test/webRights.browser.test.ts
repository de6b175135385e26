import {
  buyLicense,
  createAsset,
  createDerivative,
  type Hex,
  mintTestStablecoin,
  payRoyalty,
  retireTerms,
  setTerms,
} from '@rightflow/sdk'
import type { Page } from 'playwright-core'
import type { LocalAccount, WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness, submission } from './api/serverHarness.js'
import { type Chromium, collectPageErrors, launchChromium } from './support/chromium.js'
import { makeSigned } from './support/records.js'
import { fundedActor, openTerms, usd } from './support/rightsActors.js'

type Actor = { account: LocalAccount; walletClient: WalletClient }

const day = 86_400
const screenshotPath = '/tmp/rightflow-web-license.png'

let h: Harness
let browser: Chromium
let page: Page
let owner: Actor
let maker: Actor
const pageErrors: string[] = []
const ids: Record<'work' | 'plain' | 'remix', Hex> = {} as never
/** The unix second the terms' expiry counts from. */
let now: number

/** Registers a record in direct mode through the HTTP API, signed by its creator. */
async function registerDirect(creator: Actor, title: string, parents: Hex[] = []) {
  const metadata = { title }
  const signed = await makeSigned(creator.account, h.domain, { metadata, parents })
  const response = await h.post('/v1/records', submission(signed, { mode: 'direct', metadata }))
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: Hex }).id
}

const clients = (actor: Actor) => ({ publicClient: h.chain.publicClient, walletClient: actor.walletClient })

/** The cells of a table row, one per terms set (the row header left out). */
const cells = (scope: ReturnType<Page['locator']>, row: string) =>
  scope.locator(`tr:has(th[scope=row]:text-is("${row}")) td`).allTextContents()

/** Loads the app afresh on a record's certificate and waits for it. */
async function open(id: Hex, title: string, target = page) {
  await target.goto('about:blank')
  await target.goto(`${h.server.url}/app/#record=${id}`)
  await expect.poll(() => target.locator('#cert-title').textContent()).toBe(title)
}

beforeAll(async () => {
  h = await startHarness()
  owner = await fundedActor(h.chain)
  maker = await fundedActor(h.chain)
  const contracts = h.chain.rights
  now = Math.floor(Date.now() / 1000)

  ids.work = await registerDirect(owner, 'Harbour at dawn')
  ids.plain = await registerDirect(owner, 'Harbour sketch, never licensed')
  ids.remix = await registerDirect(maker, 'Harbour, wider sky', [ids.work])

  await createAsset({ ...clients(owner), contracts, recordId: ids.work, kind: 'work' })
  // On sale: one set pricing each use differently, one dearer set that expires in 30 days.
  const { termsId: everyday } = await setTerms({
    ...clients(owner),
    contracts,
    assetId: ids.work,
    terms: openTerms(0n, 1_000, {
      uses: {
        'data-mining': { allowed: false, price: 0n },
        inference: { allowed: true, price: usd(2.5) },
        'generative-training': { allowed: true, price: 0n },
        training: { allowed: true, price: 100n },
      },
      transferable: false,
    }),
  })
  await setTerms({
    ...clients(owner),
    contracts,
    assetId: ids.work,
    terms: openTerms(usd(40), 2_500, { commercialUse: false, expiresAt: now + 30 * day }),
  })
  const { termsId: withdrawn } = await setTerms({
    ...clients(owner),
    contracts,
    assetId: ids.work,
    terms: openTerms(usd(1)),
  })
  await retireTerms({ ...clients(owner), contracts, termsId: withdrawn })

  // The maker licenses inference ($2.50), derives a model from the work and is paid $10 for it: the work's
  // vault receives the fee and its 10% of the royalty, $3.50 in all.
  await mintTestStablecoin({
    ...clients(maker),
    token: contracts.paymentToken,
    to: maker.account.address,
    amount: usd(20),
  })
  const { licenseId } = await buyLicense({
    ...clients(maker),
    contracts,
    termsId: everyday,
    use: 'inference',
    maxPrice: usd(2.5),
  })
  await createDerivative({
    ...clients(maker),
    contracts,
    recordId: ids.remix,
    kind: 'model',
    parentLicenseIds: [licenseId],
  })
  await payRoyalty({ ...clients(maker), contracts, assetId: ids.remix, amount: usd(10) })

  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  collectPageErrors(page, pageErrors)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await h?.stop()
})

describe('the License panel in Chromium', () => {
  it('shows the price of each AI use under every terms set on sale', async () => {
    await open(ids.work, 'Harbour at dawn')
    const panel = page.locator('section.license')
    const onSale = panel.locator('.license-body > .table-scroll table.terms')
    await expect.poll(() => onSale.count()).toBe(1)
    expect(await onSale.locator('thead th[data-terms]').count()).toBe(2)
    expect(await cells(onSale, 'Data mining')).toEqual(['not allowed', '$40.00'])
    expect(await cells(onSale, 'Inference')).toEqual(['$2.50', '$40.00'])
    expect(await cells(onSale, 'Generative training')).toEqual(['free', '$40.00'])
    expect(await cells(onSale, 'Training')).toEqual(['$0.0001', '$40.00'])
    expect(await cells(onSale, 'Licenses sold')).toEqual(['1 sold', '0 sold'])
    const [always, until] = await cells(onSale, 'Status')
    expect(always).toBe('Active')
    expect(until).toMatch(/^Active until /)
    expect(await cells(onSale, 'Derivatives')).toEqual(['10% of their revenue', '25% of their revenue'])
    expect(await cells(onSale, 'Commercial use')).toEqual(['Allowed', 'Not allowed'])
    expect(await cells(onSale, 'Attribution')).toEqual(['Required', 'Required'])
    expect(await cells(onSale, 'Transferable')).toEqual(['No', 'Yes'])
  })

  it('shows the owner, the kind and the vault’s totals, and keeps retired terms apart', async () => {
    await open(ids.work, 'Harbour at dawn')
    const panel = page.locator('section.license')
    await expect.poll(() => panel.count()).toBe(1)
    expect(await panel.locator('.chip.kind').textContent()).toBe('Work')
    expect(await panel.locator('.fields').textContent()).toContain(owner.account.address)
    expect(await panel.locator('[data-stat=received] dd').textContent()).toBe('$3.50')
    expect(await panel.locator('[data-stat=claimed] dd').textContent()).toBe('$0.00')
    expect(await panel.locator('[data-stat=paid-to-ancestors] dd').textContent()).toBe('$0.00')
    expect(await panel.locator('.vault').textContent()).toContain(
      'The owner holds 100% of the revenue shares and can claim $3.50 now.',
    )
    const earlier = panel.locator('details.earlier')
    expect(await earlier.locator('summary').textContent()).toBe('1 earlier terms set, no longer on sale')
    await earlier.locator('summary').click()
    expect(await cells(earlier, 'Status')).toEqual(['Retired'])
    expect(await cells(earlier, 'Inference')).toEqual(['$1.00'])
    await page.screenshot({ path: screenshotPath, fullPage: true })
  })

  it('links a derivative to its parent and shows what it passed up', async () => {
    await open(ids.remix, 'Harbour, wider sky')
    const panel = page.locator('section.license')
    await expect.poll(() => panel.count()).toBe(1)
    expect(await panel.locator('.chip.kind').textContent()).toBe('Model')
    expect(await panel.locator('.license-body > p').first().textContent()).toBe(
      'No terms published yet: no AI use can be licensed.',
    )
    expect(await panel.locator('[data-stat=received] dd').textContent()).toBe('$10.00')
    expect(await panel.locator('[data-stat=paid-to-ancestors] dd').textContent()).toBe('$1.00')
    const parent = panel.locator(`.license-parents a[data-id="${ids.work}"]`)
    expect(await parent.getAttribute('href')).toBe(`#record=${ids.work}`)
    await expect.poll(() => parent.textContent()).toContain('Harbour at dawn')
    expect(await panel.locator('.license-parents li').textContent()).toContain('owed 10%')

    await parent.click()
    await expect.poll(() => page.locator('#cert-title').textContent()).toBe('Harbour at dawn')
    await expect
      .poll(() => page.locator('section.license [data-stat=received] dd').textContent())
      .toBe('$3.50')
  })

  it('shows no price table for a record that is not an IP asset', async () => {
    await open(ids.plain, 'Harbour sketch, never licensed')
    await expect
      .poll(() => page.locator('.license-slot .not-licensed').textContent())
      .toBe('Not licensed on chain: anyone may use these bytes as the record’s creator permits.')
    expect(await page.locator('section.license').count()).toBe(0)
    expect(await page.locator('table.terms').count()).toBe(0)
  })

  it('moves terms past their expiry out of the terms on sale', async () => {
    const later = await browser.context.newPage()
    await later.clock.setFixedTime((now + 60 * day) * 1000)
    collectPageErrors(later, pageErrors)
    await open(ids.work, 'Harbour at dawn', later)
    const panel = later.locator('section.license')
    await expect.poll(() => panel.count()).toBe(1)
    const onSale = panel.locator('.license-body > .table-scroll table.terms')
    expect(await cells(onSale, 'Inference')).toEqual(['$2.50'])
    const earlier = panel.locator('details.earlier')
    expect(await earlier.locator('summary').textContent()).toBe('2 earlier terms sets, no longer on sale')
    const [expired, retired] = await cells(earlier, 'Status')
    expect(expired).toMatch(/^Expired /)
    expect(retired).toBe('Retired')
    await later.close()
  })

  it('meets no error on the way but the 404 that says a record is not an asset', () => {
    const expected = (line: string) => line.includes(`/v1/assets/${ids.plain}`)
    expect(pageErrors.filter(expected).length).toBeGreaterThan(0)
    expect(pageErrors.filter((line) => !expected(line))).toEqual([])
  })
})
