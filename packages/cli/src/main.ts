import { BaseError, redactUrlsInText } from '@rightflow/sdk'
import { Command, CommanderError } from 'commander'
import packageJson from '../package.json' with { type: 'json' }
import { CliError, exitCodes } from './cliError.js'
import { agentCommand } from './commands/agent.js'
import { assetCommand } from './commands/asset.js'
import { caCommand } from './commands/ca.js'
import { channelCommand } from './commands/channel.js'
import { consentCommand } from './commands/consent.js'
import { escrowCommand } from './commands/escrow.js'
import { faucetCommand } from './commands/faucet.js'
import { historyCommand } from './commands/history.js'
import { importCommand } from './commands/import.js'
import { keysCommand } from './commands/keys.js'
import { licenseCommand } from './commands/license.js'
import { payCommand } from './commands/pay.js'
import { registerCommand } from './commands/register.js'
import { royaltiesCommand } from './commands/royalties.js'
import { sharesCommand } from './commands/shares.js'
import { streamCommand } from './commands/stream.js'
import { termsCommand } from './commands/terms.js'
import { verifyCommand } from './commands/verify.js'
import { createContext, type GlobalOptions } from './context.js'
import { explainError } from './rights/explainError.js'

const program = new Command('rightflow')
  .description('Birth certificates for digital content, anchored on an EVM chain')
  .version(packageJson.version, '-V, --version', 'print the version')
  .option('--json', 'machine-readable output')
  .option('--server <url>', 'Rightflow server (env RIGHTFLOW_SERVER)', undefined)
  .option('--rpc <url>', 'chain RPC: checks anchors, sends rights transactions (env RIGHTFLOW_RPC_URL)')
  .option('--registry <address>', 'registry contract (env RIGHTFLOW_REGISTRY)')
  .option('--home <dir>', 'where keys live (env RIGHTFLOW_HOME, default ~/.rightflow)')
  .exitOverride()
  .configureOutput({
    // One line: Commander's "(Did you mean verify?)" comes on a line of its own, and is kept.
    outputError: (text, write) =>
      write(
        `${text
          .trim()
          .split('\n')
          .join(' ')
          .replace(/^error: /, 'rightflow: ')}\n`,
      ),
  })

const context = () => createContext(program.opts<GlobalOptions>())
keysCommand(program, context)
registerCommand(program, context)
verifyCommand(program, context)
historyCommand(program, context)
importCommand(program, context)
caCommand(program, context)
assetCommand(program, context)
termsCommand(program, context)
licenseCommand(program, context)
royaltiesCommand(program, context)
sharesCommand(program, context)
consentCommand(program, context)
faucetCommand(program, context)
agentCommand(program, context)
channelCommand(program, context)
streamCommand(program, context)
escrowCommand(program, context)
payCommand(program, context)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  process.exitCode = report(error)
}

/** Every failure is one line on stderr and a non-zero exit; --json also gets the code on stdout. */
function report(thrown: unknown): number {
  const error = explainError(thrown) ?? thrown
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : exitCodes.usage
  const [message, code, exit] =
    error instanceof CliError
      ? [error.message, error.code, error.exitCode]
      : error instanceof BaseError
        ? [error.shortMessage, error.code, exitCodes.error]
        : [
            error instanceof Error ? error.message.split('\n')[0]! : String(error),
            'unexpected',
            exitCodes.error,
          ]
  // Messages may embed an RPC or server URL (viem's errors do): shown without credentials.
  const shown = redactUrlsInText(message)
  if (program.opts<GlobalOptions>().json)
    process.stdout.write(`${JSON.stringify({ error: { code, message: shown } })}\n`)
  process.stderr.write(`rightflow: ${shown}\n`)
  return exit
}
