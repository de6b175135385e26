import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './serverHarness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.stop())

describe('the API documentation', () => {
  it('is found with or without the trailing slash people type', async () => {
    const slashed = await fetch(`${h.server.url}/docs/`, { redirect: 'manual' })
    expect(slashed.status).toBe(301)
    expect(slashed.headers.get('location')).toBe('/docs')
    const page = await fetch(`${h.server.url}/docs/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Rightflow API</title>')
  })
})
