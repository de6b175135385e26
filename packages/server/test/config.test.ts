import { describe, expect, it } from 'vitest'
import { loadConfig, paymentsConfigOf, relayConfigOf } from '../src/config.js'

const payee = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'

describe('relay settings', () => {
  it('default to: only our own routes, 100 relayed transactions per account and 10,000 in all per day, warn below 0.01 ETH', () => {
    const config = loadConfig({}, '/nonexistent.json')
    expect(paymentsConfigOf(config).facilitatorPayees).toEqual([])
    expect(relayConfigOf(config)).toEqual({ quotaPerDay: 100, dailyCap: 10_000, minBalance: 10n ** 16n })
  })

  it('read RIGHTFLOW_FACILITATOR_PAYEES (comma-separated), RIGHTFLOW_RELAY_QUOTA, RIGHTFLOW_RELAY_DAILY_CAP and RIGHTFLOW_RELAYER_MIN_BALANCE', () => {
    const config = loadConfig(
      {
        RIGHTFLOW_FACILITATOR_PAYEES: `${payee}, ${other}`,
        RIGHTFLOW_RELAY_QUOTA: '0',
        RIGHTFLOW_RELAY_DAILY_CAP: '50',
        RIGHTFLOW_RELAYER_MIN_BALANCE: '0.5',
      },
      '/nonexistent.json',
    )
    expect(paymentsConfigOf(config).facilitatorPayees).toEqual([payee, other])
    expect(relayConfigOf(config)).toEqual({ quotaPerDay: 0, dailyCap: 50, minBalance: 5n * 10n ** 17n })
  })

  it('refuse a bad payee with one line naming the setting', () => {
    expect(() => loadConfig({ RIGHTFLOW_FACILITATOR_PAYEES: 'nobody' }, '/nonexistent.json')).toThrow(
      /^bad setting RIGHTFLOW_FACILITATOR_PAYEES/,
    )
    expect(() => loadConfig({ RIGHTFLOW_RELAYER_MIN_BALANCE: '-1' }, '/nonexistent.json')).toThrow(
      /^bad setting RIGHTFLOW_RELAYER_MIN_BALANCE/,
    )
  })
})
