// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Leaving a channel: at once with the payee's final voucher, or after a challenge period without it.
contract ChannelsCloseTest is PaymentsTestBase {
    bytes32 internal id;

    function setUp() public override {
        super.setUp();
        id = _open(100 * USD);
    }

    function test_closeWithVoucher_paysPayeeRefundsPayerAndEmits() public {
        bytes memory sig = _voucher(payerKey, id, 40 * USD);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(id, 40 * USD, 40 * USD, 0);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClosedOut(id, 40 * USD, 60 * USD);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(channels), payee, 40 * USD);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(channels), payer, 60 * USD);
        vm.prank(payee);
        channels.closeWithVoucher(id, 40 * USD, 40 * USD, sig);
        assertTrue(_ch(id).closed, "closed");
        assertEq(usd.balanceOf(payee), 40 * USD, "payee");
        assertEq(usd.balanceOf(payer), 60 * USD, "payer refunded");
        assertEq(usd.balanceOf(address(channels)), 0, "nothing left");
    }

    /// @dev `paidToPayee` covers the channel's whole life, royalties excluded.
    function test_closeWithVoucher_reportsLifetimePayeeShareWithRoyalty() public {
        bytes32 cid = _open(payer, payee, payer, 100 * USD, assetId, 2_500, "r");
        _claimAs(payee, cid, 40 * USD);
        bytes memory sig = _voucher(payerKey, cid, 60 * USD);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClosedOut(cid, 45 * USD, 40 * USD);
        vm.prank(payee);
        channels.closeWithVoucher(cid, 60 * USD, 60 * USD, sig);
        assertEq(usd.balanceOf(payee), 45 * USD, "75% of 60");
        assertEq(vault.claimable(creator), 15 * USD, "25% of 60");
        assertEq(usd.balanceOf(payer), 40 * USD, "refund");
    }

    function test_closeWithVoucher_withStaleVoucherRefundsTheRest() public {
        _claimAs(payee, id, 70 * USD);
        vm.prank(payee);
        channels.closeWithVoucher(id, 10 * USD, 10 * USD, _voucher(payerKey, id, 10 * USD));
        assertEq(usd.balanceOf(payee), 70 * USD, "nothing more for the payee");
        assertEq(usd.balanceOf(payer), 30 * USD, "payer refunded");
        assertTrue(_ch(id).closed, "closed");
    }

    function test_closeWithVoucher_duringChallengeClosesAtOnce() public {
        vm.prank(payer);
        channels.requestClose(id);
        vm.prank(payee);
        channels.closeWithVoucher(id, 25 * USD, 25 * USD, _voucher(payerKey, id, 25 * USD));
        assertEq(usd.balanceOf(payer), 75 * USD, "payer refunded before the challenge ended");
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelClosed.selector, id));
        channels.withdraw(id);
    }

    function test_closeWithVoucher_revertsNotPayee() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.NotPayee.selector, id, payer));
        vm.prank(payer);
        channels.closeWithVoucher(id, 0, 0, "");
    }

    function test_closeWithVoucher_revertsUnknownChannel() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.UnknownChannel.selector, bytes32("nope")));
        vm.prank(payee);
        channels.closeWithVoucher("nope", 0, 0, "");
    }

    function test_closeWithVoucher_revertsChannelClosed() public {
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelClosed.selector, id));
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
    }

    function test_closeWithVoucher_revertsInvalidVoucher() public {
        bytes memory sig = _voucher(buyerKey, id, 40 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.closeWithVoucher(id, 40 * USD, 40 * USD, sig);
    }

    function test_closeWithVoucher_revertsVoucherAboveDeposit() public {
        bytes memory sig = _voucher(payerKey, id, 101 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAboveDeposit.selector, id, 101 * USD, 100 * USD));
        vm.prank(payee);
        channels.closeWithVoucher(id, 101 * USD, 101 * USD, sig);
    }

    function test_requestClose_storesTimeAndEmits() public {
        vm.expectEmit(address(channels));
        emit IPaymentChannels.CloseRequested(id, uint64(block.timestamp) + CHALLENGE);
        vm.prank(payer);
        channels.requestClose(id);
        assertEq(_ch(id).closeRequestedAt, block.timestamp, "requested now");
    }

    function test_requestClose_againKeepsFirstRequest() public {
        uint64 first = uint64(block.timestamp);
        vm.prank(payer);
        channels.requestClose(id);
        vm.warp(block.timestamp + 1 hours);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.CloseRequested(id, first + CHALLENGE);
        vm.prank(payer);
        channels.requestClose(id);
        assertEq(_ch(id).closeRequestedAt, first, "the challenge did not restart");
    }

    function test_requestClose_revertsNotPayer() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.NotPayer.selector, id, payee));
        vm.prank(payee);
        channels.requestClose(id);
    }

    function test_requestClose_revertsUnknownChannel() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.UnknownChannel.selector, bytes32("nope")));
        vm.prank(payer);
        channels.requestClose("nope");
    }

    function test_requestClose_revertsChannelClosed() public {
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelClosed.selector, id));
        vm.prank(payer);
        channels.requestClose(id);
    }

    /// @dev The payer leaves without the payee; the payee claims its latest voucher during the challenge, and the
    ///      payer gets exactly the rest, at exactly the end of the challenge, from anyone's `withdraw`.
    function test_withdraw_afterChallengeRefundsUnclaimedWithPayeeClaimingDuringChallenge() public {
        vm.prank(payer);
        channels.requestClose(id);
        uint64 endsAt = uint64(block.timestamp) + CHALLENGE;
        vm.warp(block.timestamp + CHALLENGE / 2);
        _claimAs(payee, id, 40 * USD);
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChallengePeriodActive.selector, id, endsAt));
        channels.withdraw(id);
        vm.warp(endsAt);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClosedOut(id, 40 * USD, 60 * USD);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(channels), payer, 60 * USD);
        vm.prank(stranger);
        channels.withdraw(id);
        assertTrue(_ch(id).closed, "closed");
        assertEq(usd.balanceOf(payer), 60 * USD, "payer refunded");
        assertEq(usd.balanceOf(payee), 40 * USD, "payee kept its claim");
        assertEq(usd.balanceOf(address(channels)), 0, "nothing left");
    }

    /// @dev Vouchers the payer signed stay good until the channel is withdrawn, even past the challenge's end.
    function test_claim_afterChallengeEndsUntilWithdrawn() public {
        vm.prank(payer);
        channels.requestClose(id);
        vm.warp(block.timestamp + CHALLENGE + 1);
        assertEq(_claimAs(payee, id, 10 * USD), 10 * USD, "still claimable");
        channels.withdraw(id);
        assertEq(usd.balanceOf(payer), 90 * USD, "refund");
    }

    function test_withdraw_fullyClaimedChannelRefundsNothing() public {
        _claimAs(payee, id, 100 * USD);
        vm.prank(payer);
        channels.requestClose(id);
        vm.warp(block.timestamp + CHALLENGE);
        vm.recordLogs();
        channels.withdraw(id);
        (uint256 count,) = _transfersTo(vm.getRecordedLogs(), payer);
        assertEq(count, 0, "no transfer of zero");
        assertTrue(_ch(id).closed, "closed");
    }

    function test_withdraw_revertsCloseNotRequested() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.CloseNotRequested.selector, id));
        channels.withdraw(id);
    }

    function test_withdraw_revertsChallengePeriodActive() public {
        vm.prank(payer);
        channels.requestClose(id);
        uint64 endsAt = uint64(block.timestamp) + CHALLENGE;
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChallengePeriodActive.selector, id, endsAt));
        channels.withdraw(id);
    }

    function test_withdraw_revertsChannelClosed() public {
        vm.prank(payer);
        channels.requestClose(id);
        vm.warp(block.timestamp + CHALLENGE);
        channels.withdraw(id);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelClosed.selector, id));
        channels.withdraw(id);
    }

    function test_withdraw_revertsUnknownChannel() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.UnknownChannel.selector, bytes32("nope")));
        channels.withdraw("nope");
    }
}
