import { formatUsd, mintTestStablecoin, readPaymentBalance } from '@rightflow/sdk'
import type { Command } from 'commander'
import { createTestClient, createWalletClient, formatEther, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { CliError } from '../cliError.js'
import type { CliContext } from '../context.js'
import { emit, table } from '../output.js'
import { keyAddress, resolveAccount } from '../rights/accounts.js'
import { faucetRefusal } from '../rights/devChain.js'
import { parseUsdFlag } from '../rights/flags.js'
import { openRights } from '../rights/session.js'

type FaucetOptions = { usd: string; eth: string; to?: string; key?: string }

export function faucetCommand(program: Command, context: () => CliContext): void {
  program
    .command('faucet')
    .description('development chains only: give an account ETH for gas and test dollars to pay with')
    .option('--usd <amount>', 'test dollars to mint (at most 1000000 at a time)', '1000')
    .option('--eth <amount>', 'ETH to add to the balance', '1')
    .option('--to <address|key>', 'who receives them (default: your key)')
    .option('--key <name|address>', 'your key, when --to is absent (no passphrase needed)')
    .action(async (options: FaucetOptions) => {
      const ctx = context()
      const usd = parseUsdFlag('--usd', options.usd)
      if (!/^\d+(\.\d{1,18})?$/.test(options.eth))
        throw new CliError(`--eth "${options.eth}" is not an amount of ETH`)
      const eth = parseEther(options.eth)
      const to = options.to
        ? await resolveAccount(ctx, '--to', options.to)
        : await keyAddress(ctx, options.key)
      const { chainId, rpcUrl, publicClient } = await ctx.chain()
      const testClient = createTestClient({ mode: 'anvil', transport: http(rpcUrl, { retryCount: 0 }) })
      // Anyone may mint the test stablecoin; a throwaway account funded here sends the mint, so the faucet
      // needs no key of yours (and never spends from one). Funding it doubles as the development-chain test.
      const minter = privateKeyToAccount(generatePrivateKey())
      const answersSetBalance = await testClient
        .setBalance({ address: minter.address, value: parseEther('1') })
        .then(
          () => true,
          () => false,
        )
      const refusal = faucetRefusal(chainId, answersSetBalance)
      if (refusal) throw new CliError(refusal, 1, 'not_a_dev_chain')

      if (eth > 0n)
        await testClient.setBalance({
          address: to,
          value: (await publicClient.getBalance({ address: to })) + eth,
        })
      let usdBalance: bigint | undefined
      if (usd > 0n) {
        const session = await openRights(ctx)
        const walletClient = createWalletClient({
          account: minter,
          chain: session.chain,
          transport: http(rpcUrl),
        })
        const token = session.contracts.paymentToken
        await mintTestStablecoin({ publicClient: session.publicClient, walletClient, token, to, amount: usd })
        usdBalance = await readPaymentBalance({ publicClient: session.publicClient, token, account: to })
      }
      const ethBalance = await publicClient.getBalance({ address: to })
      emit(ctx.json, { to, chainId, eth, usd, ethBalance, usdBalance }, () =>
        console.log(
          `Gave ${to} ${formatEther(eth)} ETH and ${formatUsd(usd)} test USD\n${table([
            ['ETH balance', formatEther(ethBalance)],
            ...(usdBalance === undefined ? [] : [['USD balance', formatUsd(usdBalance)] as [string, string]]),
          ])}`,
        ),
      )
    })
}
