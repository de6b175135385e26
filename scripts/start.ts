// `npm start`: chain, contracts and server on localhost; Ctrl-C stops everything and keeps the state.
import { redactUrl, redactUrlsInText } from '@rightflow/sdk'
import { loadConfig, startEmbedded } from '@rightflow/server'

try {
  const config = loadConfig()
  const { server, anvil, stop } = await startEmbedded(config)
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
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n[rightflow] ${signal}: stopping…`)
    await stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
} catch (error) {
  // A chain error's text embeds the RPC URL: shown without the provider's key.
  console.error(`rightflow: ${redactUrlsInText(error instanceof Error ? error.message : String(error))}`)
  process.exit(1)
}
