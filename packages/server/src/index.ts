export { Batcher, type BatcherOptions } from './anchoring/Batcher.js'
export type { RightsConfig } from './chain/findContracts.js'
export type { ChainContext } from './chainContext.js'
export {
  loadConfig,
  paymentsConfigOf,
  type RelayConfig,
  type RightflowConfig,
  relayConfigOf,
} from './config.js'
export { type Anvil, type AnvilOptions, anvilBinary, freePort, startAnvil } from './embedded/startAnvil.js'
export { type Embedded, startEmbedded } from './embedded/startEmbedded.js'
export { createApp } from './http/app.js'
export { openApiDocument } from './http/openapi.js'
export { Indexer } from './indexer/Indexer.js'
export { RecordService } from './ingest/RecordService.js'
export { consoleLogger, type Logger, silentLogger } from './logger.js'
export {
  ChannelClaimer,
  type ChannelClaimerOptions,
  type ClaimReport,
} from './payments/channel/ChannelClaimer.js'
export {
  ChannelFacilitatorScheme,
  channelAtResourceServer,
} from './payments/channel/ChannelFacilitatorScheme.js'
export { ChannelScheme, type ChannelSchemeOptions } from './payments/channel/ChannelScheme.js'
export type {
  ChannelRef,
  ChannelState,
  ChannelStore,
  ChargeFields,
  ClaimableQuery,
  HeldVoucher,
  OnChainChannel,
} from './payments/channel/ChannelStore.js'
export {
  ChannelVerifier,
  type ChargeOutcome,
  type ChargeReceipt,
  type ChargeRequest,
} from './payments/channel/ChannelVerifier.js'
export { type ChannelReason, channelReasons } from './payments/channel/channelReasons.js'
export { SqliteChannelStore } from './payments/channel/SqliteChannelStore.js'
export {
  type CreateFacilitatorParameters,
  createFacilitator,
} from './payments/facilitator/createFacilitator.js'
export { type EnsureMulticall3Parameters, ensureMulticall3 } from './payments/facilitator/ensureMulticall3.js'
export {
  Facilitator,
  type FacilitatorOptions,
  facilitatorReasons,
} from './payments/facilitator/Facilitator.js'
export { facilitatorRoutes } from './payments/facilitator/facilitatorRoutes.js'
export { multicall3Address } from './payments/facilitator/multicall3Code.js'
export { type RelayPolicy, relayRefusal } from './payments/facilitator/relayPolicy.js'
export { toRelayerSigner } from './payments/facilitator/toRelayerSigner.js'
export { RoyaltyForwarder, type RoyaltyForwarderOptions } from './payments/royalty/RoyaltyForwarder.js'
export type { OwedRoyalty, RoyaltyLedger } from './payments/royalty/RoyaltyLedger.js'
export { recordExactRoyalties } from './payments/royalty/recordExactRoyalties.js'
export { SqliteRoyaltyLedger } from './payments/royalty/SqliteRoyaltyLedger.js'
export {
  type ChannelPayments,
  defaultPaymentsConfig,
  type Payments,
  type PaymentsConfig,
  startPayments,
} from './payments/startPayments.js'
export {
  type CreateResourceServerParameters,
  createResourceServer,
} from './payments/x402/createResourceServer.js'
export { guardInFlight, paymentInFlightReason } from './payments/x402/guardInFlight.js'
export { type PaidRoutesParameters, paidRoutes } from './payments/x402/paidRoutes.js'
export { paymentReasons } from './payments/x402/paymentProblem.js'
export { exactEvmScheme, type PaymentSchemeRegistration } from './payments/x402/paymentSchemes.js'
export type { PaidRoute, PaidRoutes, RouteRoyalty } from './payments/x402/toRoutesConfig.js'
export { PerceptualSearch } from './perceptual/PerceptualSearch.js'
export { connectChain, type RunningServer, type ServerConfig, startServer } from './server.js'
export { SqliteStore } from './store/sqlite/SqliteStore.js'
export type * from './store/types.js'
