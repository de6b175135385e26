// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {StreamsTestBase} from "./StreamsTestBase.sol";

/// @notice The split on cancel is exact at any time, after any withdrawals and top-ups, for any rate: the
///         recipient ends with min(deposit, rate * elapsed), the sender with the rest, and nothing stays behind.
contract StreamsFuzzTest is StreamsTestBase {
    /// @dev Deposits up to ten million test dollars; any rate; up to a century.
    uint256 internal constant MAX_DEPOSIT = 10_000_000e6;
    uint256 internal constant MAX_ELAPSED = 100 * 365 days;

    function testFuzz_cancel_splitsExactlyAtAnyTime(uint256 rate, uint256 deposit, uint256 elapsed, bool bySender)
        public
    {
        rate = bound(rate, 1, MAX96);
        deposit = bound(deposit, 1, MAX_DEPOSIT);
        elapsed = bound(elapsed, 0, MAX_ELAPSED);
        uint256 id = _open(rate, deposit);
        vm.warp(T0 + elapsed);
        uint256 accrued = _accrued(rate, deposit, elapsed);
        assertEq(streams.withdrawable(id), accrued, "withdrawable");

        vm.prank(bySender ? sender : recipient);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, accrued, "recipient paid what accrued");
        assertEq(refunded, deposit - accrued, "sender refunded the rest");
        assertEq(usd.balanceOf(recipient), accrued, "recipient balance");
        assertEq(usd.balanceOf(sender), deposit - accrued, "sender balance");
        assertEq(usd.balanceOf(address(streams)), 0, "nothing left behind");
    }

    /// @dev open at T0, withdraw some at t1, top up at t2, cancel at t3 (t1 <= t2 <= t3).
    function testFuzz_cancel_exactAfterWithdrawAndTopUp(
        uint256 rate,
        uint256 deposit,
        uint256 extra,
        uint256[3] memory times,
        uint256 share
    ) public {
        rate = bound(rate, 1, 1e9);
        deposit = bound(deposit, 1, MAX_DEPOSIT);
        extra = bound(extra, 1, MAX_DEPOSIT);
        uint256 t1 = bound(times[0], 0, 400 days);
        uint256 t2 = bound(times[1], t1, 400 days);
        uint256 t3 = bound(times[2], t2, 800 days);
        uint256 id = _open(rate, deposit);

        vm.warp(T0 + t1);
        uint256 taken = streams.withdrawable(id) * bound(share, 0, 100) / 100;
        if (taken != 0) {
            vm.prank(recipient);
            streams.withdraw(id, taken);
        }
        vm.warp(T0 + t2);
        _topUp(id, extra);
        assertEq(streams.depletesAt(id), T0 + (deposit + extra + rate - 1) / rate, "depletesAt after top-up");
        vm.warp(T0 + t3);
        uint256 accrued = _accrued(rate, deposit + extra, t3);
        _assertConserved(id);

        vm.prank(sender);
        (uint256 toRecipient, uint256 refunded) = streams.cancel(id);
        assertEq(toRecipient, accrued - taken, "recipient paid accrued minus withdrawn");
        assertEq(refunded, deposit + extra - accrued, "sender refunded exactly the rest");
        assertEq(usd.balanceOf(recipient), accrued, "recipient got exactly what accrued");
        assertEq(usd.balanceOf(sender), deposit + extra - accrued, "sender got exactly the rest");
        _assertConserved(id);
    }

    function testFuzz_withdraw_neverMoreThanAccrued(uint256 rate, uint256 deposit, uint256 elapsed, uint256 amount)
        public
    {
        rate = bound(rate, 1, MAX96);
        deposit = bound(deposit, 1, MAX_DEPOSIT);
        elapsed = bound(elapsed, 0, MAX_ELAPSED);
        amount = bound(amount, 1, 2 * MAX_DEPOSIT);
        uint256 id = _open(rate, deposit);
        vm.warp(T0 + elapsed);
        uint256 accrued = _accrued(rate, deposit, elapsed);
        if (amount > accrued) {
            vm.expectRevert(abi.encodeWithSelector(IStreams.OverWithdrawable.selector, amount, accrued));
            vm.prank(recipient);
            streams.withdraw(id, amount);
            return;
        }
        vm.prank(recipient);
        assertEq(streams.withdraw(id, amount), amount, "withdrawn");
        assertEq(streams.withdrawable(id), accrued - amount, "the rest stays withdrawable");
        _assertConserved(id);
    }

    function testFuzz_depletesAt_isTheFirstSecondFullyAccrued(uint256 rate, uint256 deposit) public {
        rate = bound(rate, 1, MAX96);
        deposit = bound(deposit, 1, MAX_DEPOSIT);
        uint256 id = _open(rate, deposit);
        uint256 end = streams.depletesAt(id);
        vm.warp(end);
        assertEq(streams.withdrawable(id), deposit, "all of it at depletesAt");
        vm.warp(end - 1);
        assertLe(streams.withdrawable(id) + 1, deposit, "not all of it a second earlier");
    }
}
