import type { Origin } from '../record/types.js'
import type { RightflowRecordAssertion } from './rightflowAssertion.js'

/** One action of the active manifest's `c2pa.actions` assertion(s). */
export type ContentCredentialsAction = {
  action: string
  digitalSourceType?: string
  /** The tool or AI model that performed it (`name`, or `name version`). */
  softwareAgent?: string
  when?: string
}

/** What the active manifest says, and whether the official library found it intact and trusted. */
export type ContentCredentials = {
  activeManifest: {
    label: string
    title: string | undefined
    /** The application that wrote the manifest, e.g. `Rightflow/0.1.0`. */
    claimGenerator: string | undefined
    signer: {
      /** The organisation (O) of the signing certificate: what C2PA calls the issuer. */
      issuer: string | undefined
      commonName: string | undefined
      /** Signing time from a trusted timestamp; absent when the signer used no timestamp authority. */
      time: string | undefined
    }
    actions: ContentCredentialsAction[]
    /** Our origin as the actions state it (the source type of the first action that has one). */
    origin: Origin | undefined
    ingredients: { title: string | undefined; relationship: string | undefined; hasCredentials: boolean }[]
    /** CAWG training-and-data-mining permissions, use → `allowed` | `notAllowed` | `constrained`. */
    trainingMining: Record<string, string> | undefined
    /** Our `org.rightflow.record` assertion, when present and well formed. */
    rightflow: RightflowRecordAssertion | undefined
  }
  /** Manifests in the store: more than one when earlier credentials were kept as ingredients. */
  manifestCount: number
  validation: {
    /**
     * `trusted`: intact and signed by a certificate that chains to a trust anchor; `valid`: intact,
     * signer not trusted (or no anchors given); `invalid`: something fails, see `errors`.
     */
    state: 'valid' | 'invalid' | 'trusted'
    /** The library's failure codes (e.g. `assertion.dataHash.mismatch`, `signingCredential.untrusted`). */
    errors: { code: string; explanation: string | undefined }[]
  }
}
