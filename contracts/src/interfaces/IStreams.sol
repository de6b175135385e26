// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Rightflow payment streams
/// @notice Money that flows per second, for compute leases and subscriptions: the sender deposits, the recipient
///         withdraws whatever has accrued at `ratePerSecond`, the sender tops up, and either side cancels with an
///         exact split — the recipient gets what accrued, the sender the rest.
/// @dev accrued(t) = min(deposit, ratePerSecond * (t - start)); withdrawable = accrued - withdrawn.
///      Invariant: the contract holds exactly sum(deposit - withdrawn) over open streams (over all streams, since a
///      cancelled one keeps deposit == withdrawn).
///      Ids count up from 1. Rates and deposits (top-ups included) are at most type(uint96).max, about 7.9e28 base
///      units, else AmountTooLarge: that bound lets a stream fit in three storage slots.
interface IStreams {
    struct Stream {
        address sender;
        address recipient;
        uint128 ratePerSecond;
        uint128 deposit;
        uint128 withdrawn;
        uint64 start;
        bool cancelled;
    }

    error UnknownStream(uint256 streamId);
    error StreamCancelled(uint256 streamId);
    error ZeroAmount();
    error ZeroAddress();
    error NotSender(uint256 streamId, address caller);
    error NotRecipient(uint256 streamId, address caller);
    error NotParty(uint256 streamId, address caller);
    error OverWithdrawable(uint256 amount, uint256 withdrawable);
    error AmountTooLarge(uint256 amount);

    event StreamOpened(
        uint256 indexed streamId,
        address indexed sender,
        address indexed recipient,
        uint256 ratePerSecond,
        uint256 deposit
    );
    event StreamToppedUp(uint256 indexed streamId, uint256 amount, uint256 deposit);
    event StreamWithdrawn(uint256 indexed streamId, address indexed to, uint256 amount);
    event StreamCancelledBy(uint256 indexed streamId, address indexed by, uint256 toRecipient, uint256 refunded);

    /// @notice Open a stream funded by the caller (needs an allowance).
    function open(address recipient, uint256 ratePerSecond, uint256 deposit) external returns (uint256 streamId);

    /// @notice The sender adds to the deposit; the stream runs longer at the same rate.
    /// @dev On a stream that had run dry, what accrued since (up to the new deposit) is withdrawable at once: the
    ///      formula above owes the recipient for the gap.
    function topUp(uint256 streamId, uint256 amount) external;

    /// @notice Recipient takes `amount` of what has accrued (0 for all of it).
    /// @dev Reverts ZeroAmount when `amount` is 0 and nothing is withdrawable.
    function withdraw(uint256 streamId, uint256 amount) external returns (uint256 withdrawn);

    /// @notice Sender or recipient ends the stream: the recipient is paid what accrued, the sender refunded the rest.
    function cancel(uint256 streamId) external returns (uint256 toRecipient, uint256 refunded);

    /// @notice A stream; reverts UnknownStream for an id never opened. Once cancelled, `deposit` and `withdrawn`
    ///         both read what accrued by the cancellation, all of it paid to the recipient.
    function streamOf(uint256 streamId) external view returns (Stream memory);

    /// @notice What the recipient could withdraw now.
    function withdrawable(uint256 streamId) external view returns (uint256);

    /// @notice Unix time the deposit runs out: start + ceil(deposit / ratePerSecond). For a cancelled stream, the
    ///         time what it paid out had accrued.
    function depletesAt(uint256 streamId) external view returns (uint256);

    function paymentToken() external view returns (address);
}
