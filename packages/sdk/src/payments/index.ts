// The public exports of the payments module; re-exported by the package index.
export {
  type AgentWalletPolicyParameters,
  agentWalletPolicy,
} from './agentWalletPolicy.js'
export { allowPayees } from './allowPayees.js'
export type { ClientChannel } from './channel/ChannelBook.js'
export {
  ChannelClientScheme,
  type ChannelClientSchemeParameters,
} from './channel/ChannelClientScheme.js'
export {
  type ChannelExtra,
  type ChannelPayload,
  type ChannelReceipt,
  type ChannelServerView,
  channelScheme,
  parseChannelExtra,
  parseRoyalty,
  parseServerView,
  royaltyMatches,
} from './channel/channelWire.js'
export {
  type ChannelsDomain,
  channelsDomain,
  recoverVoucherSigner,
  signVoucher,
  signVoucherWithKey,
  type Voucher,
  voucherDigest,
  voucherDigestBytes,
  voucherTypes,
} from './channel/voucher.js'
export {
  type ChannelIdOfParameters,
  type ChannelIdOfReturnType,
  channelIdOf,
} from './channels/channelIdOf.js'
export { type ChannelRoyalty, InvalidRoyaltyShareError } from './channels/channelRoyalty.js'
export {
  type ChannelClaim,
  type ClaimChannelsParameters,
  type ClaimChannelsReturnType,
  claimChannels,
} from './channels/claimChannels.js'
export {
  type CloseChannelWithVoucherParameters,
  type CloseChannelWithVoucherReturnType,
  closeChannelWithVoucher,
} from './channels/closeChannelWithVoucher.js'
export {
  type OpenChannelParameters,
  type OpenChannelReturnType,
  openChannel,
} from './channels/openChannel.js'
export {
  type PaymentChannel,
  type ReadChannelParameters,
  type ReadChannelReturnType,
  readChannel,
} from './channels/readChannel.js'
export {
  type RequestChannelCloseParameters,
  type RequestChannelCloseReturnType,
  requestChannelClose,
} from './channels/requestChannelClose.js'
export {
  type TopUpChannelParameters,
  type TopUpChannelReturnType,
  topUpChannel,
} from './channels/topUpChannel.js'
export {
  type WithdrawChannelParameters,
  type WithdrawChannelReturnType,
  withdrawChannel,
} from './channels/withdrawChannel.js'
export {
  type ChannelPaymentOptions,
  type CreatePayingFetchErrorType,
  type CreatePayingFetchParameters,
  type CreatePayingFetchReturnType,
  createPayingFetch,
  type PayingFetch,
  type PayingScheme,
  type PaymentPolicy,
} from './createPayingFetch.js'
export {
  agentWalletsSalt,
  defaultChallengePeriod,
  deployPayments,
  escrowSalt,
  type PaymentAddresses,
  paymentAddresses,
  paymentChannelsSalt,
  streamsSalt,
} from './deployPayments.js'
export {
  type CreateEscrowParameters,
  type CreateEscrowReturnType,
  createEscrow,
} from './escrow/createEscrow.js'
export {
  type DeliveryReceipt,
  deliveryReceiptDigest,
  deliveryReceiptTypes,
  type EscrowDomain,
  escrowDomain,
} from './escrow/deliveryReceiptTypedData.js'
export {
  type EscrowDeal,
  type ReadEscrowParameters,
  type ReadEscrowReturnType,
  readEscrow,
} from './escrow/readEscrow.js'
export {
  type RefundEscrowParameters,
  type RefundEscrowReturnType,
  refundEscrow,
} from './escrow/refundEscrow.js'
export {
  type ReleaseEscrowParameters,
  type ReleaseEscrowReturnType,
  releaseEscrow,
} from './escrow/releaseEscrow.js'
export {
  type ReleaseEscrowWithReceiptParameters,
  type ReleaseEscrowWithReceiptReturnType,
  releaseEscrowWithReceipt,
} from './escrow/releaseEscrowWithReceipt.js'
export {
  type SignDeliveryReceiptParameters,
  type SignDeliveryReceiptReturnType,
  signDeliveryReceipt,
} from './escrow/signDeliveryReceipt.js'
export type { PaymentContracts } from './paymentContracts.js'
export {
  AssetNotAllowedError,
  NoPaymentOptionError,
  OverBudgetError,
  PayeeNotAllowedError,
  PaymentFailedError,
  PaymentRejectedError,
} from './paymentErrors.js'
export { paymentsErrorsAbi } from './paymentsErrorsAbi.js'
export { readPaymentResponse } from './readPaymentResponse.js'
export {
  type AllowedAsset,
  type SpendRules,
  selectPayableRequirements,
} from './selectPayableRequirements.js'
export {
  type CancelStreamParameters,
  type CancelStreamReturnType,
  cancelStream,
} from './streams/cancelStream.js'
export {
  type OpenStreamParameters,
  type OpenStreamReturnType,
  openStream,
} from './streams/openStream.js'
export {
  type PaymentStream,
  type ReadStreamParameters,
  type ReadStreamReturnType,
  readStream,
} from './streams/readStream.js'
export {
  type TopUpStreamParameters,
  type TopUpStreamReturnType,
  topUpStream,
} from './streams/topUpStream.js'
export {
  type WithdrawFromStreamParameters,
  type WithdrawFromStreamReturnType,
  withdrawFromStream,
} from './streams/withdrawFromStream.js'
export { type AgentPayParameters, type AgentPayReturnType, agentPay } from './wallets/agentPay.js'
export {
  type AgentPayment,
  type AgentWalletsDomain,
  agentPaymentDigest,
  agentPaymentTypes,
  agentWalletsDomain,
} from './wallets/agentPaymentTypedData.js'
export type { AgentLimits, AgentPolicy, AgentPolicyInput } from './wallets/agentPolicy.js'
export {
  type ChannelAccountOfParameters,
  type ChannelAccountOfReturnType,
  channelAccountOf,
} from './wallets/channelAccountOf.js'
export {
  type CreateAgentWalletParameters,
  type CreateAgentWalletReturnType,
  createAgentWallet,
} from './wallets/createAgentWallet.js'
export {
  type DepositToAgentWalletParameters,
  type DepositToAgentWalletReturnType,
  depositToAgentWallet,
} from './wallets/depositToAgentWallet.js'
export {
  type ListAgentPayeesParameters,
  type ListAgentPayeesReturnType,
  listAgentPayees,
} from './wallets/listAgentPayees.js'
export {
  type OpenChannelFromWalletParameters,
  type OpenChannelFromWalletReturnType,
  openChannelFromWallet,
} from './wallets/openChannelFromWallet.js'
export {
  type PayAgentPaymentBySigParameters,
  type PayAgentPaymentBySigReturnType,
  payAgentPaymentBySig,
} from './wallets/payAgentPaymentBySig.js'
export {
  type AgentWallet,
  type ReadAgentWalletParameters,
  type ReadAgentWalletReturnType,
  readAgentWallet,
} from './wallets/readAgentWallet.js'
export {
  type ReclaimChannelParameters,
  type ReclaimChannelReturnType,
  reclaimChannel,
} from './wallets/reclaimChannel.js'
export {
  type RequestWalletChannelCloseParameters,
  type RequestWalletChannelCloseReturnType,
  requestWalletChannelClose,
} from './wallets/requestWalletChannelClose.js'
export {
  type SetAgentAllowlistOnlyParameters,
  type SetAgentAllowlistOnlyReturnType,
  setAgentAllowlistOnly,
} from './wallets/setAgentAllowlistOnly.js'
export {
  type SetAgentLimitsParameters,
  type SetAgentLimitsReturnType,
  setAgentLimits,
} from './wallets/setAgentLimits.js'
export {
  type SetAgentPayeeParameters,
  type SetAgentPayeeReturnType,
  setAgentPayee,
} from './wallets/setAgentPayee.js'
export {
  type SetAgentWalletPausedParameters,
  type SetAgentWalletPausedReturnType,
  setAgentWalletPaused,
} from './wallets/setAgentWalletPaused.js'
export {
  type SignAgentPaymentParameters,
  type SignAgentPaymentReturnType,
  signAgentPayment,
} from './wallets/signAgentPayment.js'
export {
  type SignWalletConsentParameters,
  type SignWalletConsentReturnType,
  signWalletConsent,
} from './wallets/signWalletConsent.js'
export {
  type WalletConsent,
  walletConsentDigest,
  walletConsentTypes,
} from './wallets/walletConsentTypedData.js'
export {
  type WithdrawFromAgentWalletParameters,
  type WithdrawFromAgentWalletReturnType,
  withdrawFromAgentWallet,
} from './wallets/withdrawFromAgentWallet.js'
export {
  decodePaymentResponse,
  decodePaymentSignature,
  encodePaymentResponse,
  encodePaymentSignature,
} from './x402Header.js'
