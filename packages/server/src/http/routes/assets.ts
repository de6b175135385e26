import {
  checkUse,
  type Hex,
  listConsents,
  listLicenses,
  listTerms,
  type RightsAddresses,
  readAsset,
  readRoyalties,
  type TermsRecord,
} from '@rightflow/sdk'
import { Hono } from 'hono'
import type { ChainContext } from '../../chainContext.js'
import { parseAccount, parseAssetId, parseUse } from '../params.js'
import { ProblemError } from '../problem.js'

/**
 * Read side of the License layer, answered from the chain (the contracts are the source of truth; nothing
 * here is cached). Writes are transactions the owner's or buyer's wallet sends (SDK, CLI).
 */
export function assetRoutes(chain: ChainContext) {
  const app = new Hono()
  const publicClient = chain.publicClient
  const contracts = (): RightsAddresses => {
    if (!chain.rights)
      throw new ProblemError(
        'rights_not_deployed',
        'The License contracts are not deployed on this chain (set RIGHTFLOW_ASSET_REGISTRY and RIGHTFLOW_CONSENT_REGISTRY, or deploy them).',
      )
    return chain.rights
  }

  app.get('/rights', (c) => c.json({ chainId: chain.chainId, ...contracts() }))

  app.get('/assets/:assetId', async (c) => {
    const assetId = parseAssetId(c.req.param('assetId'))
    const asset = await readAsset({ publicClient, contracts: contracts(), assetId })
    if (!asset)
      throw new ProblemError('asset_not_found', `No IP asset ${assetId}: the record was not made an asset.`)
    const terms = await listTerms({ publicClient, contracts: contracts(), assetId })
    return c.json({ ...asset, terms: terms.map(presentTerms) })
  })

  app.get('/assets/:assetId/check', async (c) => {
    const assetId = parseAssetId(c.req.param('assetId'))
    const use = parseUse(c.req.query('use'))
    const account = parseAccount(c.req.query('account'))
    // An id that is no asset is not "not allowed": it is unknown, like on every other asset route.
    await requireAsset(assetId)
    const answer = await checkUse({
      publicClient,
      consentRegistry: contracts().consentRegistry,
      assetId,
      use,
      account,
    })
    return c.json({
      assetId,
      use,
      account,
      allowed: answer.allowed,
      basis: answer.basis,
      ...(answer.basis === 'license' ? { licenseId: answer.licenseId.toString() } : {}),
      ...(answer.basis === 'consent' ? { consentId: answer.consentId } : {}),
    })
  })

  app.get('/assets/:assetId/royalties', async (c) => {
    const assetId = parseAssetId(c.req.param('assetId'))
    const account = parseAccount(c.req.query('account'))
    await requireAsset(assetId)
    const royalties = await readRoyalties({ publicClient, contracts: contracts(), assetId, account })
    return c.json(stringifyBigints({ assetId, account, ...royalties }))
  })

  app.get('/assets/:assetId/consents', async (c) => {
    const assetId = parseAssetId(c.req.param('assetId'))
    await requireAsset(assetId)
    const consents = await listConsents({ publicClient, contracts: contracts(), assetId })
    return c.json({ assetId, consents: stringifyBigints(consents) })
  })

  app.get('/licenses', async (c) => {
    const account = parseAccount(c.req.query('account'))
    const asset = c.req.query('asset')
    const licenses = await listLicenses({
      publicClient,
      contracts: contracts(),
      account,
      ...(asset !== undefined ? { assetId: parseAssetId(asset) } : {}),
    })
    return c.json({ account, licenses: stringifyBigints(licenses) })
  })

  async function requireAsset(assetId: Hex) {
    if (!(await readAsset({ publicClient, contracts: contracts(), assetId })))
      throw new ProblemError('asset_not_found', `No IP asset ${assetId}.`)
  }

  return app
}

export function presentTerms(record: TermsRecord) {
  return stringifyBigints(record)
}

/** JSON has no bigints: token amounts and ids go out as decimal strings, exact. */
export function stringifyBigints<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)))
}
