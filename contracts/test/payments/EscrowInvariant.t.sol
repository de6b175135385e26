// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {EscrowHandler} from "./EscrowHandler.sol";
import {EscrowTestBase} from "./EscrowTestBase.sol";

/// @notice Money in escrow is never created, lost or misrouted: released + refunded <= amount for every deal, the
///         contract holds exactly what is unsettled, the books match an independent model, and every payout matched
///         the model when it was made (checked inside the handler).
/// @dev One campaign of 8 runs of 128 calls (about 1 s of CPU), since each check walks every deal after every call.
///      The rarest success `afterInvariant` asks for, a release against a receipt (a fifth of calls, three quarters
///      of those, given a live deal), is missed by a run with p < (1 - 0.15)^128 < 1e-8.
contract EscrowInvariantTest is EscrowTestBase {
    EscrowHandler internal handler;

    function setUp() public override {
        super.setUp();
        uint256[] memory keys = new uint256[](3);
        (keys[0], keys[1], keys[2]) = (payerKey, 0xB0B, 0xCA201);
        handler = new EscrowHandler(escrow, usd, keys);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](5);
        selectors[0] = EscrowHandler.create.selector;
        selectors[1] = EscrowHandler.release.selector;
        selectors[2] = EscrowHandler.releaseWithReceipt.selector;
        selectors[3] = EscrowHandler.refund.selector;
        selectors[4] = EscrowHandler.warp.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// forge-config: default.invariant.runs = 8
    /// forge-config: default.invariant.depth = 128
    function invariant_escrow() public {
        vm.warp(handler.time());
        uint256 held;
        for (uint256 id = 1; id <= handler.count(); ++id) {
            held += _assertDeal(id);
        }
        uint256 balance = usd.balanceOf(address(escrow));
        assertEq(balance, held, "balance == sum of amount - released - refunded");
        for (uint256 i; i < handler.actorCount(); ++i) {
            held += usd.balanceOf(handler.actors(i));
        }
        assertEq(held, handler.minted(), "tokens created or lost");
        assertEq(usd.totalSupply(), handler.minted(), "supply vs minted");
    }

    /// @dev released + refunded <= amount, the books as the model keeps them, nothing released after the deadline.
    ///      Returns what the deal still holds.
    function _assertDeal(uint256 id) internal view returns (uint256 unsettled) {
        IEscrow.Deal memory d = escrow.dealOf(id);
        EscrowHandler.Model memory m = handler.model(id);
        uint256 refunded = d.refunded ? d.amount - d.released : 0;
        assertLe(d.released + refunded, d.amount, "released + refunded <= amount");
        assertEq(d.amount, m.amount, "amount vs model");
        assertEq(d.released, m.released, "released vs model");
        assertEq(d.refunded, m.refunded, "refunded vs model");
        assertEq(d.deadline, m.deadline, "deadline vs model");
        if (d.refunded) assertLe(d.deadline, block.timestamp, "refunded only after the deadline");
        return d.amount - d.released - refunded;
    }

    /// @dev Guards against passing vacuously: every action succeeded in this run, and a refusal was exercised.
    function afterInvariant() public view {
        assertGt(handler.creates(), 0, "no deal created");
        assertGt(handler.releases(), 0, "no release");
        assertGt(handler.receiptReleases(), 0, "no release against a receipt");
        assertGt(handler.refunds(), 0, "no refund");
        assertGt(handler.warps(), 0, "no time passed");
        uint256 refusals = handler.refusedExpired() + handler.refusedReplay() + handler.refusedSecondRefund();
        assertGt(refusals, 0, "no refusal exercised");
    }
}
