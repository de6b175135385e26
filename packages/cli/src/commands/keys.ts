import { defaultScryptN, encryptKeystore } from '@rightflow/sdk'
import type { Command } from 'commander'
import { generatePrivateKey } from 'viem/accounts'
import { CliError, exitCodes } from '../cliError.js'
import type { CliContext } from '../context.js'
import { checkKeyName, findKey, listKeys, saveKey } from '../keys/keyStore.js'
import { minPassphraseLength, readPassphrase } from '../keys/passphrase.js'
import { emit, table } from '../output.js'

export function keysCommand(program: Command, context: () => CliContext): void {
  const keys = program.command('keys').description('signing keys, kept in encrypted keystores (scrypt)')

  keys
    .command('create')
    .description('make a new key; the passphrase comes from RIGHTFLOW_PASSPHRASE or a prompt')
    .option('--name <name>', 'a name for the key', 'default')
    .action(async (options: { name: string }) => {
      const ctx = context()
      checkKeyName(options.name)
      const passphrase = await readPassphrase({ confirm: true })
      // The keystore on disk is only as strong as this: a short one falls to an offline guess despite scrypt.
      if (passphrase.length < minPassphraseLength)
        throw new CliError(
          `the passphrase must be at least ${minPassphraseLength} characters: it is all that protects the key on disk`,
          exitCodes.usage,
          'weak_passphrase',
        )
      const scryptN = Number(process.env.RIGHTFLOW_SCRYPT_N ?? defaultScryptN)
      const keystore = await encryptKeystore({ privateKey: generatePrivateKey(), passphrase, scryptN })
      const path = await saveKey(ctx.keysDir, options.name, keystore)
      const address = `0x${keystore.address}`
      emit(ctx.json, { name: options.name, address, path }, () =>
        console.log(`Created key "${options.name}" ${address}\n  stored encrypted in ${path}`),
      )
    })

  keys
    .command('list')
    .description('list keys')
    .action(async () => {
      const ctx = context()
      const entries = await listKeys(ctx.keysDir)
      emit(ctx.json, entries, () => {
        if (entries.length === 0) console.log('No keys yet: run `rightflow keys create`.')
        else console.log(table(entries.map((k) => [k.name, k.address])))
      })
    })

  keys
    .command('show [name]')
    .description('show a key’s address (never its secret)')
    .action(async (name: string | undefined) => {
      const ctx = context()
      const key = await findKey(ctx.keysDir, name)
      emit(ctx.json, key, () =>
        console.log(
          table([
            ['name', key.name],
            ['address', key.address],
            ['file', key.path],
          ]),
        ),
      )
    })
}
