import { aiUses, grantConsent } from '@rightflow/sdk'
import { Hono } from 'hono'
import { z } from 'zod'
import type { ChainContext } from '../../chainContext.js'
import { ProblemError } from '../problem.js'
import { readJson } from '../readJson.js'

const hex = (bytes: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`))

/** A dataset owner's signed consent, for the server to relay (its relayer pays the gas). */
export const wireConsentGrant = z.object({
  consent: z.object({
    assetId: hex(32),
    // Lower-cased: viem refuses a mixed-case address whose checksum is wrong, which would surface as a chain error.
    grantee: hex(20).transform((s) => s.toLowerCase()),
    use: z.enum(aiUses),
    validFrom: z
      .number()
      .int()
      .min(0)
      .max(2 ** 53),
    validUntil: z
      .number()
      .int()
      .min(0)
      .max(2 ** 53),
    salt: hex(32),
  }),
  signature: z.string().regex(/^0x([0-9a-fA-F]{2})+$/),
})

/**
 * POST /v1/consents: relays a consent grant signed by the dataset's owner (EIP-712, domain "Rightflow
 * Consent"). The signature is the authentication: the contract checks it against the dataset's owner and
 * accepts each grant once, so a relayed grant cannot be forged or replayed.
 */
export function consentRoutes(chain: ChainContext) {
  const app = new Hono()
  app.post('/consents', async (c) => {
    if (!chain.rights)
      throw new ProblemError('rights_not_deployed', 'The License contracts are not deployed here.')
    const { consent, signature } = await readJson(c, wireConsentGrant)
    const granted = await grantConsent({
      publicClient: chain.publicClient,
      walletClient: chain.walletClient,
      contracts: chain.rights,
      consent: {
        ...consent,
        assetId: consent.assetId as `0x${string}`,
        grantee: consent.grantee as `0x${string}`,
        salt: consent.salt as `0x${string}`,
      },
      signature: signature as `0x${string}`,
    })
    return c.json({ consentId: granted.consentId, txHash: granted.txHash }, 201)
  })
  return app
}
