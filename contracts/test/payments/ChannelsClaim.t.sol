// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {MockERC1271Wallet} from "../mocks/MockERC1271Wallet.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Claims of single vouchers: what pays, what is skipped, and what is refused.
contract ChannelsClaimTest is PaymentsTestBase {
    uint256 internal constant OTHER_KEY = 0x07E2;

    bytes32 internal id;

    function setUp() public override {
        super.setUp();
        id = _open(100 * USD);
    }

    function test_claim_paysPayeeAndEmits() public {
        IPaymentChannels.Claim[] memory claims = _claim(id, 30 * USD, _voucher(payerKey, id, 30 * USD));
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(id, 30 * USD, 30 * USD, 0);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(channels), payee, 30 * USD);
        vm.prank(payee);
        assertEq(channels.claim(claims), 30 * USD, "total");
        assertEq(usd.balanceOf(payee), 30 * USD, "payee paid");
        assertEq(_ch(id).claimed, 30 * USD, "claimed");
        assertEq(usd.balanceOf(address(channels)), 70 * USD, "rest held");
    }

    function test_claim_paysOnlyTheIncrement() public {
        _claimAs(payee, id, 30 * USD);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(id, 50 * USD, 20 * USD, 0);
        assertEq(_claimAs(payee, id, 50 * USD), 20 * USD, "second claim pays the difference");
        assertEq(usd.balanceOf(payee), 50 * USD, "payee got the latest voucher's amount");
    }

    function test_claim_acceptsVoucherForWholeDeposit() public {
        assertEq(_claimAs(payee, id, 100 * USD), 100 * USD, "total");
        assertEq(usd.balanceOf(address(channels)), 0, "nothing left");
    }

    function test_claim_skipsReplayedVoucher() public {
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        vm.prank(payee);
        channels.claim(_claim(id, 30 * USD, sig));
        vm.recordLogs();
        vm.prank(payee);
        assertEq(channels.claim(_claim(id, 30 * USD, sig)), 0, "replay pays nothing");
        assertEq(vm.getRecordedLogs().length, 0, "no event, no transfer");
        assertEq(usd.balanceOf(payee), 30 * USD, "paid once");
        assertEq(_ch(id).claimed, 30 * USD, "claimed unchanged");
    }

    function test_claim_skipsStaleVoucherAfterHigherOne() public {
        bytes memory low = _voucher(payerKey, id, 30 * USD);
        _claimAs(payee, id, 50 * USD);
        vm.prank(payee);
        assertEq(channels.claim(_claim(id, 30 * USD, low)), 0, "reordered voucher pays nothing");
        assertEq(_ch(id).claimed, 50 * USD, "claimed never goes down");
        assertEq(usd.balanceOf(payee), 50 * USD, "payee");
    }

    /// @dev A voucher that cannot pay is not checked at all: skipping it is safe and saves the payee gas.
    function test_claim_skipsVoucherAtOrBelowClaimedWithoutCheckingSignature() public {
        _claimAs(payee, id, 50 * USD);
        vm.prank(payee);
        assertEq(channels.claim(_claim(id, 50 * USD, "garbage")), 0, "skipped");
    }

    function test_claim_revertsVoucherAboveDeposit() public {
        bytes memory sig = _voucher(payerKey, id, 100 * USD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentChannels.VoucherAboveDeposit.selector, id, 100 * USD + 1, 100 * USD)
        );
        vm.prank(payee);
        channels.claim(_claim(id, 100 * USD + 1, sig));
    }

    function test_claim_revertsVoucherAboveDepositUntilTopUp() public {
        bytes memory sig = _voucher(payerKey, id, 120 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAboveDeposit.selector, id, 120 * USD, 100 * USD));
        vm.prank(payee);
        channels.claim(_claim(id, 120 * USD, sig));
        _mintApproved(payer, address(channels), 20 * USD);
        vm.prank(payer);
        channels.topUp(id, 20 * USD);
        vm.prank(payee);
        assertEq(channels.claim(_claim(id, 120 * USD, sig)), 120 * USD, "pays once the deposit covers it");
    }

    function test_claim_revertsInvalidVoucherFromAnotherKey() public {
        bytes memory sig = _voucher(OTHER_KEY, id, 30 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, 30 * USD, sig));
    }

    function test_claim_revertsInvalidVoucherForAnotherAmount() public {
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, 31 * USD, sig));
    }

    function test_claim_revertsInvalidVoucherOfAnotherChannel() public {
        bytes32 other = _open(payer, payee, payer, 100 * USD, 0, 0, "other");
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, other));
        vm.prank(payee);
        channels.claim(_claim(other, 30 * USD, sig));
    }

    function test_claim_revertsInvalidVoucherSignedForAnotherChain() public {
        bytes memory sig = _signDigest(payerKey, _voucherDigest(id, 30 * USD, block.chainid + 1, address(channels)));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, 30 * USD, sig));
    }

    /// @dev After a fork the contract computes its domain for the new chain id, so vouchers of the old chain die.
    function test_claim_revertsInvalidVoucherAfterChainIdChange() public {
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        vm.chainId(block.chainid + 1);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, 30 * USD, sig));
        vm.prank(payee);
        assertEq(channels.claim(_claim(id, 30 * USD, _voucher(payerKey, id, 30 * USD))), 30 * USD, "new chain's");
    }

    function test_claim_revertsInvalidVoucherForAnotherContract() public {
        bytes memory sig = _signDigest(payerKey, _voucherDigest(id, 30 * USD, block.chainid, address(wallets)));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, 30 * USD, sig));
    }

    function test_claim_revertsInvalidVoucherMalformed() public {
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        (bytes32 r, bytes32 s) = abi.decode(sig, (bytes32, bytes32));
        bytes[3] memory bad = [
            abi.encodePacked(r, s), // 64 bytes (ERC-2098 short form is not accepted)
            abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), uint8(sig[64]) == 27 ? uint8(28) : uint8(27)), // high s
            bytes("")
        ];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
            vm.prank(payee);
            channels.claim(_claim(id, 30 * USD, bad[i]));
        }
    }

    function test_claim_revertsNotPayee() public {
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.NotPayee.selector, id, stranger));
        vm.prank(stranger);
        channels.claim(_claim(id, 30 * USD, sig));
    }

    /// @dev The payee of channel Y cannot slip channel X (another payee's) into its batch.
    function test_claim_revertsNotPayeeForAnotherPayeesChannelInBatch() public {
        bytes32 mine = _open(payer, stranger, payer, 100 * USD, 0, 0, "mine");
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](2);
        claims[0] = IPaymentChannels.Claim(mine, 10 * USD, 10 * USD, _voucher(payerKey, mine, 10 * USD));
        claims[1] = IPaymentChannels.Claim(id, 30 * USD, 30 * USD, _voucher(payerKey, id, 30 * USD));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.NotPayee.selector, id, stranger));
        vm.prank(stranger);
        channels.claim(claims);
        assertEq(_ch(mine).claimed, 0, "the whole batch reverted");
    }

    function test_claim_revertsUnknownChannel() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.UnknownChannel.selector, bytes32("nope")));
        vm.prank(payee);
        channels.claim(_claim("nope", 1, ""));
    }

    function test_claim_revertsChannelClosed() public {
        bytes memory sig = _voucher(payerKey, id, 30 * USD);
        vm.prank(payee);
        channels.closeWithVoucher(id, 10 * USD, 10 * USD, _voucher(payerKey, id, 10 * USD));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelClosed.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, 30 * USD, sig));
    }

    function test_claim_acceptsERC1271Signer() public {
        uint256 signerKey = 0x5160;
        MockERC1271Wallet signer = new MockERC1271Wallet(vm.addr(signerKey));
        bytes32 cid = _open(payer, payee, address(signer), 10 * USD, 0, 0, "1271");
        vm.prank(payee);
        assertEq(channels.claim(_claim(cid, 4 * USD, _voucher(signerKey, cid, 4 * USD))), 4 * USD, "contract signed");
        bytes memory other = _voucher(payerKey, cid, 5 * USD);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, cid));
        vm.prank(payee);
        channels.claim(_claim(cid, 5 * USD, other));
    }

    function test_claim_emptyBatchPaysNothing() public {
        vm.recordLogs();
        vm.prank(payee);
        assertEq(channels.claim(new IPaymentChannels.Claim[](0)), 0, "nothing");
        assertEq(vm.getRecordedLogs().length, 0, "no events");
    }

    function test_claim_sameChannelTwiceInBatchPaysHighest() public {
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](3);
        claims[0] = IPaymentChannels.Claim(id, 50 * USD, 50 * USD, _voucher(payerKey, id, 50 * USD));
        claims[1] = IPaymentChannels.Claim(id, 30 * USD, 30 * USD, _voucher(payerKey, id, 30 * USD));
        claims[2] = IPaymentChannels.Claim(id, 50 * USD, 50 * USD, _voucher(payerKey, id, 50 * USD));
        vm.recordLogs();
        vm.prank(payee);
        assertEq(channels.claim(claims), 50 * USD, "total");
        (uint256 count, uint256 paid) = _transfersTo(vm.getRecordedLogs(), payee);
        assertEq(count, 1, "one transfer");
        assertEq(paid, 50 * USD, "paid the highest voucher once");
    }
}
