import { fixed, int, type Section, type Table } from './section.js'
import type { Gas } from './streamsChain.js'
import type { EscrowGas, StreamsGas } from './streamsMeasure.js'
import { llamaPayCreateOnly, type PeerFigure, peerFigures } from './streamsPeers.js'

export type StreamsRun = { streams: StreamsGas; escrow: EscrowGas; chainName: string }

export function streamsSection({ streams, escrow, chainName }: StreamsRun): Section {
  return {
    id: 'streams',
    title: '8. Streams and escrow: gas beside the published figures of Sablier and LlamaPay',
    summary: [],
    tables: [oursTable(streams, escrow), peersTable(streams)],
    notes: notes(chainName),
  }
}

function oursTable(streams: StreamsGas, escrow: EscrowGas): Table {
  const row = (call: string, gas: Gas) => [call, int(gas.tx), int(gas.execution)]
  return {
    headers: ['Rightflow call', 'tx gas', 'execution gas'],
    rows: [
      row('Streams.open (deposit pulled in the same call)', streams.open),
      row('Streams.open, the contract’s first stream', streams.openFirst),
      row('Streams.withdraw mid-stream, all that accrued', streams.withdraw),
      row('Streams.withdraw, the recipient’s first tokens', streams.withdrawFirst),
      row('Streams.topUp', streams.topUp),
      row('Streams.cancel mid-stream (pays both sides)', streams.cancel),
      row('Escrow.create', escrow.create),
      row('Escrow.create, the contract’s first deal', escrow.createFirst),
      row('Escrow.release in full (by the payer)', escrow.releaseFull),
      row('Escrow.release in part (by the payer)', escrow.releasePartial),
      row('Escrow.releaseWithReceipt in part (payer’s EIP-712 receipt)', escrow.releaseWithReceipt),
      row('Escrow.refund after the deadline', escrow.refund),
    ],
  }
}

function peersTable(streams: StreamsGas): Table {
  const ours = (figure: PeerFigure) => streams[figure.ours][figure.basis === 'execution' ? 'execution' : 'tx']
  return {
    headers: ['Rightflow', 'gas', 'peer: call', 'published gas', 'Rightflow / peer', 'figure'],
    rows: peerFigures.map((figure) => {
      const gas = ours(figure)
      return [
        `${figure.ours} (${figure.basis === 'execution' ? 'execution' : 'tx'})`,
        int(gas),
        `${figure.protocol}: ${figure.call}`,
        int(figure.gas),
        `${fixed(Number(gas) / figure.gas)}×`,
        figure.status,
      ]
    }),
  }
}

function notes(chainName: string): string[] {
  const sources = [...new Set(peerFigures.map((f) => f.source))]
  return [
    `Our gas is \`receipt.gasUsed\` of real transactions on a fresh anvil (${chainName}) with the test stablecoin (an OpenZeppelin ERC-20); execution gas is that minus the intrinsic cost (21,000 plus calldata). Steady-state rows: the contract already holds tokens, ids have counted up and the accounts paid already hold tokens; the “first” rows show what a zero-to-non-zero storage write adds. A mid-stream withdrawal or cancel is a day or two into a month-long stream of about $1,000 a month; each deal in escrow is $500 with a week’s deadline.`,
    `**Peer figures are published, not measured here** (bench/streamsPeers.ts has each one’s source and how it was measured; the lead verifies them). Sablier’s are execution gas from \`gasleft()\` around the call in a forge test on a mainnet fork, USDC as the token, several calls in one test transaction (so some accounts are already warm): our execution gas is set beside them. USDC is a proxy with a blacklist check and costs more per transfer than our test token; Sablier mints an NFT for every stream, which we do not. LlamaPay’s figure states no method and looks like whole-transaction gas, so our transaction gas is set beside it; its earlier README gave ${int(llamaPayCreateOnly.gas)} gas for creating a stream without funding it (LlamaPay funds a payer’s pool separately), which no call of ours matches. Sablier Flow has no cancel (it voids and refunds in separate calls); neither peer has an escrow.`,
    `Sources: ${sources.join('; ')}; ${llamaPayCreateOnly.source}.`,
  ]
}
