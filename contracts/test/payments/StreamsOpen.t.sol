// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {Streams} from "../../src/payments/Streams.sol";
import {ReentrantERC20} from "../mocks/rights/ReentrantERC20.sol";
import {StreamsTestBase} from "./StreamsTestBase.sol";

/// @notice Opening and topping up streams, and the views.
contract StreamsOpenTest is StreamsTestBase {
    function test_open_storesStreamPullsDepositAndEmits() public {
        _fund(DEPOSIT);
        vm.expectEmit(address(streams));
        emit IStreams.StreamOpened(1, sender, recipient, RATE, DEPOSIT);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(sender, address(streams), DEPOSIT);
        vm.prank(sender);
        assertEq(streams.open(recipient, RATE, DEPOSIT), 1, "ids start at 1");

        IStreams.Stream memory s = streams.streamOf(1);
        assertEq(s.sender, sender, "sender");
        assertEq(s.recipient, recipient, "recipient");
        assertEq(s.ratePerSecond, RATE, "rate");
        assertEq(s.deposit, DEPOSIT, "deposit");
        assertEq(s.withdrawn, 0, "withdrawn");
        assertEq(s.start, T0, "start");
        assertFalse(s.cancelled, "open");
        assertEq(usd.balanceOf(address(streams)), DEPOSIT, "deposit held");
        assertEq(usd.balanceOf(sender), 0, "sender paid");
    }

    function test_open_idsCountUp() public {
        assertEq(_open(RATE, DEPOSIT), 1, "first");
        assertEq(_open(RATE, DEPOSIT), 2, "second");
        assertEq(_open(1, 1), 3, "third");
    }

    function test_open_acceptsUint96Maximum() public {
        ReentrantERC20 big = new ReentrantERC20(); // unarmed: a plain token without a mint cap
        Streams bigStreams = new Streams(IERC20(address(big)));
        big.mint(sender, MAX96);
        vm.startPrank(sender);
        big.approve(address(bigStreams), MAX96);
        uint256 id = bigStreams.open(recipient, MAX96, MAX96);
        vm.stopPrank();
        assertEq(bigStreams.depletesAt(id), T0 + 1, "drains in one second");
        vm.warp(T0 + 100 * 365 days);
        assertEq(bigStreams.withdrawable(id), MAX96, "a century of the maximum rate does not overflow");
        vm.prank(recipient);
        (uint256 toRecipient, uint256 refunded) = bigStreams.cancel(id);
        assertEq(toRecipient, MAX96, "recipient paid all");
        assertEq(refunded, 0, "nothing left");
    }

    function test_open_revertsZeroAddress() public {
        vm.expectRevert(IStreams.ZeroAddress.selector);
        vm.prank(sender);
        streams.open(address(0), RATE, DEPOSIT);
    }

    function test_open_revertsZeroRate() public {
        vm.expectRevert(IStreams.ZeroAmount.selector);
        vm.prank(sender);
        streams.open(recipient, 0, DEPOSIT);
    }

    function test_open_revertsZeroDeposit() public {
        vm.expectRevert(IStreams.ZeroAmount.selector);
        vm.prank(sender);
        streams.open(recipient, RATE, 0);
    }

    function test_open_revertsAmountTooLargeRate() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.AmountTooLarge.selector, MAX96 + 1));
        vm.prank(sender);
        streams.open(recipient, MAX96 + 1, DEPOSIT);
    }

    function test_open_revertsAmountTooLargeDeposit() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.AmountTooLarge.selector, MAX96 + 1));
        vm.prank(sender);
        streams.open(recipient, RATE, MAX96 + 1);
    }

    function test_topUp_extendsTheStreamAndEmits() public {
        uint256 id = _open(RATE, DEPOSIT);
        vm.warp(T0 + DAY / 2);
        _fund(DEPOSIT);
        vm.expectEmit(address(streams));
        emit IStreams.StreamToppedUp(id, DEPOSIT, 2 * DEPOSIT);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(sender, address(streams), DEPOSIT);
        vm.prank(sender);
        streams.topUp(id, DEPOSIT);
        assertEq(streams.streamOf(id).deposit, 2 * DEPOSIT, "deposit");
        assertEq(streams.depletesAt(id), T0 + 2 * DAY, "runs twice as long");
        assertEq(streams.withdrawable(id), RATE * DAY / 2, "same rate");
        _assertConserved(id);
    }

    /// @dev accrued = min(deposit, rate * elapsed): once the new deposit covers the gap, the gap is owed at once.
    function test_topUp_afterRunningDryOwesTheGap() public {
        uint256 id = _open(RATE, DEPOSIT);
        vm.warp(T0 + 3 * DAY);
        assertEq(streams.withdrawable(id), DEPOSIT, "capped at the deposit while dry");
        _topUp(id, DEPOSIT);
        assertEq(streams.withdrawable(id), 2 * DEPOSIT, "both days owed");
        _topUp(id, 2 * DEPOSIT);
        assertEq(streams.withdrawable(id), 3 * DEPOSIT, "three days elapsed, three owed");
        assertEq(streams.depletesAt(id), T0 + 4 * DAY, "one day left");
    }

    function test_topUp_revertsNotSender() public {
        uint256 id = _open(RATE, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(IStreams.NotSender.selector, id, recipient));
        vm.prank(recipient);
        streams.topUp(id, 1);
    }

    function test_topUp_revertsUnknownStream() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.UnknownStream.selector, 7));
        vm.prank(sender);
        streams.topUp(7, 1);
    }

    function test_topUp_revertsZeroAmount() public {
        uint256 id = _open(RATE, DEPOSIT);
        vm.expectRevert(IStreams.ZeroAmount.selector);
        vm.prank(sender);
        streams.topUp(id, 0);
    }

    function test_topUp_revertsAmountTooLarge() public {
        uint256 id = _open(RATE, DEPOSIT);
        uint256 tooMuch = MAX96 - DEPOSIT + 1;
        vm.expectRevert(abi.encodeWithSelector(IStreams.AmountTooLarge.selector, tooMuch));
        vm.prank(sender);
        streams.topUp(id, tooMuch);
        vm.expectRevert(abi.encodeWithSelector(IStreams.AmountTooLarge.selector, type(uint256).max));
        vm.prank(sender);
        streams.topUp(id, type(uint256).max);
    }

    function test_topUp_revertsStreamCancelled() public {
        uint256 id = _open(RATE, DEPOSIT);
        vm.prank(sender);
        streams.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(IStreams.StreamCancelled.selector, id));
        vm.prank(sender);
        streams.topUp(id, 1);
    }

    function test_depletesAt_roundsUpToTheFirstSecondFullyAccrued() public {
        uint256 id = _open(3, 10);
        assertEq(streams.depletesAt(id), T0 + 4, "ceil(10 / 3)");
        vm.warp(T0 + 3);
        assertEq(streams.withdrawable(id), 9, "one unit short a second before");
        vm.warp(T0 + 4);
        assertEq(streams.withdrawable(id), 10, "all of it at depletesAt");
    }

    function test_withdrawable_growsLinearlyThenStops() public {
        uint256 id = _open(RATE, DEPOSIT);
        assertEq(streams.withdrawable(id), 0, "nothing at open");
        vm.warp(T0 + 1);
        assertEq(streams.withdrawable(id), RATE, "one second");
        vm.warp(T0 + DAY - 1);
        assertEq(streams.withdrawable(id), DEPOSIT - RATE, "a second short");
        vm.warp(T0 + 10 * DAY);
        assertEq(streams.withdrawable(id), DEPOSIT, "capped");
    }

    function test_streamOf_revertsUnknownStream() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.UnknownStream.selector, 0));
        streams.streamOf(0);
    }

    function test_withdrawable_revertsUnknownStream() public {
        _open(RATE, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(IStreams.UnknownStream.selector, 2));
        streams.withdrawable(2);
    }

    function test_depletesAt_revertsUnknownStream() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.UnknownStream.selector, 1));
        streams.depletesAt(1);
    }

    function test_paymentToken_isTheConstructorToken() public view {
        assertEq(streams.paymentToken(), address(usd));
    }
}
