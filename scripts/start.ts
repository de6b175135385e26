// `npm start`: chain, contracts and server on localhost; Ctrl-C stops everything and keeps the state.
import { redactUrl, redactUrlsInText } from '@rightflow/sdk'
import { loadConfig, startEmbedded } from '@rightflow/server'

try {
  const config = loadConfig()
  const { server, anvil, stop, stopChainNow } = await startEmbedded(config)
  console.log(`
  Rightflow is running
    API and web app   ${server.url}        (docs: ${server.url}/docs)
    chain             eip155:${server.chain.chainId} at ${redactUrl(server.chain.rpcUrl)}${anvil ? ' (embedded anvil)' : ''}
    registry          ${server.chain.registry}
    licenses          ${server.chain.rights ? `${server.chain.rights.assetRegistry} (paid in ${server.chain.rights.paymentToken})` : 'not deployed on this chain'}
    paid route        ${server.payments.channels ? `GET ${server.url}/v1/paid/content/{contentHash}?use=inference (x402 channel or exact; channels ${server.chain.payments?.paymentChannels})` : 'needs the Settle contracts on this chain'}
    data              ${config.dataDir}/
  Ctrl-C to stop; records survive a restart.
`)
  // Ctrl-C, kill and a closed terminal stop everything this started. If this process dies any other way
  // (kill -9 included), anvil's watchdog stops the chain, and the next start ends any chain left behind.
  let stopping = false
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return
    stopping = true
    console.log(`\n[rightflow] ${reason}: stopping… (Ctrl-C again to end at once)`)
    try {
      await stop()
      process.exit(exitCode)
    } catch (error) {
      console.error(`rightflow: ${redactUrlsInText(error instanceof Error ? error.message : String(error))}`)
      process.exit(1)
    }
  }
  // A second signal while the stop waits (an open request, a batcher pass on a slow chain): end the chain
  // (SIGINT, then SIGKILL) and exit at once, non-zero.
  let ending = false
  const endNow = async (reason: string) => {
    if (ending) return
    ending = true
    console.log(`[rightflow] ${reason} again: ending the chain and exiting now`)
    try {
      await stopChainNow()
    } finally {
      process.exit(130)
    }
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void (stopping ? endNow(signal) : shutdown(signal)))
  // A server without its chain would only log failures: stop, so that the next start brings both back (the
  // state is kept, and anchors the chain lost are sent again).
  anvil?.process.once('exit', () => void shutdown('the embedded chain stopped unexpectedly', 1))
  // `npm start` runs this under npm and tsx: if they are killed outright, nothing tells this process, so it
  // notices being orphaned (its parent changes) and stops, rather than keep the chain and the port.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('the process that started this one is gone')
  }, 1_000).unref()
} catch (error) {
  // A chain error's text embeds the RPC URL: shown without the provider's key.
  console.error(`rightflow: ${redactUrlsInText(error instanceof Error ? error.message : String(error))}`)
  process.exit(1)
}
