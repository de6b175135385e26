// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {StreamsHandler} from "./StreamsHandler.sol";
import {StreamsTestBase} from "./StreamsTestBase.sol";

/// @notice Money in streams is never created, lost or misrouted: the contract holds exactly what its streams still
///         owe, every stream's withdrawn <= accrued <= deposit with accrual as the model computes it, and every
///         payout matched the model when it was made (checked inside the handler).
/// @dev One campaign of 8 runs of 128 calls (about 1 s of CPU). The rarest success `afterInvariant` asks for, a
///      withdrawal (a fifth of calls, two thirds of those with something accrued), is missed by a run with
///      p < (1 - 2/15)^128 < 1e-7; a refusal (about one call in six once streams exist) with p < 1e-9.
contract StreamsInvariantTest is StreamsTestBase {
    StreamsHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](3);
        (actors[0], actors[1], actors[2]) = (sender, recipient, stranger);
        handler = new StreamsHandler(streams, usd, actors);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](5);
        selectors[0] = StreamsHandler.open.selector;
        selectors[1] = StreamsHandler.topUp.selector;
        selectors[2] = StreamsHandler.withdraw.selector;
        selectors[3] = StreamsHandler.cancel.selector;
        selectors[4] = StreamsHandler.warp.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev One campaign checks all three, since each check walks every stream after every call.
    /// forge-config: default.invariant.runs = 8
    /// forge-config: default.invariant.depth = 128
    function invariant_streams() public {
        vm.warp(handler.time());
        uint256 owed;
        for (uint256 id = 1; id <= handler.count(); ++id) {
            owed += _assertStream(id);
        }
        _assertConservation(owed);
    }

    /// @dev withdrawn <= accrued <= deposit, accrued as the model computes it, and the books as the model keeps
    ///      them; a cancelled stream owes nothing more. Returns what the stream still owes (deposit - withdrawn).
    function _assertStream(uint256 id) internal view returns (uint256 owed) {
        IStreams.Stream memory s = streams.streamOf(id);
        StreamsHandler.Model memory m = handler.model(id);
        uint256 accrued = streams.withdrawable(id) + s.withdrawn;
        assertLe(s.withdrawn, accrued, "withdrawn <= accrued");
        assertLe(accrued, s.deposit, "accrued <= deposit");
        assertEq(accrued, handler.accrued(id), "accrued vs model");
        assertEq(s.deposit, m.deposit, "deposit vs model");
        assertEq(s.withdrawn, m.withdrawn, "withdrawn vs model");
        assertEq(s.cancelled, m.cancelled, "cancelled vs model");
        if (s.cancelled) assertEq(s.deposit, s.withdrawn, "a cancelled stream owes nothing");
        return s.deposit - s.withdrawn;
    }

    /// @dev The contract's balance is Σ (deposit - withdrawn) by its own books (and so by the model's, checked per
    ///      stream), and every token minted sits with an actor or the contract.
    function _assertConservation(uint256 owed) internal view {
        uint256 balance = usd.balanceOf(address(streams));
        assertEq(balance, owed, "balance == sum of deposit - withdrawn");
        uint256 held = balance;
        for (uint256 i; i < handler.actorCount(); ++i) {
            held += usd.balanceOf(handler.actors(i));
        }
        assertEq(held, handler.minted(), "tokens created or lost");
        assertEq(usd.totalSupply(), handler.minted(), "supply vs minted");
    }

    /// @dev Guards against passing vacuously: every action succeeded in this run, and each refusal was exercised.
    function afterInvariant() public view {
        assertGt(handler.opens(), 0, "no stream opened");
        assertGt(handler.topUps(), 0, "no top-up");
        assertGt(handler.withdrawals(), 0, "no withdrawal");
        assertGt(handler.cancels(), 0, "no cancel");
        assertGt(handler.warps(), 0, "no time passed");
        assertGt(handler.refusedOverWithdrawable() + handler.refusedCancelled(), 0, "no refusal exercised");
    }
}
