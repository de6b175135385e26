// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {ChannelsHandler} from "./ChannelsHandler.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Money in payment channels is never created, lost or paid twice: the contract holds exactly what its open
///         channels still owe, a channel's claimed total is exactly the highest total its payee chose to claim, never
///         beyond its deposit or the highest voucher its payer signed (however far above the claim that voucher
///         was), and every payout matched the model when it was made (checked inside the handler).
/// @dev One campaign of 5 runs of 150 calls checks all of it, since each check walks every channel after every call
///      (about 2.5 s of CPU). Every action acts on every call (it opens a channel when none is open), and each one
///      brings about its outcomes itself (claims try a voucher above the deposit and replay their batch; top-ups
///      meet a pending close; withdrawals are tried early first), so a run misses one with p = (6/7)^150 < 1e-9.
contract ChannelsInvariantTest is PaymentsTestBase {
    ChannelsHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new ChannelsHandler(channels, usd, assetId, vault);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = ChannelsHandler.open.selector;
        selectors[1] = ChannelsHandler.topUp.selector;
        selectors[2] = ChannelsHandler.claim.selector;
        selectors[3] = ChannelsHandler.closeWithVoucher.selector;
        selectors[4] = ChannelsHandler.requestClose.selector;
        selectors[5] = ChannelsHandler.withdraw.selector;
        selectors[6] = ChannelsHandler.warp.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev (a) Conservation: balance == Σ (deposit - claimed) over unclosed channels == deposits - payouts -
    ///      refunds. (b) claimed <= deposit and claimed == the model's == the highest total the payee chose, never
    ///      above the highest voucher signed. (c) No unit paid twice: payouts match the model call by call, payees
    ///      hold exactly the claims less royalties, and the vault exactly floor(claimed * bps / 10,000) summed over
    ///      channels.
    /// forge-config: default.invariant.runs = 5
    /// forge-config: default.invariant.depth = 150
    function invariant_channels() public {
        vm.warp(handler.time());
        uint256 owed;
        uint256 claimed;
        uint256 royaltiesOwed;
        for (uint256 i; i < handler.channelCount(); ++i) {
            bytes32 id = handler.ids(i);
            IPaymentChannels.Channel memory ch = channels.channelOf(id);
            assertLe(ch.claimed, ch.deposit, "claimed <= deposit");
            assertEq(ch.claimed, handler.modelClaimed(id), "claimed == what the payee chose to claim");
            assertLe(ch.claimed, handler.highestSigned(id), "claimed <= highest voucher signed");
            if (!ch.closed) owed += ch.deposit - ch.claimed;
            claimed += ch.claimed;
            royaltiesOwed += uint256(ch.claimed) * ch.royaltyBps / 10_000;
        }
        uint256 balance = usd.balanceOf(address(channels));
        assertEq(balance, owed, "balance == sum(deposit - claimed) over unclosed channels");
        assertEq(balance, handler.deposited() - handler.paidOut() - handler.refunded(), "balance vs token ghosts");
        assertEq(claimed, handler.paidOut(), "claimed == paid out");
        assertEq(handler.mismatches(), 0, "a payout differed from the model");
        (uint256 received,,) = vault.totals();
        assertEq(received, royaltiesOwed, "vault got floor(claimed * bps / 10,000) per channel");
        assertEq(received, handler.royalties(), "vault vs royalty ghost");
        uint256 payees = usd.balanceOf(handler.payees(0)) + usd.balanceOf(handler.payees(1));
        assertEq(payees, handler.paidOut() - handler.royalties(), "payees got the claims less royalties");
    }

    /// @dev Guards against passing vacuously: every outcome happened in this run.
    function afterInvariant() public view {
        assertGt(handler.opens(), 0, "no channel opened");
        assertGt(handler.topUps(), 0, "no top-up");
        assertGt(handler.cancelledCloses(), 0, "no close cancelled by the payer's top-up");
        assertGt(handler.paidVouchers(), 0, "no voucher paid");
        assertGt(handler.partialClaims(), 0, "no claim below the voucher it carried");
        assertGt(handler.refusedAboveVoucher(), 0, "no claim above its voucher refused");
        assertGt(handler.skippedVouchers(), 0, "no replayed or stale voucher skipped");
        assertGt(handler.refusedAboveDeposit(), 0, "no voucher above the deposit refused");
        assertGt(handler.closesWithVoucher(), 0, "no close with voucher");
        assertGt(handler.closeRequests(), 0, "no close requested");
        assertGt(handler.refusedEarlyWithdrawals(), 0, "no early withdrawal refused");
        assertGt(handler.withdrawals(), 0, "no withdrawal");
    }
}
