import { type PaymentContracts, readAgentWallet, readChannel, readEscrow, readStream } from '@rightflow/sdk'
import { Hono } from 'hono'
import type { ChainContext } from '../../chainContext.js'
import { parseAccount, parseAssetId } from '../params.js'
import { ProblemError } from '../problem.js'
import { stringifyBigints } from './assets.js'

/**
 * Read side of the Settle layer, answered from the chain: channels, streams, escrows and agent wallets. Writes
 * are transactions the parties send themselves (SDK, CLI); paid routes and the facilitator are elsewhere.
 */
export function settlementRoutes(chain: ChainContext) {
  const app = new Hono()
  const publicClient = chain.publicClient
  const contracts = (): PaymentContracts => {
    if (!chain.payments || !chain.rights)
      throw new ProblemError('payments_not_deployed', 'The Settle contracts are not deployed on this chain.')
    return { ...chain.payments, paymentToken: chain.rights.paymentToken }
  }
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new ProblemError('not_found', `No ${what}.`)
    return value
  }

  app.get('/channels/:channelId', async (c) => {
    const channelId = parseAssetId(c.req.param('channelId'))
    const channel = await readChannel({ publicClient, contracts: contracts(), channelId })
    return c.json(stringifyBigints(found(channel, `channel ${channelId}`)))
  })
  app.get('/streams/:streamId', async (c) => {
    const streamId = parseId(c.req.param('streamId'))
    const stream = await readStream({ publicClient, contracts: contracts(), streamId })
    return c.json(stringifyBigints(found(stream, `stream ${streamId}`)))
  })
  app.get('/escrows/:escrowId', async (c) => {
    const escrowId = parseId(c.req.param('escrowId'))
    const deal = await readEscrow({ publicClient, contracts: contracts(), escrowId })
    return c.json(stringifyBigints(found(deal, `escrow ${escrowId}`)))
  })
  app.get('/agents/:agent/wallet', async (c) => {
    const agent = parseAccount(c.req.param('agent'))
    const wallet = await readAgentWallet({ publicClient, contracts: contracts(), agent })
    return c.json(stringifyBigints(found(wallet, `agent wallet for ${agent}`)))
  })
  return app
}

function parseId(value: string): bigint {
  if (!/^[1-9][0-9]{0,30}$/.test(value))
    throw new ProblemError('invalid_request', 'Ids are positive integers.')
  return BigInt(value)
}
