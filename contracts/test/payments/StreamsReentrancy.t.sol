// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {Streams} from "../../src/payments/Streams.sol";
import {StreamsReentrantParty} from "../mocks/payments/StreamsReentrantParty.sol";
import {ReentrantERC20} from "../mocks/rights/ReentrantERC20.sol";
import {Test} from "../utils/Test.sol";

/// @notice A hostile token calls a stream party back from inside every token movement, and the party re-enters as
///         itself (so only the guard stands in its way). Each attack is asserted to have happened and to have been
///         refused by the guard, and each outer call still pays exactly once.
contract StreamsReentrancyTest is Test {
    uint256 internal constant RATE = 1_000;
    uint256 internal constant DEPOSIT = 1_000_000;

    ReentrantERC20 internal bad;
    Streams internal streams;
    StreamsReentrantParty internal sender;
    StreamsReentrantParty internal recipient;
    uint256 internal id;

    function setUp() public {
        vm.warp(1_750_000_000);
        bad = new ReentrantERC20();
        streams = new Streams(IERC20(address(bad)));
        sender = new StreamsReentrantParty(streams);
        recipient = new StreamsReentrantParty(streams);
        bad.mint(address(sender), 10 * DEPOSIT);
        sender.approve(IERC20(address(bad)), type(uint256).max);
        id = sender.open(address(recipient), RATE, DEPOSIT);
        vm.warp(block.timestamp + 100);
    }

    function test_withdraw_rejectsWithdrawReentryFromTransfer() public {
        _arm(ReentrantERC20.Hook.Transfer, recipient, abi.encodeCall(IStreams.withdraw, (id, 0)));
        assertEq(recipient.withdraw(id, 0), 100 * RATE, "first withdraw");
        _assertRefused(recipient, "withdraw");
        assertEq(bad.balanceOf(address(recipient)), 100 * RATE, "paid once");
        _assertBooks();
    }

    function test_withdraw_rejectsCancelReentryFromTransfer() public {
        _arm(ReentrantERC20.Hook.Transfer, recipient, abi.encodeCall(IStreams.cancel, (id)));
        recipient.withdraw(id, 0);
        _assertRefused(recipient, "cancel inside withdraw");
        assertFalse(streams.streamOf(id).cancelled, "still open");
        _assertBooks();
    }

    /// @dev The hook fires on the recipient's payment, the cancel's first transfer.
    function test_cancel_rejectsReentryWhilePayingTheRecipient() public {
        uint256 second = sender.open(address(recipient), RATE, DEPOSIT);
        vm.warp(block.timestamp + 100); // `id` has run 200 s, `second` 100 s
        _arm(ReentrantERC20.Hook.Transfer, recipient, abi.encodeCall(IStreams.cancel, (id)));
        (uint256 toRecipient,) = recipient.cancel(id);
        assertEq(toRecipient, 200 * RATE, "first cancel pays what accrued");
        _assertRefused(recipient, "cancel inside cancel");
        _arm(ReentrantERC20.Hook.Transfer, recipient, abi.encodeCall(IStreams.withdraw, (second, 0)));
        (toRecipient,) = recipient.cancel(second);
        assertEq(toRecipient, 100 * RATE, "second cancel pays what accrued");
        assertEq(recipient.attempts(), 2, "one attempt per cancel");
        _assertRefused(recipient, "withdraw inside cancel");
        assertEq(bad.balanceOf(address(recipient)), 300 * RATE, "paid once per cancel");
        _assertBooks();
    }

    /// @dev The recipient has taken everything, so the refund is the cancel's only transfer.
    function test_cancel_rejectsReentryWhileRefundingTheSender() public {
        vm.prank(address(recipient));
        streams.withdraw(id, 0);
        _arm(ReentrantERC20.Hook.Transfer, sender, abi.encodeCall(IStreams.cancel, (id)));
        (uint256 toRecipient, uint256 refunded) = sender.cancel(id);
        _assertRefused(sender, "cancel from the refund");
        assertEq(toRecipient, 0, "recipient already had it all");
        assertEq(refunded, DEPOSIT - 100 * RATE, "refunded the rest");
        assertEq(bad.balanceOf(address(sender)), 9 * DEPOSIT + refunded, "refunded once");
        _assertBooks();
    }

    function test_open_rejectsReentryFromTransferFrom() public {
        _arm(ReentrantERC20.Hook.TransferFrom, sender, abi.encodeCall(IStreams.cancel, (id)));
        uint256 second = sender.open(address(recipient), RATE, DEPOSIT);
        _assertRefused(sender, "cancel inside open");
        assertEq(second, 2, "opened");
        assertEq(bad.balanceOf(address(streams)), 2 * DEPOSIT, "both deposits held");
        _assertBooks();
    }

    function test_topUp_rejectsReentryFromTransferFrom() public {
        _arm(ReentrantERC20.Hook.TransferFrom, sender, abi.encodeCall(IStreams.topUp, (id, DEPOSIT)));
        sender.topUp(id, DEPOSIT);
        _assertRefused(sender, "topUp inside topUp");
        assertEq(streams.streamOf(id).deposit, 2 * DEPOSIT, "topped up once");
        _assertBooks();
    }

    /// @dev Control: the same hook firing while the streams contract is not mid-call gets through, so the
    ///      refusals above are the guard's doing.
    function test_withdraw_hookReachesUnlockedStreams() public {
        _arm(ReentrantERC20.Hook.Transfer, recipient, abi.encodeCall(IStreams.withdraw, (id, 0)));
        bad.mint(address(this), 1);
        require(bad.transfer(address(1), 1), "transfer");
        assertEq(recipient.attempts(), 1, "attempted");
        assertTrue(recipient.lastSucceeded(), "withdrew outside any streams call");
        assertEq(bad.balanceOf(address(recipient)), 100 * RATE, "paid");
    }

    function _arm(ReentrantERC20.Hook hook, StreamsReentrantParty party, bytes memory reentry) internal {
        party.arm(reentry);
        bad.arm(hook, address(party), abi.encodeCall(StreamsReentrantParty.reenter, ()));
    }

    function _assertRefused(StreamsReentrantParty party, string memory message) internal view {
        assertGt(party.attempts(), 0, string.concat(message, ": re-entry attempted"));
        assertFalse(party.lastSucceeded(), string.concat(message, ": re-entry failed"));
        assertEq(
            party.lastResult(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            string.concat(message, ": refused by the guard")
        );
    }

    /// @dev The contract holds exactly Σ (deposit - withdrawn).
    function _assertBooks() internal view {
        uint256 owed;
        for (uint256 i = 1;; ++i) {
            (bool ok, bytes memory data) = address(streams).staticcall(abi.encodeCall(IStreams.streamOf, (i)));
            if (!ok) break;
            IStreams.Stream memory s = abi.decode(data, (IStreams.Stream));
            owed += s.deposit - s.withdrawn;
        }
        assertEq(bad.balanceOf(address(streams)), owed, "books match the balance");
    }
}
