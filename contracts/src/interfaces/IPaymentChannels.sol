// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Rightflow payment channels
/// @notice One-way payment channels for micropayments, in the shape of x402's batch-settlement proposal: the payer
///         deposits once; each paid request carries a cumulative EIP-712 voucher ("the payee may take up to X in
///         total from this channel") that the payee checks off chain; the payee claims what it served (any total
///         up to the best voucher it holds) from many channels in one transaction; the payer gets the rest back by
///         cooperative close or, without the payee, after a challenge period during which the payee can still claim.
///
///         Royalty routing: a channel may name a licensed IP asset and a share (bps). Every claim then credits
///         that share of the claimed amount to the asset's revenue vault in the same transaction, so a paid use
///         of a work pays its rights holders as it settles.
/// @dev Voucher type (domain "Rightflow Channels", version "1", chainId, this contract):
///        Voucher(bytes32 channelId,uint256 cumulativeAmount)
///      A channel id is keccak256(abi.encode(payer, payee, voucherSigner, salt)) and, with the domain, binds a
///      voucher to one payee, one chain and one contract. A voucher is a ceiling, not a bill: the payee chooses
///      the channel's claimed total (`claimTotal`) up to the voucher's `cumulativeAmount`, so a payer who signs
///      more than it used (one voucher for the whole deposit, say) still pays exactly what the payee charged, and
///      the payee is never forced to take more than it served. Claims are idempotent per total: a `claimTotal`
///      at or below what was already claimed pays nothing, so replays and reordered claims are harmless.
///      Invariant: for every channel claimed <= deposit, claimed <= the largest voucher its signer signed, and
///      the contract holds exactly sum(deposit - claimed) over channels not yet withdrawn.
interface IPaymentChannels {
    /// @param payer Funds the channel and receives the refund (an EOA or an agent wallet contract).
    /// @param payee Receives claims.
    /// @param voucherSigner Signs vouchers (the payer itself, or the agent key of an agent wallet).
    /// @param deposit Total ever deposited.
    /// @param claimed Total paid out to the payee and royalties.
    /// @param closeRequestedAt Unix time the payer asked to close without the payee; zero if not.
    /// @param royaltyAsset IP asset credited on each claim (zero for none).
    /// @param royaltyBps Share of each claim credited to the asset's vault.
    /// @param closed Set once the remainder went back to the payer.
    struct Channel {
        address payer;
        address payee;
        address voucherSigner;
        uint128 deposit;
        uint128 claimed;
        uint64 closeRequestedAt;
        uint16 royaltyBps;
        bool closed;
        uint256 royaltyAsset;
    }

    /// @notice One channel in a batched claim.
    /// @param channelId The channel.
    /// @param cumulativeAmount The signed voucher's amount: the most the payee may take from the channel in total.
    /// @param claimTotal What the payee takes in total after this claim; at most `cumulativeAmount`.
    /// @param signature The voucher signer's signature over (channelId, cumulativeAmount).
    struct Claim {
        bytes32 channelId;
        uint256 cumulativeAmount;
        uint256 claimTotal;
        bytes signature;
    }

    error ChannelExists(bytes32 channelId);
    error UnknownChannel(bytes32 channelId);
    error ChannelClosed(bytes32 channelId);
    error ZeroAmount();
    error ZeroAddress();
    error NotPayer(bytes32 channelId, address caller);
    error NotPayee(bytes32 channelId, address caller);
    /// @notice The voucher is not the channel's voucher signer's.
    error InvalidVoucher(bytes32 channelId);
    /// @notice A voucher for more than was ever deposited.
    error VoucherAboveDeposit(bytes32 channelId, uint256 cumulativeAmount, uint256 deposit);
    /// @notice A claim for more than the voucher it carries allows.
    error ClaimAboveVoucher(bytes32 channelId, uint256 claimTotal, uint256 cumulativeAmount);
    /// @notice The royalty share is above 10,000 bps, or names an asset that does not exist.
    error InvalidRoyalty(uint256 royaltyAsset, uint16 royaltyBps);
    /// @notice The challenge period after `requestClose` has not passed yet.
    error ChallengePeriodActive(bytes32 channelId, uint64 endsAt);
    /// @notice `withdraw` without a prior `requestClose`.
    error CloseNotRequested(bytes32 channelId);
    error DepositTooLarge(uint256 deposit);

    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        address voucherSigner,
        uint256 deposit,
        uint256 royaltyAsset,
        uint16 royaltyBps
    );
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    /// @notice `amount` more was claimed, bringing the channel's claimed total to `claimed`; `royalty` of it was
    ///         credited to the royalty asset's vault.
    event ChannelClaimed(bytes32 indexed channelId, uint256 claimed, uint256 amount, uint256 royalty);
    event CloseRequested(bytes32 indexed channelId, uint64 challengeEndsAt);
    /// @notice The channel closed. Over its life the payee received `paidToPayee` (royalties excluded) and the
    ///         royalty vault the rest of the claimed amount; the payer got `refunded` back now.
    event ChannelClosedOut(bytes32 indexed channelId, uint256 paidToPayee, uint256 refunded);

    /// @notice Open a channel funded by the caller (needs an allowance for `deposit`).
    /// @return channelId keccak256(abi.encode(msg.sender, payee, voucherSigner, salt)).
    function open(
        address payee,
        address voucherSigner,
        uint256 deposit,
        uint256 royaltyAsset,
        uint16 royaltyBps,
        bytes32 salt
    ) external returns (bytes32 channelId);

    /// @notice Add to a channel's deposit (anyone may; the refund still goes to the payer). A top-up by the payer
    ///         cancels a pending close; one by anyone else does not, or a stranger could keep the payer's funds
    ///         locked for the price of dust.
    function topUp(bytes32 channelId, uint256 amount) external;

    /// @notice Payee brings many of its channels' claimed totals up to `claimTotal` each, in one transaction, under
    ///         any voucher of the channel's signer for at least that much. Claims whose `claimTotal` is at or below
    ///         what was already claimed are skipped without further checks (they cannot pay anything); any other
    ///         invalid claim reverts the whole batch: `ClaimAboveVoucher` (claimTotal > cumulativeAmount),
    ///         `VoucherAboveDeposit`, `InvalidVoucher`, `NotPayee`, `ChannelClosed`, `UnknownChannel`. The payee is
    ///         paid once, for the whole batch.
    /// @return total The amount paid out (to the payee and to royalty vaults).
    function claim(Claim[] calldata claims) external returns (uint256 total);

    /// @notice Payee closes the channel: brings its claimed total up to `claimTotal` under the voucher for
    ///         `cumulativeAmount`, as `claim` does (a `claimTotal` at or below what was claimed takes nothing more and
    ///         needs no valid voucher), and refunds the rest of the deposit to the payer now.
    function closeWithVoucher(bytes32 channelId, uint256 cumulativeAmount, uint256 claimTotal, bytes calldata signature)
        external;

    /// @notice Payer starts the exit without the payee; the payee may still claim until the challenge ends (and
    ///         after, until someone calls `withdraw`). Requesting again changes nothing.
    function requestClose(bytes32 channelId) external;

    /// @notice After the challenge period, refund whatever was not claimed to the payer. Anyone may call.
    function withdraw(bytes32 channelId) external;

    /// @notice A channel; reverts UnknownChannel.
    function channelOf(bytes32 channelId) external view returns (Channel memory);

    /// @notice The id `open` gives.
    function channelIdOf(address payer, address payee, address voucherSigner, bytes32 salt)
        external
        pure
        returns (bytes32);

    /// @notice The EIP-712 digest the voucher signer signs.
    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) external view returns (bytes32);

    /// @notice Seconds between `requestClose` and `withdraw`.
    function challengePeriod() external view returns (uint64);

    function paymentToken() external view returns (address);
    function assetRegistry() external view returns (address);
}
