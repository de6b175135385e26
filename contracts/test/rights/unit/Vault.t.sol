// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice The revenue vault: shares carry revenue pro rata, transfers settle both sides, claims pay out once.
contract VaultTest is RightsUnitBase {
    uint256 internal assetId;
    IRevenueVault internal vault;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
        vault = _vault(assetId);
    }

    /// @dev A holds 100%, revenue 100; A sends 40% to B; revenue 100: A earned 100 + 60, B 40.
    function test_transfer_settlesBothSides() public {
        _payRoyalty(stranger, assetId, 100 * USD);
        vm.prank(creator);
        vault.transfer(buyer, 400_000e18);
        assertEq(vault.claimable(creator), 100 * USD, "revenue before the move stays with the sender");
        assertEq(vault.claimable(buyer), 0, "recipient gets none of it");
        _payRoyalty(stranger, assetId, 100 * USD);
        assertEq(vault.claimable(creator), 160 * USD, "A");
        assertEq(vault.claimable(buyer), 40 * USD, "B");
    }

    function test_transferFrom_settlesBothSides() public {
        _payRoyalty(stranger, assetId, 100 * USD);
        vm.prank(creator);
        vault.approve(carol, 400_000e18);
        vm.prank(carol);
        vault.transferFrom(creator, buyer, 400_000e18);
        _payRoyalty(stranger, assetId, 100 * USD);
        assertEq(vault.claimable(creator), 160 * USD, "A");
        assertEq(vault.claimable(buyer), 40 * USD, "B");
    }

    function test_transfer_revertsSharesToVault() public {
        vm.expectRevert(IRevenueVault.SharesToVault.selector);
        vm.prank(creator);
        vault.transfer(address(vault), 1);
    }

    function test_transferFrom_revertsSharesToVault() public {
        vm.prank(creator);
        vault.approve(carol, 1);
        vm.expectRevert(IRevenueVault.SharesToVault.selector);
        vm.prank(carol);
        vault.transferFrom(creator, address(vault), 1);
    }

    function test_claim_sendsTokensAndEmits() public {
        _payRoyalty(stranger, assetId, 100 * USD);
        vm.expectEmit(address(vault));
        emit IRevenueVault.Claimed(creator, carol, 100 * USD);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(vault), carol, 100 * USD);
        vm.prank(creator);
        assertEq(vault.claim(carol), 100 * USD, "amount");
        assertEq(usd.balanceOf(carol), 100 * USD, "sent to `to`");
        assertEq(usd.balanceOf(address(vault)), 0, "vault emptied");
        assertEq(vault.accounted(), 0, "accounted");
        assertEq(vault.claimable(creator), 0, "nothing left");
        (uint256 received, uint256 claimed,) = vault.totals();
        assertEq(received, 100 * USD, "received");
        assertEq(claimed, 100 * USD, "claimed");
    }

    function test_claim_revertsNothingToClaim() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueVault.NothingToClaim.selector, stranger));
        vm.prank(stranger);
        vault.claim(stranger);
    }

    function test_claim_revertsNothingToClaimAfterClaiming() public {
        _payRoyalty(stranger, assetId, 5 * USD);
        vm.prank(creator);
        vault.claim(creator);
        vm.expectRevert(abi.encodeWithSelector(IRevenueVault.NothingToClaim.selector, creator));
        vm.prank(creator);
        vault.claim(creator);
        assertEq(usd.balanceOf(creator), 5 * USD, "paid once");
    }

    function test_pay_paysIntoVaultAndEmits() public {
        usd.mint(buyer, 7 * USD);
        vm.prank(buyer);
        usd.approve(address(vault), 7 * USD);
        vm.expectEmit(address(vault));
        emit IRevenueVault.RevenueReceived(7 * USD, 7 * USD, 0);
        vm.prank(buyer);
        vault.pay(7 * USD);
        assertEq(vault.claimable(creator), 7 * USD, "credited");
        assertEq(usd.balanceOf(address(vault)), 7 * USD, "balance");
    }

    function test_pay_revertsZeroAmount() public {
        vm.expectRevert(IRevenueVault.ZeroAmount.selector);
        vm.prank(buyer);
        vault.pay(0);
    }

    function test_pay_passesParentsShareOnAtOnce() public {
        uint256 child = _derivativeOf(buyerKey, assetId, 2_500);
        IRevenueVault childVault = _vault(child);
        usd.mint(carol, 100 * USD);
        vm.prank(carol);
        usd.approve(address(childVault), 100 * USD);
        vm.expectEmit(address(childVault));
        emit IRevenueVault.RevenueReceived(100 * USD, 75 * USD, 25 * USD);
        vm.expectEmit(address(childVault));
        emit IRevenueVault.AncestorsPaid(25 * USD);
        vm.prank(carol);
        childVault.pay(100 * USD);
        assertEq(childVault.claimable(buyer), 75 * USD, "child holders");
        assertEq(vault.claimable(creator), 25 * USD, "parent holders");
    }

    /// @dev Payments sent straight to the vault (an EIP-3009 transfer, say) count once synced, and only once.
    function test_sync_accountsDirectTransfersOnce() public {
        usd.mint(address(vault), 12 * USD);
        assertEq(vault.claimable(creator), 0, "not yet synced");
        vm.expectEmit(address(vault));
        emit IRevenueVault.RevenueReceived(12 * USD, 12 * USD, 0);
        vm.prank(stranger);
        assertEq(vault.sync(), 12 * USD, "received");
        assertEq(vault.sync(), 0, "nothing new");
        assertEq(vault.claimable(creator), 12 * USD, "credited once");
        assertEq(vault.accounted(), 12 * USD, "accounted");
    }

    function test_sync_setsParentsShareAsideAndCollectPaysIt() public {
        uint256 child = _derivativeOf(buyerKey, assetId, 1_000);
        IRevenueVault childVault = _vault(child);
        usd.mint(address(childVault), 50 * USD);
        childVault.sync();
        assertEq(childVault.pendingAncestors(), 5 * USD, "set aside");
        assertEq(usd.balanceOf(address(vault)), 0, "parent not paid by sync");
        assertEq(childVault.accounted(), 50 * USD, "books include the pending part");

        usd.mint(address(childVault), 10 * USD);
        vm.expectEmit(address(childVault));
        emit IRevenueVault.AncestorsPaid(6 * USD);
        assertEq(childVault.collect(), 10 * USD, "collect reports what arrived");
        assertEq(vault.claimable(creator), 6 * USD, "parent paid");
        assertEq(childVault.accounted(), 54 * USD, "child keeps the holders' part");
        assertEq(childVault.payAncestors(), 0, "nothing left to pay");
    }
}
