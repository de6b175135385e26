import { aiUses, consentDigest, grantConsent } from '@rightflow/sdk'
import { Hono } from 'hono'
import { type Hex, recoverAddress } from 'viem'
import { z } from 'zod'
import type { ChainContext } from '../../chainContext.js'
import { OneAtATime } from '../../relay/OneAtATime.js'
import { chargeRelayQuota } from '../../relay/relayQuotaGuard.js'
import type { SqliteRelayQuota } from '../../relay/SqliteRelayQuota.js'
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
 * accepts each grant once, so a relayed grant cannot be forged or replayed. Each relayed grant counts against
 * its signer's daily relay quota (and the server's daily cap); a grant the contract would refuse fails its
 * simulation and is neither charged nor sent.
 */
export function consentRoutes(chain: ChainContext, relayQuota?: SqliteRelayQuota) {
  const app = new Hono()
  const relaying = new OneAtATime<Hex>()
  app.post('/consents', async (c) => {
    if (!chain.rights)
      throw new ProblemError('rights_not_deployed', 'The License contracts are not deployed here.')
    const { consent: wire, signature } = await readJson(c, wireConsentGrant)
    const consent = {
      ...wire,
      assetId: wire.assetId as Hex,
      grantee: wire.grantee as Hex,
      salt: wire.salt as Hex,
    }
    const { chainId, rights } = chain
    const digest = consentDigest({ consent, chainId, consentRegistry: rights.consentRegistry })
    const signer = await recoverAddress({
      hash: digest,
      signature: signature as Hex,
    }).catch(() => {
      throw new ProblemError('invalid_signature', 'The signature is not a signature of this consent grant.')
    })
    // One relay of a signature at a time: a copy sent alongside waits, then fails its simulation (the grant
    // exists), so it is neither charged nor sent to revert at the relayer's cost.
    const granted = await relaying.run(digest, () =>
      grantConsent({
        publicClient: chain.publicClient,
        walletClient: chain.walletClient,
        contracts: rights,
        consent,
        signature: signature as Hex,
        // Charged only once the simulation says the grant succeeds: a replayed signature (public in calldata)
        // costs its signer nothing.
        beforeSend: () => chargeRelayQuota(relayQuota, signer),
      }),
    )
    return c.json({ consentId: granted.consentId, txHash: granted.txHash }, 201)
  })
  return app
}
