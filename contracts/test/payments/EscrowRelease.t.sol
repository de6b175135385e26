// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {EscrowTestBase} from "./EscrowTestBase.sol";

/// @notice Creating deals, releasing them (by the payer or the arbiter, in full or in part, before the deadline),
///         refunding what is left after it, once.
contract EscrowReleaseTest is EscrowTestBase {
    function test_create_storesDealPullsAmountAndEmits() public {
        usd.mint(payer, AMOUNT);
        vm.expectEmit(address(escrow));
        emit IEscrow.EscrowCreated(1, payer, payee, arbiter, AMOUNT, DEADLINE);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(payer, address(escrow), AMOUNT);
        vm.prank(payer);
        assertEq(escrow.create(payee, arbiter, AMOUNT, DEADLINE), 1, "ids start at 1");

        IEscrow.Deal memory d = escrow.dealOf(1);
        assertEq(d.payer, payer, "payer");
        assertEq(d.payee, payee, "payee");
        assertEq(d.arbiter, arbiter, "arbiter");
        assertEq(d.amount, AMOUNT, "amount");
        assertEq(d.released, 0, "released");
        assertEq(d.deadline, DEADLINE, "deadline");
        assertFalse(d.refunded, "refunded");
        assertEq(usd.balanceOf(address(escrow)), AMOUNT, "held");
        assertEq(_create(1, DEADLINE), 2, "ids count up");
    }

    function test_create_acceptsNoArbiterAndUint96Maximum() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.AmountTooLarge.selector, uint256(type(uint96).max) + 1));
        vm.prank(payer);
        escrow.create(payee, address(0), uint256(type(uint96).max) + 1, DEADLINE);
        usd.mint(payer, 1);
        vm.prank(payer);
        uint256 id = escrow.create(payee, address(0), 1, uint64(T0 + 1));
        assertEq(escrow.dealOf(id).arbiter, address(0), "no arbiter");
    }

    function test_create_revertsZeroAddress() public {
        vm.expectRevert(IEscrow.ZeroAddress.selector);
        vm.prank(payer);
        escrow.create(address(0), arbiter, AMOUNT, DEADLINE);
    }

    function test_create_revertsZeroAmount() public {
        vm.expectRevert(IEscrow.ZeroAmount.selector);
        vm.prank(payer);
        escrow.create(payee, arbiter, 0, DEADLINE);
    }

    function test_create_revertsAmountTooLarge() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.AmountTooLarge.selector, type(uint256).max));
        vm.prank(payer);
        escrow.create(payee, arbiter, type(uint256).max, DEADLINE);
    }

    function test_create_revertsDeadlineNotInFuture() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlineNotInFuture.selector, uint64(T0)));
        vm.prank(payer);
        escrow.create(payee, arbiter, AMOUNT, uint64(T0));
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlineNotInFuture.selector, uint64(T0 - 1)));
        vm.prank(payer);
        escrow.create(payee, arbiter, AMOUNT, uint64(T0 - 1));
    }

    function test_release_byPayerPaysInFullAndEmits() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.expectEmit(address(escrow));
        emit IEscrow.EscrowReleased(id, payer, AMOUNT, bytes32(0));
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(escrow), payee, AMOUNT);
        vm.prank(payer);
        escrow.release(id, AMOUNT);
        assertEq(usd.balanceOf(payee), AMOUNT, "payee paid");
        assertEq(escrow.dealOf(id).released, AMOUNT, "released");
        assertEq(usd.balanceOf(address(escrow)), 0, "nothing held");
    }

    function test_release_byArbiterPays() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.expectEmit(address(escrow));
        emit IEscrow.EscrowReleased(id, arbiter, 120e6, bytes32(0));
        vm.prank(arbiter);
        escrow.release(id, 120e6);
        assertEq(usd.balanceOf(payee), 120e6, "payee paid");
        _assertConserved(id);
    }

    function test_release_lastSecondBeforeDeadline() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.warp(DEADLINE - 1);
        vm.prank(payer);
        escrow.release(id, AMOUNT);
        assertEq(usd.balanceOf(payee), AMOUNT);
    }

    function test_release_partialsThenRefundOfTheRest() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.prank(payer);
        escrow.release(id, 100e6);
        vm.warp(T0 + 1 days);
        vm.prank(arbiter);
        escrow.release(id, 150e6);
        vm.warp(T0 + 2 days);
        vm.prank(payer);
        escrow.release(id, 1);
        _assertConserved(id);

        vm.warp(DEADLINE);
        vm.expectEmit(address(escrow));
        emit IEscrow.EscrowRefunded(id, AMOUNT - 250e6 - 1);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(escrow), payer, AMOUNT - 250e6 - 1);
        vm.prank(stranger);
        assertEq(escrow.refund(id), AMOUNT - 250e6 - 1, "the rest");
        assertEq(usd.balanceOf(payee), 250e6 + 1, "payee got the releases");
        assertEq(usd.balanceOf(payer), AMOUNT - 250e6 - 1, "payer got the rest");
        assertTrue(escrow.dealOf(id).refunded, "refunded");
        _assertConserved(id);
    }

    function test_release_revertsNotPayerOrArbiter() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.NotPayerOrArbiter.selector, id, payee));
        vm.prank(payee);
        escrow.release(id, 1);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.NotPayerOrArbiter.selector, id, stranger));
        vm.prank(stranger);
        escrow.release(id, 1);
    }

    function test_release_revertsNotPayerOrArbiterWithoutArbiter() public {
        usd.mint(payer, AMOUNT);
        vm.prank(payer);
        uint256 id = escrow.create(payee, address(0), AMOUNT, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.NotPayerOrArbiter.selector, id, arbiter));
        vm.prank(arbiter);
        escrow.release(id, 1);
    }

    function test_release_revertsUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.UnknownEscrow.selector, 1));
        vm.prank(payer);
        escrow.release(1, 1);
    }

    function test_release_revertsDeadlinePassedAtAndAfterTheDeadline() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.warp(DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, id, DEADLINE));
        vm.prank(payer);
        escrow.release(id, 1);
        vm.warp(DEADLINE + 30 days);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, id, DEADLINE));
        vm.prank(arbiter);
        escrow.release(id, AMOUNT);
        assertEq(usd.balanceOf(payee), 0, "nothing released");
    }

    function test_release_revertsDeadlinePassedAfterRefund() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.warp(DEADLINE);
        escrow.refund(id);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, id, DEADLINE));
        vm.prank(payer);
        escrow.release(id, 1);
    }

    function test_release_revertsZeroAmount() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.expectRevert(IEscrow.ZeroAmount.selector);
        vm.prank(payer);
        escrow.release(id, 0);
    }

    function test_release_revertsOverRemaining() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.OverRemaining.selector, AMOUNT + 1, AMOUNT));
        vm.prank(payer);
        escrow.release(id, AMOUNT + 1);
        vm.prank(payer);
        escrow.release(id, 400e6);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.OverRemaining.selector, 100e6 + 1, 100e6));
        vm.prank(arbiter);
        escrow.release(id, 100e6 + 1);
    }

    function test_refund_anyoneAfterTheDeadline() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.warp(DEADLINE);
        vm.prank(stranger);
        assertEq(escrow.refund(id), AMOUNT, "everything");
        assertEq(usd.balanceOf(payer), AMOUNT, "back to the payer, not the caller");
        assertEq(usd.balanceOf(stranger), 0, "caller gets nothing");
    }

    function test_refund_afterFullReleaseClosesWithZero() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.prank(payer);
        escrow.release(id, AMOUNT);
        vm.warp(DEADLINE);
        vm.expectEmit(address(escrow));
        emit IEscrow.EscrowRefunded(id, 0);
        assertEq(escrow.refund(id), 0, "nothing left");
        assertTrue(escrow.dealOf(id).refunded, "closed");
        vm.expectRevert(abi.encodeWithSelector(IEscrow.AlreadyRefunded.selector, id));
        escrow.refund(id);
    }

    function test_refund_revertsDeadlineNotPassed() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.warp(DEADLINE - 1);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlineNotPassed.selector, id, DEADLINE));
        vm.prank(payer);
        escrow.refund(id);
    }

    function test_refund_revertsAlreadyRefunded() public {
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.warp(DEADLINE + 1);
        escrow.refund(id);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.AlreadyRefunded.selector, id));
        vm.prank(payer);
        escrow.refund(id);
        assertEq(usd.balanceOf(payer), AMOUNT, "refunded once");
    }

    function test_refund_revertsUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.UnknownEscrow.selector, 3));
        escrow.refund(3);
    }

    function test_dealOf_revertsUnknownEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.UnknownEscrow.selector, 0));
        escrow.dealOf(0);
    }

    function test_paymentToken_isTheConstructorToken() public view {
        assertEq(escrow.paymentToken(), address(usd));
    }
}
