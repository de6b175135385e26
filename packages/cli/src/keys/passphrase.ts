import password from '@inquirer/password'
import { CliError } from '../cliError.js'

/** The shortest passphrase a new key may have. */
export const minPassphraseLength = 12

/** The passphrase from RIGHTFLOW_PASSPHRASE, or asked for on the terminal (never echoed, never printed). */
export async function readPassphrase({ confirm = false } = {}): Promise<string> {
  const fromEnv = process.env.RIGHTFLOW_PASSPHRASE
  if (fromEnv !== undefined) return fromEnv
  if (!process.stdin.isTTY)
    throw new CliError('no terminal to ask for the passphrase: set RIGHTFLOW_PASSPHRASE')
  const first = await password({ message: 'Passphrase', mask: true })
  if (confirm && (await password({ message: 'Repeat passphrase', mask: true })) !== first)
    throw new CliError('the passphrases do not match')
  return first
}
