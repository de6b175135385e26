// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IIPAssetRegistry} from "../../src/interfaces/IIPAssetRegistry.sol";
import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {IProvenanceRegistry} from "../../src/interfaces/IProvenanceRegistry.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {IPAssetRegistry} from "../../src/rights/IPAssetRegistry.sol";
import {RecordId} from "../../src/types/RecordId.sol";
import {ReentrantERC20} from "../mocks/rights/ReentrantERC20.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice A hostile payment token calls back into the channels contract from inside every token movement. The
///         token is itself the payee (and payer) of a funded channel, so each re-entered call would otherwise be
///         valid: only the reentrancy guard stands in the way. Every attack is asserted to have happened and to
///         have been refused by the guard, and the books to balance afterwards.
contract ChannelsReentrancyTest is PaymentsTestBase {
    ReentrantERC20 internal bad;
    IPAssetRegistry internal badAssets;
    PaymentChannels internal badChannels;
    uint256 internal badAsset;
    /// @dev Payer, payee and signer of `target`: the token pays itself, the payer key signs.
    bytes32 internal target;
    bytes32[] internal opened;
    uint256 internal nextVoucher = 1;

    function setUp() public override {
        super.setUp();
        bad = new ReentrantERC20();
        badAssets = new IPAssetRegistry(IProvenanceRegistry(address(registry)), IERC20(address(bad)));
        badChannels = new PaymentChannels(IIPAssetRegistry(address(badAssets)), IERC20(address(bad)), CHALLENGE);
        RecordId record = _registerRecordOf(creatorKey);
        vm.prank(creator);
        badAsset = badAssets.createAsset(record, WORK);
        vm.label(address(bad), "bad");
        vm.label(address(badChannels), "badChannels");
        target = _openBad(address(bad), address(bad), 1_000_000, 0, "target");
        _mintBad(address(bad), 1_000_000); // so only the guard can stop a re-entered open or top-up
    }

    function test_open_rejectsReentryFromTransferFrom() public {
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.TransferFrom, address(badChannels), calls[i]);
            _openBad(payer, payee, 1_000, 0, bytes32(i));
            _assertRejected(i + 1, "open");
        }
        _assertBooks();
    }

    function test_topUp_rejectsReentryFromTransferFrom() public {
        bytes32 id = _openBad(payer, payee, 1_000, 0, "topped");
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.TransferFrom, address(badChannels), calls[i]);
            _mintBad(payer, 10);
            vm.prank(payer);
            badChannels.topUp(id, 10);
            _assertRejected(i + 1, "topUp");
        }
        assertEq(badChannels.channelOf(id).deposit, 1_050, "five top-ups, once each");
        _assertBooks();
    }

    function test_claim_rejectsReentryFromPayeeTransfer() public {
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.Transfer, address(badChannels), calls[i]);
            uint256 amount = _nextAmount();
            vm.prank(address(bad));
            badChannels.claim(_claim(target, amount, _badVoucher(target, amount)));
            _assertRejected(i + 1, "claim");
        }
        assertEq(badChannels.channelOf(target).claimed, nextVoucher - 1, "only the outer claims counted");
        _assertBooks();
    }

    /// @dev The royalty transfer to the vault comes before the payee's: the hook fires while both the channels
    ///      contract is mid-claim and the vault has not synced yet.
    function test_claim_rejectsReentryFromRoyaltyTransfer() public {
        bytes32 id = _openBad(payer, address(bad), 1_000_000, 1_000, "royalty");
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.Transfer, address(badChannels), calls[i]);
            uint256 amount = (i + 1) * 1_000;
            vm.prank(address(bad));
            badChannels.claim(_claim(id, amount, _badVoucher(id, amount)));
            _assertRejected(i + 1, "claim royalty");
        }
        assertEq(badAssets.assetOf(badAsset).vault.claimable(creator), 500, "10% of 5,000, once");
        _assertBooks();
    }

    function test_closeWithVoucher_rejectsReentryFromTransfers() public {
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bytes32 id = _openBad(payer, address(bad), 1_000, 0, bytes32(100 + i));
            bad.arm(ReentrantERC20.Hook.Transfer, address(badChannels), calls[i]);
            vm.prank(address(bad));
            badChannels.closeWithVoucher(id, 400, 400, _badVoucher(id, 400));
            _assertRejected(i + 1, "closeWithVoucher");
            assertTrue(badChannels.channelOf(id).closed, "closed");
        }
        assertEq(bad.balanceOf(payer), 5 * 600, "each refund paid once");
        _assertBooks();
    }

    function test_withdraw_rejectsReentryFromRefund() public {
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bytes32 id = _openBad(payer, payee, 1_000, 0, bytes32(200 + i));
            vm.prank(payer);
            badChannels.requestClose(id);
            vm.warp(block.timestamp + CHALLENGE);
            bad.arm(ReentrantERC20.Hook.Transfer, address(badChannels), calls[i]);
            badChannels.withdraw(id);
            _assertRejected(i + 1, "withdraw");
        }
        assertEq(bad.balanceOf(payer), 5 * 1_000, "each refund paid once");
        _assertBooks();
    }

    /// @dev Control: the same call made outside any token movement goes through, so the refusals above are the
    ///      guard's doing and not a failing call.
    function test_claim_reentryCallsSucceedOutsideTransfers() public {
        bytes[5] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(address(bad));
            (bool ok,) = address(badChannels).call(calls[i]);
            assertTrue(ok, "the attack call is valid on its own");
        }
    }

    /// @dev Each entry point that moves tokens, as the token would call it: claiming and closing its own channels,
    ///      withdrawing one whose challenge is over, opening and topping up with its own funds.
    function _calls() internal returns (bytes[5] memory calls) {
        uint256 amount = _nextAmount();
        bytes32 closable = _openBad(address(bad), address(bad), 1_000, 0, keccak256(abi.encode("closable", amount)));
        bytes32 exiting = _openBad(address(bad), address(bad), 1_000, 0, keccak256(abi.encode("exiting", amount)));
        vm.prank(address(bad));
        badChannels.requestClose(exiting);
        vm.warp(block.timestamp + CHALLENGE);
        calls[0] = abi.encodeCall(IPaymentChannels.claim, (_claim(target, amount, _badVoucher(target, amount))));
        calls[1] = abi.encodeCall(IPaymentChannels.closeWithVoucher, (closable, 1, 1, _badVoucher(closable, 1)));
        calls[2] = abi.encodeCall(IPaymentChannels.withdraw, (exiting));
        calls[3] = abi.encodeCall(
            IPaymentChannels.open, (address(bad), address(bad), 1, 0, 0, keccak256(abi.encode("reopen", amount)))
        );
        calls[4] = abi.encodeCall(IPaymentChannels.topUp, (target, 1));
    }

    function _openBad(address from, address to, uint256 deposit, uint16 bps, bytes32 salt)
        internal
        returns (bytes32 id)
    {
        _mintBad(from, deposit);
        vm.prank(from);
        id = badChannels.open(to, payer, deposit, bps == 0 ? 0 : badAsset, bps, salt);
        opened.push(id);
    }

    function _mintBad(address account, uint256 amount) internal {
        bad.mint(account, amount);
        vm.prank(account);
        bad.approve(address(badChannels), type(uint256).max);
    }

    function _nextAmount() internal returns (uint256) {
        return nextVoucher++;
    }

    function _badVoucher(bytes32 id, uint256 amount) internal view returns (bytes memory) {
        return _signDigest(payerKey, _voucherDigest(id, amount, block.chainid, address(badChannels)));
    }

    function _assertRejected(uint256 attempts, string memory message) internal view {
        assertEq(bad.attempts(), attempts, string.concat(message, ": attack attempted"));
        assertFalse(bad.lastSucceeded(), string.concat(message, ": re-entry failed"));
        assertEq(
            bad.lastResult(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            string.concat(message, ": refused by the guard")
        );
    }

    /// @dev The contract holds exactly sum(deposit - claimed) over the channels still open.
    function _assertBooks() internal view {
        uint256 owed;
        for (uint256 i; i < opened.length; ++i) {
            IPaymentChannels.Channel memory ch = badChannels.channelOf(opened[i]);
            if (!ch.closed) owed += ch.deposit - ch.claimed;
        }
        assertEq(bad.balanceOf(address(badChannels)), owed, "channels hold exactly what they owe");
    }
}
