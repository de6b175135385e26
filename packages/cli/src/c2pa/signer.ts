import { readFile } from 'node:fs/promises'
import type { C2paSigner } from '@rightflow/sdk'
import { CliError } from '../cliError.js'
import { credentialPaths, readPrivateKey } from './credentialFiles.js'

/** The signing chain and (decrypted) key for embedding Content Credentials. */
export async function loadSigner(home: string): Promise<C2paSigner> {
  const paths = credentialPaths(home)
  const chainPem = await readFile(paths.signerChain, 'utf8').catch(() => {
    throw new CliError(
      'no signing certificate for Content Credentials: run `rightflow ca init` and `rightflow ca issue --name "Your Name"`, or `rightflow ca import`',
    )
  })
  return { chainPem, privateKeyPem: await readPrivateKey(paths.signerKey) }
}

/** Trust anchors for validating manifests: --trust files, else RIGHTFLOW_TRUST_ANCHORS, else the local CA. */
export async function loadTrustAnchors(home: string, files: string[]): Promise<string | undefined> {
  const sources = files.length
    ? files
    : process.env.RIGHTFLOW_TRUST_ANCHORS
      ? [process.env.RIGHTFLOW_TRUST_ANCHORS]
      : []
  if (sources.length === 0)
    return readFile(credentialPaths(home).caCertificate, 'utf8').catch(() => undefined)
  const pems = await Promise.all(
    sources.map((file) =>
      readFile(file, 'utf8').catch(() => {
        throw new CliError(`cannot read trust anchors from ${file}`)
      }),
    ),
  )
  return pems.join('\n')
}
