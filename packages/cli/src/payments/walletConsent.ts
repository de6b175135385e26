import { readFile } from 'node:fs/promises'
import { signWalletConsent } from '@rightflow/sdk'
import { type Address, getAddress, type Hex, isAddress, isAddressEqual, isHex, type LocalAccount } from 'viem'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { listKeys, unlockKey } from '../keys/keyStore.js'
import type { PaymentsWallet } from './session.js'

/** An agent's signed consent to a wallet owned by `owner`, as `agent wallet consent` writes it. */
export type ConsentFile = {
  agent: Address
  owner: Address
  /** Unix seconds (chain time), as a decimal string. */
  deadline: string
  signature: Hex
  chainId: number
  agentWallets: Address
}

type Session = Pick<PaymentsWallet, 'publicClient' | 'chainId' | 'payments'>

/** The agent key signs its consent to a wallet owned by `owner`, valid for `seconds` of chain time. */
export async function signConsent(
  session: Session,
  agent: LocalAccount,
  owner: Address,
  seconds: number,
): Promise<ConsentFile> {
  const now = (await session.publicClient.getBlock({ blockTag: 'latest' })).timestamp
  const domain = { chainId: session.chainId, agentWallets: session.payments.agentWallets }
  const { consent, signature } = await signWalletConsent({
    account: agent,
    domain,
    owner,
    deadline: now + BigInt(seconds),
  })
  return { ...consent, deadline: consent.deadline.toString(), signature, ...domain }
}

/**
 * The consent `create` passes to the contract: none when the owner is the agent (its own call), the file given
 * with --consent, else one signed here with the agent's key when it is one of yours; otherwise one line saying
 * how to get it.
 */
export async function consentFor(
  ctx: CliContext,
  session: PaymentsWallet,
  agent: Address,
  file: string | undefined,
): Promise<{ deadline: bigint; signature: Hex } | undefined> {
  const owner = session.account.address
  if (file !== undefined) return readConsent(file, { agent, owner, session })
  if (isAddressEqual(agent, owner)) return undefined
  const key = (await listKeys(ctx.keysDir)).find((k) => isAddressEqual(k.address, agent))
  if (!key)
    throw new CliError(
      `${agent} must consent to a wallet owned by ${owner}: with the agent key, run ` +
        `\`rightflow agent wallet consent --owner ${owner} --out consent.json\` and pass --consent consent.json`,
      1,
      'consent_needed',
    )
  const signed = await signConsent(session, await unlockKey(key), owner, 3600)
  return { deadline: BigInt(signed.deadline), signature: signed.signature }
}

/** Reads and checks a consent file against what it must say, each mismatch in one line. */
async function readConsent(
  file: string,
  expected: { agent: Address; owner: Address; session: Session },
): Promise<{ deadline: bigint; signature: Hex }> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`--consent: cannot read ${file}`)
  })
  let c: Partial<Record<keyof ConsentFile, unknown>>
  try {
    c = JSON.parse(text) as typeof c
  } catch {
    throw new CliError(`--consent: ${file} is not JSON (write it with \`rightflow agent wallet consent\`)`)
  }
  const address = (v: unknown) => (typeof v === 'string' && isAddress(v) ? getAddress(v) : undefined)
  const { session } = expected
  const checks: [boolean, string][] = [
    [
      address(c.agent) === getAddress(expected.agent),
      `is by ${String(c.agent)}, not the agent ${expected.agent}`,
    ],
    [
      address(c.owner) === expected.owner,
      `names the owner ${String(c.owner)}, not your key ${expected.owner}`,
    ],
    [c.chainId === session.chainId, `is for chain ${String(c.chainId)}, not ${session.chainId}`],
    [
      address(c.agentWallets) === session.payments.agentWallets,
      `is for the wallets contract ${String(c.agentWallets)}, not ${session.payments.agentWallets}`,
    ],
    [typeof c.deadline === 'string' && /^\d{1,78}$/.test(c.deadline), 'has no deadline'],
    [typeof c.signature === 'string' && isHex(c.signature), 'has no signature'],
  ]
  const failed = checks.find(([ok]) => !ok)
  if (failed) throw new CliError(`--consent: ${file} ${failed[1]}`, 1, 'invalid_consent')
  return { deadline: BigInt(c.deadline as string), signature: c.signature as Hex }
}
