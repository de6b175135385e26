// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice A voucher is a ceiling, not a bill: the payee claims the total it charged under any voucher that covers
///         it. The attack this closes: a payer who sends one voucher for the whole deposit with every request left
///         the payee nothing it could claim without taking more than it served, so it claimed nothing, and the payer
///         withdrew the whole deposit after the challenge period.
contract ChannelsClaimTotalTest is PaymentsTestBase {
    bytes32 internal id;
    bytes internal whole;

    function setUp() public override {
        super.setUp();
        id = _open(100 * USD);
        whole = _voucher(payerKey, id, 100 * USD);
    }

    function _claimTotal(uint256 cumulativeAmount, uint256 claimTotal, bytes memory sig)
        internal
        returns (uint256 total)
    {
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](1);
        claims[0] = IPaymentChannels.Claim(id, cumulativeAmount, claimTotal, sig);
        vm.prank(payee);
        total = channels.claim(claims);
    }

    function test_claim_wholeDepositVoucherReplayedStillPaysWhatWasCharged() public {
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(id, 5 * USD, 5 * USD, 0);
        assertEq(_claimTotal(100 * USD, 5 * USD, whole), 5 * USD, "the charged 5, not the voucher's 100");
        assertEq(_claimTotal(100 * USD, 12 * USD, whole), 7 * USD, "the same voucher again takes the next charges");
        assertEq(usd.balanceOf(payee), 12 * USD, "payee holds what it charged");
        assertEq(_ch(id).claimed, 12 * USD, "claimed == charged");
        vm.prank(payer);
        channels.requestClose(id);
        vm.warp(block.timestamp + CHALLENGE);
        channels.withdraw(id);
        assertEq(usd.balanceOf(payer), 88 * USD, "payer gets deposit - charged back");
    }

    function test_claim_replayOfAChosenTotalPaysNothing() public {
        _claimTotal(100 * USD, 30 * USD, whole);
        vm.recordLogs();
        assertEq(_claimTotal(100 * USD, 30 * USD, whole), 0, "replay pays nothing");
        assertEq(_claimTotal(100 * USD, 10 * USD, whole), 0, "a lower total pays nothing");
        assertEq(vm.getRecordedLogs().length, 0, "no event, no transfer");
        assertEq(usd.balanceOf(payee), 30 * USD, "paid once");
    }

    function test_claim_revertsClaimAboveVoucher() public {
        bytes memory sig = _voucher(payerKey, id, 20 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ClaimAboveVoucher.selector, id, 20 * USD + 1, 20 * USD));
        _claimTotal(20 * USD, 20 * USD + 1, sig);
    }

    function test_claim_chosenTotalNeedsTheSignerVoucher() public {
        bytes memory forged = _voucher(0xBAD, id, 100 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        _claimTotal(100 * USD, 1, forged);
    }

    function test_claim_chosenTotalUnderVoucherAboveDepositReverts() public {
        bytes memory sig = _voucher(payerKey, id, 101 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAboveDeposit.selector, id, 101 * USD, 100 * USD));
        _claimTotal(101 * USD, 10 * USD, sig);
    }

    function test_closeWithVoucher_claimsChosenTotalAndRefundsTheRest() public {
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(id, 40 * USD, 40 * USD, 0);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClosedOut(id, 40 * USD, 60 * USD);
        vm.prank(payee);
        channels.closeWithVoucher(id, 100 * USD, 40 * USD, whole);
        assertEq(usd.balanceOf(payee), 40 * USD, "payee: what it charged");
        assertEq(usd.balanceOf(payer), 60 * USD, "payer: the rest");
    }

    function test_closeWithVoucher_revertsClaimAboveVoucher() public {
        bytes memory sig = _voucher(payerKey, id, 10 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ClaimAboveVoucher.selector, id, 11 * USD, 10 * USD));
        vm.prank(payee);
        channels.closeWithVoucher(id, 10 * USD, 11 * USD, sig);
    }

    function test_claim_royaltyFollowsTheChosenTotal() public {
        bytes32 rid = _open(payer, payee, payer, 100 * USD, assetId, 1_000, "royalty");
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](1);
        claims[0] = IPaymentChannels.Claim(rid, 100 * USD, 30 * USD, _voucher(payerKey, rid, 100 * USD));
        vm.prank(payee);
        assertEq(channels.claim(claims), 30 * USD, "total");
        (uint256 received,,) = vault.totals();
        assertEq(received, 3 * USD, "10% of the 30 claimed, not of the 100 signed");
        assertEq(usd.balanceOf(payee), 27 * USD, "payee");
    }
}
