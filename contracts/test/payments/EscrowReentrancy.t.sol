// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {Escrow} from "../../src/payments/Escrow.sol";
import {EscrowReentrantParty} from "../mocks/payments/EscrowReentrantParty.sol";
import {ReentrantERC20} from "../mocks/rights/ReentrantERC20.sol";
import {EscrowTestBase} from "./EscrowTestBase.sol";

/// @notice A hostile token calls an escrow party back from inside every token movement, and the party re-enters as
///         itself (so only the guard stands in its way). Each attack is asserted to have happened and to have been
///         refused by the guard, and each outer call still pays exactly once.
contract EscrowReentrancyTest is EscrowTestBase {
    ReentrantERC20 internal bad;
    Escrow internal badEscrow;
    /// @dev Pays for deals and is their arbiter and payee too: every role the re-entry could need.
    EscrowReentrantParty internal party;
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        bad = new ReentrantERC20();
        badEscrow = new Escrow(IERC20(address(bad)));
        party = new EscrowReentrantParty(badEscrow);
        bad.mint(address(party), 10 * AMOUNT);
        party.approve(IERC20(address(bad)), type(uint256).max);
        id = party.create(address(party), address(party), AMOUNT, DEADLINE);
    }

    function test_release_rejectsReleaseReentryFromTransfer() public {
        _arm(ReentrantERC20.Hook.Transfer, abi.encodeCall(IEscrow.release, (id, 100e6)));
        party.release(id, 100e6);
        _assertRefused("release inside release");
        assertEq(badEscrow.dealOf(id).released, 100e6, "released once");
        _assertBooks();
    }

    function test_release_rejectsRefundReentryFromTransfer() public {
        _arm(ReentrantERC20.Hook.Transfer, abi.encodeCall(IEscrow.refund, (id)));
        party.release(id, 100e6);
        _assertRefused("refund inside release");
        assertFalse(badEscrow.dealOf(id).refunded, "not refunded");
        _assertBooks();
    }

    /// @dev The payer here is an EOA, so the receipt is a plain signature; the submitter is the hostile party.
    function test_releaseWithReceipt_rejectsReentryWithAnotherReceipt() public {
        bad.mint(payer, AMOUNT);
        vm.startPrank(payer);
        bad.approve(address(badEscrow), AMOUNT);
        uint256 deal = badEscrow.create(address(party), address(0), AMOUNT, DEADLINE);
        vm.stopPrank();
        bytes32 other = keccak256("another delivery");
        bytes memory second = _signBad(deal, 100e6, other);
        _arm(ReentrantERC20.Hook.Transfer, abi.encodeCall(IEscrow.releaseWithReceipt, (deal, 100e6, other, second)));
        party.releaseWithReceipt(deal, 100e6, DELIVERY, _signBad(deal, 100e6, DELIVERY));
        _assertRefused("releaseWithReceipt inside releaseWithReceipt");
        assertEq(badEscrow.dealOf(deal).released, 100e6, "one receipt paid");
        party.releaseWithReceipt(deal, 100e6, other, second);
        assertEq(badEscrow.dealOf(deal).released, 200e6, "the refused receipt was not spent");
        _assertBooks();
    }

    function test_refund_rejectsRefundReentryFromTransfer() public {
        vm.warp(DEADLINE);
        _arm(ReentrantERC20.Hook.Transfer, abi.encodeCall(IEscrow.refund, (id)));
        assertEq(party.refund(id), AMOUNT, "refunded");
        _assertRefused("refund inside refund");
        assertEq(bad.balanceOf(address(party)), 10 * AMOUNT, "refunded once");
        _assertBooks();
    }

    function test_create_rejectsReentryFromTransferFrom() public {
        _arm(ReentrantERC20.Hook.TransferFrom, abi.encodeCall(IEscrow.release, (id, AMOUNT)));
        uint256 second = party.create(address(party), address(0), AMOUNT, DEADLINE);
        _assertRefused("release inside create");
        assertEq(second, 2, "created");
        assertEq(badEscrow.dealOf(id).released, 0, "nothing released");
        _assertBooks();
    }

    /// @dev Control: the same hook firing while the escrow is not mid-call gets through, so the refusals above
    ///      are the guard's doing.
    function test_release_hookReachesUnlockedEscrow() public {
        _arm(ReentrantERC20.Hook.Transfer, abi.encodeCall(IEscrow.release, (id, 100e6)));
        bad.mint(address(this), 1);
        require(bad.transfer(address(1), 1), "transfer");
        assertEq(party.attempts(), 1, "attempted");
        assertTrue(party.lastSucceeded(), "released outside any escrow call");
        assertEq(badEscrow.dealOf(id).released, 100e6, "released");
    }

    function _signBad(uint256 deal, uint256 amount, bytes32 delivery) internal view returns (bytes memory) {
        return _sign(payerKey, _receiptDigest(deal, amount, delivery, block.chainid, address(badEscrow)));
    }

    function _arm(ReentrantERC20.Hook hook, bytes memory reentry) internal {
        party.arm(reentry);
        bad.arm(hook, address(party), abi.encodeCall(EscrowReentrantParty.reenter, ()));
    }

    function _assertRefused(string memory message) internal view {
        assertEq(party.attempts(), 1, string.concat(message, ": re-entry attempted"));
        assertFalse(party.lastSucceeded(), string.concat(message, ": re-entry failed"));
        assertEq(
            party.lastResult(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            string.concat(message, ": refused by the guard")
        );
    }

    /// @dev The hostile escrow holds exactly Σ (amount - released - refunded).
    function _assertBooks() internal view {
        uint256 held;
        for (uint256 i = 1;; ++i) {
            (bool ok, bytes memory data) = address(badEscrow).staticcall(abi.encodeCall(IEscrow.dealOf, (i)));
            if (!ok) break;
            IEscrow.Deal memory d = abi.decode(data, (IEscrow.Deal));
            held += d.refunded ? 0 : d.amount - d.released;
        }
        assertEq(bad.balanceOf(address(badEscrow)), held, "books match the balance");
    }
}
