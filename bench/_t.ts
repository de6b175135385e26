import { startBenchChain, describeChain } from './devChain.js'
const c = await startBenchChain()
console.log(await describeChain(c), c.registry)
console.log(await c.publicClient.request({ method: 'anvil_nodeInfo' as 'eth_chainId' }))
await c.stop()
