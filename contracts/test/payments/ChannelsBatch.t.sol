// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {IRevenueVault} from "../../src/interfaces/IRevenueVault.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Batched claims pay the payee once; royalties reach the asset's vault and its holders.
contract ChannelsBatchTest is PaymentsTestBase {
    uint256 internal constant DAVE_KEY = 0xDA7E;

    function test_claim_batchAcrossThreeChannelsPaysPayeeOnce() public {
        bytes32 a = _open(payer, payee, payer, 100 * USD, 0, 0, 0);
        bytes32 b = _open(buyer, payee, buyer, 100 * USD, 0, 0, 0);
        bytes32 c = _open(vm.addr(DAVE_KEY), payee, vm.addr(DAVE_KEY), 100 * USD, assetId, 1_000, 0);
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](3);
        claims[0] = IPaymentChannels.Claim(a, 10 * USD, 10 * USD, _voucher(payerKey, a, 10 * USD));
        claims[1] = IPaymentChannels.Claim(b, 20 * USD, 20 * USD, _voucher(buyerKey, b, 20 * USD));
        claims[2] = IPaymentChannels.Claim(c, 30 * USD, 30 * USD, _voucher(DAVE_KEY, c, 30 * USD));
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(a, 10 * USD, 10 * USD, 0);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(b, 20 * USD, 20 * USD, 0);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelClaimed(c, 30 * USD, 30 * USD, 3 * USD);
        vm.recordLogs();
        vm.prank(payee);
        assertEq(channels.claim(claims), 60 * USD, "total includes the royalty");
        (uint256 count, uint256 paid) = _transfersTo(vm.getRecordedLogs(), payee);
        assertEq(count, 1, "payee paid in one transfer");
        assertEq(paid, 57 * USD, "10 + 20 + 30 less 10% of 30");
        assertEq(usd.balanceOf(payee), 57 * USD, "payee balance");
        assertEq(vault.claimable(creator), 3 * USD, "royalty reached the holder");
        assertEq(usd.balanceOf(address(channels)), 240 * USD, "the rest stays in the channels");
    }

    function test_claim_creditsRoyaltyToVaultHolders() public {
        bytes32 id = _open(payer, payee, payer, 100 * USD, assetId, 1_000, 0);
        vm.expectEmit(address(vault));
        emit IRevenueVault.RevenueReceived(5 * USD, 5 * USD, 0);
        assertEq(_claimAs(payee, id, 50 * USD), 50 * USD, "total");
        assertEq(usd.balanceOf(payee), 45 * USD, "payee gets 90%");
        assertEq(vault.claimable(creator), 5 * USD, "holders credited at once");
        vm.prank(creator);
        vault.claim(creator);
        assertEq(usd.balanceOf(creator), 5 * USD, "and can take it");
    }

    /// @dev The holders' share is computed on the cumulative amount: claims too small to owe a whole unit each
    ///      still pay it in full over time, and the total never depends on how the claims were split.
    function test_claim_royaltyIsExactOnCumulativeAmount() public {
        bytes32 id = _open(payer, payee, payer, 1_000, assetId, 3_333, 0);
        for (uint256 cumulative = 7; cumulative <= 1_000; cumulative += 7) {
            _claimAs(payee, id, cumulative);
            (uint256 received,,) = vault.totals();
            assertEq(received, cumulative * 3_333 / 10_000, "vault got floor(claimed * bps / 10,000)");
            assertEq(usd.balanceOf(payee) + received, cumulative, "payee got the rest");
        }
    }

    function test_claim_wholeShareRoyaltyPaysPayeeNothing() public {
        bytes32 id = _open(payer, payee, payer, 100, assetId, 10_000, 0);
        vm.recordLogs();
        _claimAs(payee, id, 100);
        (uint256 count,) = _transfersTo(vm.getRecordedLogs(), payee);
        assertEq(count, 0, "no transfer of zero to the payee");
        assertEq(vault.claimable(creator), 100, "all to the holders");
    }

    /// @dev Consecutive claims on one asset pay its vault once; another asset in between splits the run.
    function test_claim_batchMergesRoyaltiesOfSameAsset() public {
        uint256 other = _createAsset(DAVE_KEY, WORK);
        bytes32[4] memory ids = [
            _open(payer, payee, payer, 100, assetId, 1_000, "1"),
            _open(payer, payee, payer, 100, assetId, 1_000, "2"),
            _open(payer, payee, payer, 100, other, 1_000, "3"),
            _open(payer, payee, payer, 100, assetId, 1_000, "4")
        ];
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](4);
        for (uint256 i; i < 4; ++i) {
            claims[i] = IPaymentChannels.Claim(ids[i], 100, 100, _voucher(payerKey, ids[i], 100));
        }
        vm.recordLogs();
        vm.prank(payee);
        channels.claim(claims);
        (uint256 toVault, uint256 vaultTotal) = _transfersTo(vm.getRecordedLogs(), address(vault));
        assertEq(toVault, 2, "one transfer for channels 1-2, one for channel 4");
        assertEq(vaultTotal, 30, "10% of three channels");
        assertEq(vault.claimable(creator), 30, "holders of the first asset");
        assertEq(_vault(other).claimable(vm.addr(DAVE_KEY)), 10, "holders of the other asset");
        assertEq(usd.balanceOf(payee), 360, "payee paid the rest");
    }

    function test_claim_batchRevertsWholeBatchOnOneInvalidVoucher() public {
        bytes32 a = _open(payer, payee, payer, 100, 0, 0, "a");
        bytes32 b = _open(payer, payee, payer, 100, 0, 0, "b");
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](2);
        claims[0] = IPaymentChannels.Claim(a, 50, 50, _voucher(payerKey, a, 50));
        claims[1] = IPaymentChannels.Claim(b, 50, 50, _voucher(buyerKey, b, 50));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, b));
        vm.prank(payee);
        channels.claim(claims);
        assertEq(_ch(a).claimed, 0, "first claim undone");
        assertEq(usd.balanceOf(payee), 0, "nothing paid");
    }
}
