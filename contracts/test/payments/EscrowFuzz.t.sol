// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {EscrowTestBase} from "./EscrowTestBase.sol";

/// @notice Releases and refunds split the deal exactly, on either side of the deadline, for any amounts and times;
///         only the payer's signature releases against a receipt.
contract EscrowFuzzTest is EscrowTestBase {
    uint256 internal constant MAX_AMOUNT = 1_000_000e6;

    /// @dev Two partial releases (by payer or arbiter, by hand or by receipt) then a refund of the rest.
    function testFuzz_releasesThenRefund_splitExactly(
        uint256 amount,
        uint256 first,
        uint256 second,
        uint256 wait,
        uint8 how
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        first = bound(first, 1, amount - 1);
        second = bound(second, 1, amount - first);
        uint64 deadline = uint64(T0 + bound(wait, 1, 365 days));
        uint256 id = _create(amount, deadline);
        _releaseBy(how, id, first, keccak256("first"));
        vm.warp(T0 + (deadline - T0) / 2);
        _releaseBy(how >> 2, id, second, keccak256("second"));
        _assertConserved(id);

        vm.warp(deadline);
        assertEq(escrow.refund(id), amount - first - second, "refund is the rest");
        assertEq(usd.balanceOf(payee), first + second, "payee got the releases");
        assertEq(usd.balanceOf(payer), amount - first - second, "payer got the rest");
        assertEq(usd.balanceOf(address(escrow)), 0, "nothing left behind");
        _assertConserved(id);
    }

    function testFuzz_release_refusedFromTheDeadlineOn(uint256 amount, uint256 wait, uint256 late, bool byArbiter)
        public
    {
        amount = bound(amount, 1, MAX_AMOUNT);
        uint64 deadline = uint64(T0 + bound(wait, 1, 365 days));
        uint256 id = _create(amount, deadline);
        vm.warp(deadline + bound(late, 0, 3650 days));
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, id, deadline));
        vm.prank(byArbiter ? arbiter : payer);
        escrow.release(id, amount);
        bytes memory signature = _signReceipt(payerKey, id, amount, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, id, deadline));
        escrow.releaseWithReceipt(id, amount, DELIVERY, signature);
        assertEq(escrow.refund(id), amount, "all of it refunded");
    }

    function testFuzz_refund_refusedBeforeTheDeadline(uint256 wait, uint256 early) public {
        uint64 deadline = uint64(T0 + bound(wait, 1, 365 days));
        uint256 id = _create(AMOUNT, deadline);
        vm.warp(T0 + bound(early, 0, deadline - T0 - 1));
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlineNotPassed.selector, id, deadline));
        escrow.refund(id);
    }

    function testFuzz_releaseWithReceipt_onlyThePayersSignatureReleases(uint256 key, uint256 amount, bytes32 delivery)
        public
    {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != payerKey);
        amount = bound(amount, 1, AMOUNT);
        uint256 id = _create(AMOUNT, DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
        escrow.releaseWithReceipt(id, amount, delivery, _signReceipt(key, id, amount, delivery));
        escrow.releaseWithReceipt(id, amount, delivery, _signReceipt(payerKey, id, amount, delivery));
        assertEq(usd.balanceOf(payee), amount, "the payer's receipt released");
    }

    /// @dev `how`: bit 0 picks payer or arbiter, bit 1 a receipt instead.
    function _releaseBy(uint256 how, uint256 id, uint256 amount, bytes32 delivery) internal {
        if (how & 2 != 0) {
            escrow.releaseWithReceipt(id, amount, delivery, _signReceipt(payerKey, id, amount, delivery));
            return;
        }
        vm.prank(how & 1 == 0 ? payer : arbiter);
        escrow.release(id, amount);
    }
}
