// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {StreamsTestBase} from "./StreamsTestBase.sol";

/// @notice Either side cancels: the recipient is paid what accrued and not yet withdrawn, the sender gets exactly
///         the rest, and the stream is closed for good.
contract StreamsCancelTest is StreamsTestBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _open(RATE, DEPOSIT);
    }

    function test_cancel_bySenderSplitsExactlyAndEmits() public {
        vm.warp(T0 + 1_000);
        vm.expectEmit(address(streams));
        emit IStreams.StreamCancelledBy(id, sender, 1_000 * RATE, DEPOSIT - 1_000 * RATE);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(streams), recipient, 1_000 * RATE);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(streams), sender, DEPOSIT - 1_000 * RATE);
        vm.prank(sender);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, 1_000 * RATE, "toRecipient");
        assertEq(refunded, DEPOSIT - 1_000 * RATE, "refunded");
        assertEq(usd.balanceOf(recipient), 1_000 * RATE, "recipient paid");
        assertEq(usd.balanceOf(sender), DEPOSIT - 1_000 * RATE, "sender refunded");
        assertEq(usd.balanceOf(address(streams)), 0, "nothing left");
    }

    function test_cancel_byRecipientSplitsExactly() public {
        vm.warp(T0 + 1_000);
        vm.expectEmit(address(streams));
        emit IStreams.StreamCancelledBy(id, recipient, 1_000 * RATE, DEPOSIT - 1_000 * RATE);
        vm.prank(recipient);
        streams.cancel(id);
        assertEq(usd.balanceOf(recipient), 1_000 * RATE, "recipient paid");
        assertEq(usd.balanceOf(sender), DEPOSIT - 1_000 * RATE, "sender refunded");
    }

    function test_cancel_afterWithdrawPaysOnlyTheRest() public {
        vm.warp(T0 + 1_000);
        vm.prank(recipient);
        streams.withdraw(id, 300 * RATE);
        vm.warp(T0 + 1_500);
        vm.prank(sender);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, 1_200 * RATE, "accrued minus withdrawn");
        assertEq(refunded, DEPOSIT - 1_500 * RATE, "deposit minus accrued");
        assertEq(usd.balanceOf(recipient), 1_500 * RATE, "recipient got all that accrued");
    }

    function test_cancel_atOpenRefundsEverything() public {
        vm.expectEmit(address(streams));
        emit IStreams.StreamCancelledBy(id, sender, 0, DEPOSIT);
        vm.prank(sender);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, 0, "nothing accrued");
        assertEq(refunded, DEPOSIT, "all back");
        assertEq(usd.balanceOf(sender), DEPOSIT, "sender whole");
    }

    function test_cancel_afterDepletionRefundsNothing() public {
        vm.warp(T0 + 2 * DAY);
        vm.prank(recipient);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, DEPOSIT, "all accrued");
        assertEq(refunded, 0, "nothing to refund");
        assertEq(usd.balanceOf(sender), 0, "sender gets nothing");
    }

    function test_cancel_afterTopUpSplitsOverTheNewDeposit() public {
        vm.warp(T0 + DAY / 2);
        _topUp(id, DEPOSIT);
        vm.warp(T0 + DAY + 77);
        vm.prank(sender);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, (DAY + 77) * RATE, "accrued past the first deposit");
        assertEq(refunded, 2 * DEPOSIT - (DAY + 77) * RATE, "rest of both deposits");
        assertEq(usd.balanceOf(address(streams)), 0, "nothing left");
    }

    function test_cancel_freezesTheStream() public {
        vm.warp(T0 + 1_000);
        vm.prank(recipient);
        streams.withdraw(id, 100 * RATE);
        vm.prank(sender);
        streams.cancel(id);
        vm.warp(T0 + 10 * DAY);
        IStreams.Stream memory s = streams.streamOf(id);
        assertTrue(s.cancelled, "cancelled");
        assertEq(s.deposit, 1_000 * RATE, "deposit reads what accrued");
        assertEq(s.withdrawn, 1_000 * RATE, "all of it paid");
        assertEq(streams.withdrawable(id), 0, "nothing accrues after cancel");
        assertEq(streams.depletesAt(id), T0 + 1_000, "when what it paid out had accrued");
        _assertConserved(id);
    }

    function test_cancel_revertsStreamCancelledWhenCancelledTwice() public {
        vm.warp(T0 + 1_000);
        vm.prank(sender);
        streams.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(IStreams.StreamCancelled.selector, id));
        vm.prank(recipient);
        streams.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(IStreams.StreamCancelled.selector, id));
        vm.prank(sender);
        streams.cancel(id);
        assertEq(usd.balanceOf(recipient) + usd.balanceOf(sender), DEPOSIT, "paid out once");
    }

    function test_cancel_revertsNotParty() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.NotParty.selector, id, stranger));
        vm.prank(stranger);
        streams.cancel(id);
    }

    function test_cancel_revertsUnknownStream() public {
        vm.expectRevert(abi.encodeWithSelector(IStreams.UnknownStream.selector, 9));
        vm.prank(sender);
        streams.cancel(9);
    }
}
