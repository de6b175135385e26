// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {MockERC1271Wallet} from "../mocks/MockERC1271Wallet.sol";
import {EscrowTestBase} from "./EscrowTestBase.sol";

/// @notice Releases against delivery receipts the payer signed (EIP-712): anyone may submit one, once, before the
///         deadline; receipts signed by anyone else, or for another amount, escrow, chain or contract, are refused.
contract EscrowReceiptTest is EscrowTestBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _create(AMOUNT, DEADLINE);
    }

    function test_receiptDigest_matchesTheEip712Spec() public view {
        assertEq(
            escrow.receiptDigest(id, 7, DELIVERY),
            _receiptDigest(id, 7, DELIVERY, block.chainid, address(escrow)),
            "digest"
        );
        assertEq(escrow.RECEIPT_TYPEHASH(), RECEIPT_TYPEHASH, "type hash");
    }

    function test_releaseWithReceipt_paysAnySubmitterAndEmits() public {
        bytes memory signature = _signReceipt(payerKey, id, 200e6, DELIVERY);
        vm.expectEmit(address(escrow));
        emit IEscrow.EscrowReleased(id, stranger, 200e6, DELIVERY);
        vm.prank(stranger);
        escrow.releaseWithReceipt(id, 200e6, DELIVERY, signature);
        assertEq(usd.balanceOf(payee), 200e6, "paid to the payee");
        assertEq(usd.balanceOf(stranger), 0, "not to the submitter");
        assertEq(escrow.dealOf(id).released, 200e6, "released");
    }

    function test_releaseWithReceipt_distinctDeliveriesOfTheSameAmount() public {
        bytes32 second = keccak256("delivery: model output batch 2");
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, _signReceipt(payerKey, id, 100e6, DELIVERY));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, second, _signReceipt(payerKey, id, 100e6, second));
        assertEq(usd.balanceOf(payee), 200e6, "both paid");
    }

    function test_releaseWithReceipt_partialReceiptsThenRefund() public {
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 150e6, DELIVERY, _signReceipt(payerKey, id, 150e6, DELIVERY));
        vm.prank(arbiter);
        escrow.release(id, 50e6);
        vm.warp(DEADLINE);
        assertEq(escrow.refund(id), AMOUNT - 200e6, "the rest");
        assertEq(usd.balanceOf(payee), 200e6, "payee");
        assertEq(usd.balanceOf(payer), AMOUNT - 200e6, "payer");
        _assertConserved(id);
    }

    function test_releaseWithReceipt_revertsReceiptUsed() public {
        bytes memory signature = _signReceipt(payerKey, id, 100e6, DELIVERY);
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, signature);
        bytes32 digest = escrow.receiptDigest(id, 100e6, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.ReceiptUsed.selector, digest));
        vm.prank(stranger);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, signature);
        assertEq(usd.balanceOf(payee), 100e6, "paid once");
    }

    /// @dev A spent receipt is refused as spent, even once nothing is left or the deadline has passed.
    function test_releaseWithReceipt_revertsReceiptUsedBeforeAnyOtherCheck() public {
        bytes memory signature = _signReceipt(payerKey, id, AMOUNT, DELIVERY);
        vm.prank(payee);
        escrow.releaseWithReceipt(id, AMOUNT, DELIVERY, signature);
        bytes32 digest = escrow.receiptDigest(id, AMOUNT, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.ReceiptUsed.selector, digest));
        escrow.releaseWithReceipt(id, AMOUNT, DELIVERY, signature);
        vm.warp(DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.ReceiptUsed.selector, digest));
        escrow.releaseWithReceipt(id, AMOUNT, DELIVERY, signature);
    }

    /// @dev Spent by digest: another encoding of the same receipt is the same receipt.
    function test_releaseWithReceipt_revertsReceiptUsedForItsMalleableTwin() public {
        bytes32 digest = escrow.receiptDigest(id, 100e6, DELIVERY);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, digest);
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, abi.encodePacked(r, s, v));
        bytes memory twin = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IEscrow.ReceiptUsed.selector, digest));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, twin);
    }

    function test_releaseWithReceipt_revertsInvalidReceiptForAHighSSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, escrow.receiptDigest(id, 100e6, DELIVERY));
        bytes memory twin = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, twin);
    }

    function test_releaseWithReceipt_revertsInvalidReceiptSignedBySomeoneElse() public {
        uint256[3] memory keys = [uint256(keccak256("payee key")), uint256(keccak256("arbiter key")), 0xBAD];
        for (uint256 i; i < keys.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
            vm.prank(payee);
            escrow.releaseWithReceipt(id, 100e6, DELIVERY, _signReceipt(keys[i], id, 100e6, DELIVERY));
        }
        assertEq(usd.balanceOf(payee), 0, "nothing released");
    }

    /// @dev A refused submission does not spend the receipt: the payer's own signature still works after it.
    function test_releaseWithReceipt_refusedSubmissionLeavesReceiptUnspent() public {
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, _signReceipt(0xBAD, id, 100e6, DELIVERY));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, _signReceipt(payerKey, id, 100e6, DELIVERY));
        assertEq(usd.balanceOf(payee), 100e6, "paid");
    }

    function test_releaseWithReceipt_revertsInvalidReceiptForAnotherAmount() public {
        bytes memory signature = _signReceipt(payerKey, id, 100e6, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6 + 1, DELIVERY, signature);
    }

    function test_releaseWithReceipt_revertsInvalidReceiptForAnotherDelivery() public {
        bytes memory signature = _signReceipt(payerKey, id, 100e6, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, bytes32(0), signature);
    }

    function test_releaseWithReceipt_revertsInvalidReceiptForAnotherEscrow() public {
        uint256 other = _create(AMOUNT, DEADLINE);
        bytes memory signature = _signReceipt(payerKey, id, 100e6, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, other));
        vm.prank(payee);
        escrow.releaseWithReceipt(other, 100e6, DELIVERY, signature);
    }

    function test_releaseWithReceipt_revertsInvalidReceiptForAnotherChainOrContract() public {
        bytes[2] memory signatures = [
            _sign(payerKey, _receiptDigest(id, 100e6, DELIVERY, block.chainid + 1, address(escrow))),
            _sign(payerKey, _receiptDigest(id, 100e6, DELIVERY, block.chainid, address(usd)))
        ];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
            vm.prank(payee);
            escrow.releaseWithReceipt(id, 100e6, DELIVERY, signatures[i]);
        }
    }

    function test_releaseWithReceipt_revertsInvalidReceiptForMalformedSignatures() public {
        bytes memory good = _signReceipt(payerKey, id, 100e6, DELIVERY);
        bytes[3] memory bad = [bytes(""), new bytes(65), _slice(good, 64)];
        for (uint256 i; i < 3; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, id));
            vm.prank(payee);
            escrow.releaseWithReceipt(id, 100e6, DELIVERY, bad[i]);
        }
    }

    function test_releaseWithReceipt_acceptsAnErc1271Payer() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(payer);
        uint256 walletDeal = _createAs(address(wallet));
        vm.prank(payee);
        escrow.releaseWithReceipt(walletDeal, 100e6, DELIVERY, _signReceipt(payerKey, walletDeal, 100e6, DELIVERY));
        assertEq(usd.balanceOf(payee), 100e6, "released on the wallet's word");
    }

    function test_releaseWithReceipt_revertsInvalidReceiptWhenTheWalletRefuses() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(payer);
        uint256 walletDeal = _createAs(address(wallet));
        bytes memory notTheOwner = _signReceipt(0xBAD, walletDeal, 100e6, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.InvalidReceipt.selector, walletDeal));
        vm.prank(payee);
        escrow.releaseWithReceipt(walletDeal, 100e6, DELIVERY, notTheOwner);
    }

    function test_releaseWithReceipt_revertsDeadlinePassed() public {
        bytes memory signature = _signReceipt(payerKey, id, 100e6, DELIVERY);
        vm.warp(DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, id, DEADLINE));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 100e6, DELIVERY, signature);
    }

    function test_releaseWithReceipt_revertsZeroAmount() public {
        bytes memory signature = _signReceipt(payerKey, id, 0, DELIVERY);
        vm.expectRevert(IEscrow.ZeroAmount.selector);
        vm.prank(payee);
        escrow.releaseWithReceipt(id, 0, DELIVERY, signature);
    }

    function test_releaseWithReceipt_revertsOverRemaining() public {
        bytes memory signature = _signReceipt(payerKey, id, AMOUNT + 1, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.OverRemaining.selector, AMOUNT + 1, AMOUNT));
        vm.prank(payee);
        escrow.releaseWithReceipt(id, AMOUNT + 1, DELIVERY, signature);
    }

    function test_releaseWithReceipt_revertsUnknownEscrow() public {
        bytes memory signature = _signReceipt(payerKey, id + 1, 1, DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(IEscrow.UnknownEscrow.selector, id + 1));
        vm.prank(payee);
        escrow.releaseWithReceipt(id + 1, 1, DELIVERY, signature);
    }

    /// @dev A deal funded by `account` (a contract wallet, here), for the payee.
    function _createAs(address account) internal returns (uint256) {
        usd.mint(account, AMOUNT);
        vm.startPrank(account);
        usd.approve(address(escrow), AMOUNT);
        uint256 created = escrow.create(payee, address(0), AMOUNT, DEADLINE);
        vm.stopPrank();
        return created;
    }

    function _slice(bytes memory data, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = data[i];
        }
    }
}
