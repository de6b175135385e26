/**
 * Why the faucet refuses a chain, or undefined when it may run. Whether the RPC answers anvil_setBalance is
 * the test: a public chain's RPC never does, and without it there is no ETH to give. Chain 31337 gets its own
 * message, because it is a development chain (hardhat's, say) that simply lacks anvil's methods.
 */
export function faucetRefusal(chainId: number, answersSetBalance: boolean): string | undefined {
  if (answersSetBalance) return undefined
  return chainId === 31337
    ? 'the RPC of chain 31337 does not answer anvil_setBalance: the faucet needs anvil (`npm start` runs one)'
    : `the faucet works on development chains only: chain ${chainId} is not one (its RPC does not answer anvil_setBalance)`
}
