// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStreams} from "../interfaces/IStreams.sol";

/// @title Rightflow payment streams
/// @notice See {IStreams}. Ownerless and immutable: one payment token, no admin, no fees. The token must move
///         exact amounts (no fee on transfer, no rebasing): the books count what was asked for, not what arrived.
/// @dev Three storage slots per stream, laid out for the hot path: `withdraw` reads slots 1 and 2 only and writes
///      slot 2; `topUp` reads slots 0 and 2. Nothing is stored per second: accrual is computed from `start`.
///      Checks-effects-interactions throughout, and every entry point that moves tokens is nonReentrant.
contract Streams is IStreams, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Slot 0: sender. Slot 1: recipient, rate. Slot 2: deposit, withdrawn, start, cancelled. `recipient` is
    ///      never zero for an opened stream, so it doubles as the existence flag.
    struct Packed {
        address sender;
        address recipient;
        uint96 ratePerSecond;
        uint96 deposit;
        uint96 withdrawn;
        uint40 start;
        bool cancelled;
    }

    IERC20 private immutable _token;
    uint256 private _lastStreamId;
    mapping(uint256 streamId => Packed) private _streams;

    constructor(IERC20 token) {
        _token = token;
    }

    /// @inheritdoc IStreams
    function open(address recipient, uint256 ratePerSecond, uint256 deposit)
        external
        nonReentrant
        returns (uint256 streamId)
    {
        if (recipient == address(0)) revert ZeroAddress();
        if (ratePerSecond == 0 || deposit == 0) revert ZeroAmount();
        if (ratePerSecond > type(uint96).max) revert AmountTooLarge(ratePerSecond);
        if (deposit > type(uint96).max) revert AmountTooLarge(deposit);
        streamId = ++_lastStreamId;
        // forge-lint: disable-next-item(unsafe-typecast)
        _streams[streamId] = Packed({
            sender: msg.sender,
            recipient: recipient,
            ratePerSecond: uint96(ratePerSecond), // bounded above
            deposit: uint96(deposit), // bounded above
            withdrawn: 0,
            start: uint40(block.timestamp), // until the year 36812
            cancelled: false
        });
        emit StreamOpened(streamId, msg.sender, recipient, ratePerSecond, deposit);
        _token.safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @inheritdoc IStreams
    function topUp(uint256 streamId, uint256 amount) external nonReentrant {
        Packed storage s = _streams[streamId];
        if (s.sender != msg.sender) {
            _requireOpened(s, streamId);
            revert NotSender(streamId, msg.sender);
        }
        if (s.cancelled) revert StreamCancelled(streamId);
        if (amount == 0) revert ZeroAmount();
        uint256 deposit = s.deposit;
        if (amount > type(uint96).max - deposit) revert AmountTooLarge(amount);
        deposit += amount;
        // forge-lint: disable-next-line(unsafe-typecast)
        s.deposit = uint96(deposit); // bounded above
        emit StreamToppedUp(streamId, amount, deposit);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IStreams
    function withdraw(uint256 streamId, uint256 amount) external nonReentrant returns (uint256 withdrawn) {
        Packed storage s = _streams[streamId];
        if (s.recipient != msg.sender) {
            _requireOpened(s, streamId);
            revert NotRecipient(streamId, msg.sender);
        }
        if (s.cancelled) revert StreamCancelled(streamId);
        uint256 before = s.withdrawn;
        uint256 available = _accrued(s) - before;
        if (amount == 0) {
            if (available == 0) revert ZeroAmount();
            amount = available;
        } else if (amount > available) {
            revert OverWithdrawable(amount, available);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        s.withdrawn = uint96(before + amount); // at most the deposit
        emit StreamWithdrawn(streamId, msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
        return amount;
    }

    /// @inheritdoc IStreams
    function cancel(uint256 streamId) external nonReentrant returns (uint256 toRecipient, uint256 refunded) {
        Packed storage s = _streams[streamId];
        address sender = s.sender;
        address recipient = s.recipient;
        if (msg.sender != sender && msg.sender != recipient) {
            _requireOpened(s, streamId);
            revert NotParty(streamId, msg.sender);
        }
        if (s.cancelled) revert StreamCancelled(streamId);
        uint256 accrued = _accrued(s);
        toRecipient = accrued - s.withdrawn;
        refunded = s.deposit - accrued;
        // The stream keeps what it paid out as both deposit and withdrawn, so it still owes nothing and its
        // accrual stays frozen at that amount.
        // forge-lint: disable-next-item(unsafe-typecast)
        (s.deposit, s.withdrawn, s.cancelled) = (uint96(accrued), uint96(accrued), true); // accrued <= deposit
        emit StreamCancelledBy(streamId, msg.sender, toRecipient, refunded);
        if (toRecipient != 0) _token.safeTransfer(recipient, toRecipient);
        if (refunded != 0) _token.safeTransfer(sender, refunded);
    }

    /// @inheritdoc IStreams
    function streamOf(uint256 streamId) external view returns (Stream memory) {
        Packed storage s = _streams[streamId];
        _requireOpened(s, streamId);
        return Stream({
            sender: s.sender,
            recipient: s.recipient,
            ratePerSecond: s.ratePerSecond,
            deposit: s.deposit,
            withdrawn: s.withdrawn,
            start: s.start,
            cancelled: s.cancelled
        });
    }

    /// @inheritdoc IStreams
    function withdrawable(uint256 streamId) external view returns (uint256) {
        Packed storage s = _streams[streamId];
        _requireOpened(s, streamId);
        return _accrued(s) - s.withdrawn;
    }

    /// @inheritdoc IStreams
    function depletesAt(uint256 streamId) external view returns (uint256) {
        Packed storage s = _streams[streamId];
        _requireOpened(s, streamId);
        uint256 rate = s.ratePerSecond;
        return s.start + (uint256(s.deposit) + rate - 1) / rate;
    }

    /// @inheritdoc IStreams
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    function _requireOpened(Packed storage s, uint256 streamId) private view {
        if (s.recipient == address(0)) revert UnknownStream(streamId);
    }

    /// @dev min(deposit, rate * elapsed). Cannot overflow: a uint96 rate times a uint40-sized elapsed time.
    function _accrued(Packed storage s) private view returns (uint256) {
        uint256 deposit = s.deposit;
        uint256 streamed;
        unchecked {
            streamed = uint256(s.ratePerSecond) * (block.timestamp - s.start);
        }
        return streamed < deposit ? streamed : deposit;
    }
}
