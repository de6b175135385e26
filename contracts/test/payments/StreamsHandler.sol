// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {Streams} from "../../src/payments/Streams.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {Cheats} from "../utils/Cheats.sol";

/// @notice Drives streams between a few actors through time: opens, top-ups, withdrawals (all, part, and more than
///         withdrawable, which must be refused), cancels by either side and second cancels (refused). A model kept
///         apart from the contract predicts every payout; each action checks the token movements against it and
///         counts its successes so `afterInvariant` can tell that it ran.
contract StreamsHandler is Cheats {
    /// @dev The model of one stream: what the interface's formula needs, computed without the contract.
    struct Model {
        address sender;
        address recipient;
        uint256 rate;
        uint256 deposit;
        uint256 withdrawn;
        uint256 start;
        bool cancelled;
    }

    Streams public immutable streams;
    TestStablecoin public immutable usd;
    address[] public actors;

    /// @notice The chain's time: warped to before every action (forge may not carry a warp to the next call).
    uint256 public time;
    uint256 public minted;
    uint256[] public ids;
    mapping(uint256 streamId => Model) internal _models;

    /// Successful calls, and calls refused as they must be.
    uint256 public opens;
    uint256 public topUps;
    uint256 public withdrawals;
    uint256 public cancels;
    uint256 public cancelsWithRefund;
    uint256 public warps;
    uint256 public refusedOverWithdrawable;
    uint256 public refusedNothingToWithdraw;
    uint256 public refusedCancelled;

    constructor(Streams streams_, TestStablecoin usd_, address[] memory actors_) {
        streams = streams_;
        usd = usd_;
        actors = actors_;
        time = block.timestamp;
    }

    modifier atTime() {
        vm.warp(time);
        _;
    }

    function open(uint256 senderSeed, uint256 recipientSeed, uint256 rate, uint256 deposit) external atTime {
        address sender = _actor(senderSeed);
        address recipient = _actor(recipientSeed);
        rate = bound(rate, 1, 1e6);
        deposit = bound(deposit, 1, 1e11);
        _fund(sender, deposit);
        vm.prank(sender);
        uint256 id = streams.open(recipient, rate, deposit);
        require(id == ids.length + 1, "ids count up from 1");
        ids.push(id);
        _models[id] = Model(sender, recipient, rate, deposit, 0, time, false);
        ++opens;
    }

    function topUp(uint256 seed, uint256 amount) external atTime {
        uint256 id = _live(seed);
        if (id == 0) return;
        Model storage m = _models[id];
        amount = bound(amount, 1, 1e11);
        _fund(m.sender, amount);
        vm.prank(m.sender);
        streams.topUp(id, amount);
        m.deposit += amount;
        ++topUps;
    }

    /// @dev One call in three takes everything, one a part, one more than withdrawable (refused).
    function withdraw(uint256 seed, uint256 amount) external atTime {
        uint256 id = _live(seed);
        if (id == 0) return;
        Model storage m = _models[id];
        uint256 available = _accrued(m) - m.withdrawn;
        uint256 mode = amount % 3;
        if (mode == 2) amount = available + bound(amount, 1, 1e6);
        else amount = mode == 0 || available == 0 ? 0 : bound(amount, 1, available);
        if (mode == 2 || available == 0) {
            if (mode == 2) {
                vm.expectRevert(abi.encodeWithSelector(IStreams.OverWithdrawable.selector, amount, available));
                ++refusedOverWithdrawable;
            } else {
                vm.expectRevert(IStreams.ZeroAmount.selector);
                ++refusedNothingToWithdraw;
            }
            vm.prank(m.recipient);
            streams.withdraw(id, amount);
            return;
        }
        uint256 expected = amount == 0 ? available : amount;
        uint256 before = usd.balanceOf(m.recipient);
        vm.prank(m.recipient);
        require(streams.withdraw(id, amount) == expected, "withdraw: returned amount");
        require(usd.balanceOf(m.recipient) - before == expected, "withdraw: paid amount");
        m.withdrawn += expected;
        ++withdrawals;
    }

    /// @dev A stream still open is cancelled by either side; one already cancelled must refuse a second cancel.
    function cancel(uint256 seed, bool bySender, bool again) external atTime {
        uint256 id = again ? _cancelled(seed) : _live(seed);
        if (id == 0) return;
        Model storage m = _models[id];
        address by = bySender ? m.sender : m.recipient;
        if (again) {
            vm.expectRevert(abi.encodeWithSelector(IStreams.StreamCancelled.selector, id));
            vm.prank(by);
            streams.cancel(id);
            ++refusedCancelled;
            return;
        }
        uint256 due = _accrued(m);
        uint256 toRecipient = due - m.withdrawn;
        uint256 refund = m.deposit - due;
        uint256 recipientBefore = usd.balanceOf(m.recipient);
        uint256 senderBefore = usd.balanceOf(m.sender);
        vm.prank(by);
        (uint256 paid, uint256 refunded) = streams.cancel(id);
        require(paid == toRecipient && refunded == refund, "cancel: split differs from the model");
        if (m.sender == m.recipient) {
            require(usd.balanceOf(m.sender) - senderBefore == paid + refunded, "cancel: self-stream payout");
        } else {
            require(usd.balanceOf(m.recipient) - recipientBefore == paid, "cancel: recipient payout");
            require(usd.balanceOf(m.sender) - senderBefore == refunded, "cancel: sender refund");
        }
        (m.deposit, m.withdrawn, m.cancelled) = (due, due, true);
        ++cancels;
        if (refunded != 0) ++cancelsWithRefund;
    }

    /// @dev From a second to three days: streams run dry and top-ups cover gaps.
    function warp(uint256 seconds_) external {
        time += bound(seconds_, 1, 3 days);
        vm.warp(time);
        ++warps;
    }

    function count() external view returns (uint256) {
        return ids.length;
    }

    function model(uint256 streamId) external view returns (Model memory) {
        return _models[streamId];
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    /// @notice What the model says the stream has accrued now.
    function accrued(uint256 streamId) external view returns (uint256) {
        return _accrued(_models[streamId]);
    }

    function _accrued(Model storage m) internal view returns (uint256) {
        if (m.cancelled) return m.deposit;
        uint256 streamed = m.rate * (time - m.start);
        return streamed < m.deposit ? streamed : m.deposit;
    }

    /// @dev An open stream, searching from `seed`; 0 when there is none.
    function _live(uint256 seed) internal view returns (uint256) {
        return _find(seed, false);
    }

    function _cancelled(uint256 seed) internal view returns (uint256) {
        return _find(seed, true);
    }

    function _find(uint256 seed, bool cancelled) internal view returns (uint256) {
        uint256 n = ids.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = ids[(seed % n + i) % n];
            if (_models[id].cancelled == cancelled) return id;
        }
        return 0;
    }

    function _fund(address account, uint256 amount) internal {
        usd.mint(account, amount);
        minted += amount;
        vm.prank(account);
        usd.approve(address(streams), amount);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }
}
