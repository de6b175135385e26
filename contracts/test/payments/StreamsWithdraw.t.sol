// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {StreamsTestBase} from "./StreamsTestBase.sol";

/// @notice The recipient withdraws what accrued, in any slices, and never more.
contract StreamsWithdrawTest is StreamsTestBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _open(RATE, DEPOSIT);
    }

    function test_withdraw_paysAmountMidStreamAndEmits() public {
        vm.warp(T0 + 600);
        vm.expectEmit(address(streams));
        emit IStreams.StreamWithdrawn(id, recipient, 250_000);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(streams), recipient, 250_000);
        vm.prank(recipient);
        assertEq(streams.withdraw(id, 250_000), 250_000, "returned");
        assertEq(usd.balanceOf(recipient), 250_000, "paid");
        assertEq(streams.streamOf(id).withdrawn, 250_000, "recorded");
        assertEq(streams.withdrawable(id), 600 * RATE - 250_000, "the rest still withdrawable");
        _assertConserved(id);
    }

    function test_withdraw_zeroTakesEverythingWithdrawable() public {
        vm.warp(T0 + 600);
        vm.expectEmit(address(streams));
        emit IStreams.StreamWithdrawn(id, recipient, 600 * RATE);
        vm.prank(recipient);
        assertEq(streams.withdraw(id, 0), 600 * RATE, "all of it");
        assertEq(streams.withdrawable(id), 0, "none left");
        _assertConserved(id);
    }

    function test_withdraw_exactlyWithdrawableSucceeds() public {
        vm.warp(T0 + 10);
        vm.prank(recipient);
        assertEq(streams.withdraw(id, 10 * RATE), 10 * RATE);
    }

    function test_withdraw_slicesAddUpToTheDeposit() public {
        uint256 paid;
        for (uint256 t = 1_000; t <= 2 * DAY; t += 7_919) {
            vm.warp(T0 + t);
            uint256 expected = _accrued(RATE, DEPOSIT, t) - paid;
            if (expected == 0) continue;
            vm.prank(recipient);
            paid += streams.withdraw(id, 0);
            assertEq(paid, _accrued(RATE, DEPOSIT, t), "paid what accrued");
        }
        assertEq(paid, DEPOSIT, "the whole deposit, once");
        assertEq(usd.balanceOf(recipient), DEPOSIT, "balance");
        assertEq(usd.balanceOf(address(streams)), 0, "nothing left behind");
    }

    function test_withdraw_revertsOverWithdrawable() public {
        vm.warp(T0 + 10);
        vm.expectRevert(abi.encodeWithSelector(IStreams.OverWithdrawable.selector, 10 * RATE + 1, 10 * RATE));
        vm.prank(recipient);
        streams.withdraw(id, 10 * RATE + 1);
    }

    function test_withdraw_revertsOverWithdrawableAfterWithdrawing() public {
        vm.warp(T0 + 10);
        vm.prank(recipient);
        streams.withdraw(id, 4 * RATE);
        vm.expectRevert(abi.encodeWithSelector(IStreams.OverWithdrawable.selector, 7 * RATE, 6 * RATE));
        vm.prank(recipient);
        streams.withdraw(id, 7 * RATE);
    }

    function test_withdraw_revertsOverWithdrawableBeyondTheDeposit() public {
        vm.warp(T0 + 5 * DAY);
        vm.expectRevert(abi.encodeWithSelector(IStreams.OverWithdrawable.selector, DEPOSIT + 1, DEPOSIT));
        vm.prank(recipient);
        streams.withdraw(id, DEPOSIT + 1);
    }

    function test_withdraw_revertsZeroAmountWhenNothingAccrued() public {
        vm.expectRevert(IStreams.ZeroAmount.selector);
        vm.prank(recipient);
        streams.withdraw(id, 0);
    }

    function test_withdraw_revertsZeroAmountWhenAllWithdrawn() public {
        vm.warp(T0 + 5 * DAY);
        vm.prank(recipient);
        streams.withdraw(id, 0);
        vm.expectRevert(IStreams.ZeroAmount.selector);
        vm.prank(recipient);
        streams.withdraw(id, 0);
    }

    function test_withdraw_revertsNotRecipient() public {
        vm.warp(T0 + 10);
        vm.expectRevert(abi.encodeWithSelector(IStreams.NotRecipient.selector, id, sender));
        vm.prank(sender);
        streams.withdraw(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IStreams.NotRecipient.selector, id, stranger));
        vm.prank(stranger);
        streams.withdraw(id, 1);
    }

    function test_withdraw_revertsUnknownStream() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.UnknownStream.selector, id + 1));
        vm.prank(recipient);
        streams.withdraw(id + 1, 0);
    }

    function test_withdraw_revertsStreamCancelled() public {
        vm.warp(T0 + 10);
        vm.prank(sender);
        streams.cancel(id);
        vm.warp(T0 + 20);
        vm.expectRevert(abi.encodeWithSelector(IStreams.StreamCancelled.selector, id));
        vm.prank(recipient);
        streams.withdraw(id, 0);
    }
}
