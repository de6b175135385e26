import { color } from '../output.js'
import type { CredentialsReport } from './inspectCredentials.js'

const uses: Record<string, string> = {
  allowed: 'allowed',
  notAllowed: 'not allowed',
  constrained: 'constrained',
}

/** The Content Credentials part of a birth certificate, as table rows. */
export function credentialRows({ credentials, error, agreement }: CredentialsReport): [string, string][] {
  if (error?.code === 'corrupt_manifest')
    return [['C2PA', color.red(`UNREADABLE manifest: ${error.message} (${error.code})`)]]
  if (error) return [['C2PA', color.dim(`no readable Content Credentials (${error.message})`)]]
  if (!credentials) return [['C2PA', color.dim('no Content Credentials in this file')]]
  const m = credentials.activeManifest
  const state =
    credentials.validation.state === 'trusted'
      ? color.green('trusted')
      : credentials.validation.state === 'valid'
        ? color.yellow('valid, signer not in your trust anchors')
        : color.red(`INVALID (${credentials.validation.errors.map((e) => e.code).join(', ')})`)
  const source = m.actions
    .find((a) => a.digitalSourceType)
    ?.digitalSourceType?.split('/')
    .pop()
  const agents = [...new Set(m.actions.flatMap((a) => (a.softwareAgent ? [a.softwareAgent] : [])))]
  const mining = m.trainingMining
    ? Object.entries(m.trainingMining)
        .map(([use, value]) => `${use.replace(/^cawg\./, '')} ${uses[value] ?? value}`)
        .join(', ')
    : 'not stated'
  const verdict = {
    agree: color.green('AGREES with the on-chain record'),
    disagree: color.red(`DISAGREES with the on-chain record: ${agreement.differences.join('; ')}`),
    'c2pa-only': color.yellow('C2PA only: no on-chain record backs these claims'),
    'chain-only': '',
    none: '',
  }[agreement.status]
  const pad = ' '.repeat(16)
  return [
    [
      'C2PA',
      [
        `${state}; signed by ${m.signer.commonName ?? '?'}${m.signer.issuer ? ` (${m.signer.issuer})` : ''} with ${m.claimGenerator ?? 'an unnamed tool'}`,
        `origin ${m.origin ?? 'not stated'}${source ? ` (${source})` : ''}${agents.length ? `, software ${agents.join(', ')}` : ''}`,
        `ingredients ${m.ingredients.length ? m.ingredients.map((i) => `${i.title ?? '?'} (${i.relationship ?? '?'})`).join(', ') : 'none'}`,
        `AI training and mining: ${mining}`,
        ...(m.rightflow ? [`names record ${m.rightflow.recordId} on eip155:${m.rightflow.chainId}`] : []),
        verdict,
      ]
        .filter(Boolean)
        .join(`\n${pad}`),
    ],
  ]
}
