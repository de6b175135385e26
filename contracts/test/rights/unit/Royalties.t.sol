// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice `payRoyalty`: the payment reaches the vault and its holders at once; dust never creates money.
contract RoyaltiesTest is RightsUnitBase {
    uint256 internal assetId;
    IRevenueVault internal vault;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
        vault = _vault(assetId);
    }

    function test_payRoyalty_paysVaultAndEmits() public {
        _fund(buyer, 50 * USD);
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.RoyaltyPaid(assetId, buyer, 50 * USD);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(buyer, address(vault), 50 * USD);
        vm.expectEmit(address(vault));
        emit IRevenueVault.RevenueReceived(50 * USD, 50 * USD, 0);
        vm.prank(buyer);
        assets.payRoyalty(assetId, 50 * USD);
        assertEq(usd.balanceOf(address(vault)), 50 * USD, "vault balance");
        assertEq(vault.claimable(creator), 50 * USD, "holder credited");
        (uint256 received, uint256 claimed, uint256 toAncestors) = vault.totals();
        assertEq(received, 50 * USD, "received");
        assertEq(claimed, 0, "claimed");
        assertEq(toAncestors, 0, "to ancestors");
    }

    function test_payRoyalty_revertsZeroAmount() public {
        vm.expectRevert(IIPAssetRegistry.ZeroAmount.selector);
        vm.prank(buyer);
        assets.payRoyalty(assetId, 0);
    }

    function test_payRoyalty_revertsUnknownAsset() public {
        _fund(buyer, 1);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownAsset.selector, 3));
        vm.prank(buyer);
        assets.payRoyalty(3, 1);
    }

    function test_payRoyalty_revertsInsufficientAllowanceWithoutStateChange() public {
        usd.mint(buyer, 50 * USD);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(assets), 0, 50 * USD)
        );
        vm.prank(buyer);
        assets.payRoyalty(assetId, 50 * USD);
        assertEq(usd.balanceOf(buyer), 50 * USD, "payer keeps funds");
        assertEq(usd.balanceOf(address(vault)), 0, "vault unpaid");
        assertEq(vault.accounted(), 0, "accounted unchanged");
        assertEq(vault.claimable(creator), 0, "nothing credited");
        (uint256 received,,) = vault.totals();
        assertEq(received, 0, "received unchanged");
    }

    /// @dev Payments of one unit over holders of a third each: each step rounds down, the remainder is kept
    ///      for later, and claims never take more than the vault holds.
    function test_payRoyalty_dustOverSeveralHoldersNeverOverpays() public {
        _splitShares(vault);
        address[3] memory holders = [creator, buyer, carol];
        for (uint256 paid = 1; paid <= 10; ++paid) {
            _payRoyalty(stranger, assetId, 1);
            uint256 total;
            for (uint256 h; h < 3; ++h) {
                total += vault.claimable(holders[h]);
            }
            assertLe(total, paid, "claimable never exceeds what was paid");
        }
        uint256 claimed = _claimAll(vault, holders);
        assertGt(claimed, 0, "dust adds up to claimable units");
        assertLe(claimed, 10, "claims never exceed what was paid");
        assertEq(usd.balanceOf(address(vault)), 10 - claimed, "vault pays exactly what it lets claim");
        assertEq(vault.accounted(), usd.balanceOf(address(vault)), "books match balance");
    }

    /// @dev With a parent owed 10%, one unit is too little to split: the holders keep it, the parent gets
    ///      nothing, and across both vaults nothing is created.
    function test_payRoyalty_dustWithParentAt10PercentNeverOverpays() public {
        uint256 child = _derivativeOf(buyerKey, assetId, 1_000);
        IRevenueVault childVault = _vault(child);
        vm.prank(buyer);
        childVault.transfer(carol, 400_000e18);
        address[3] memory holders = [buyer, carol, creator];
        for (uint256 paid = 1; paid <= 10; ++paid) {
            _payRoyalty(stranger, child, 1);
            uint256 total = vault.claimable(creator) + childVault.pendingAncestors();
            for (uint256 h; h < 3; ++h) {
                total += childVault.claimable(holders[h]);
            }
            assertLe(total, paid, "claimable never exceeds what was paid");
            assertEq(
                usd.balanceOf(address(childVault)) + usd.balanceOf(address(vault)),
                paid,
                "tokens only move between vaults"
            );
        }
        uint256 claimed = _claimAll(childVault, holders);
        assertLe(claimed, 10, "claims never exceed what was paid");
        (,, uint256 paidUp) = childVault.totals();
        assertEq(paidUp, 1, "10% of ten units reaches the parent, carried across payments");
        assertEq(usd.balanceOf(address(childVault)), 10 - claimed - paidUp, "child vault pays only what it holds");
        assertEq(childVault.accounted(), usd.balanceOf(address(childVault)), "books match balance");
    }

    function test_payRoyalty_singleUnitBelowEveryHolderIsKeptNotLost() public {
        _splitShares(vault);
        _payRoyalty(stranger, assetId, 1);
        assertEq(vault.claimable(creator) + vault.claimable(buyer) + vault.claimable(carol), 0, "too small to claim");
        assertEq(vault.accounted(), 1, "accounted, not lost");
        _payRoyalty(stranger, assetId, 3 * USD - 1);
        assertEq(vault.claimable(buyer), USD - 1, "one third, rounded down");
        assertLe(vault.claimable(creator) + vault.claimable(buyer) + vault.claimable(carol), 3 * USD, "bounded");
        assertGt(
            vault.claimable(creator) + vault.claimable(buyer) + vault.claimable(carol),
            3 * USD - 3,
            "under one unit lost per holder"
        );
    }

    /// @dev The parents' part carries its basis-point remainder between syncs: royalties of $0.0001 (100 units)
    ///      to a derivative owing 50 bps owe half a unit each, and twenty of them pass 10 units up.
    function test_payRoyalty_parentsShareOfMicropaymentsAddsUp() public {
        uint256 child = _derivativeOf(buyerKey, assetId, 50);
        for (uint256 i; i < 20; ++i) {
            _payRoyalty(stranger, child, 100);
        }
        (,, uint256 paidUp) = _vault(child).totals();
        assertEq(paidUp + _vault(child).pendingAncestors(), 10, "50 bps of 2,000 units");
        assertEq(vault.claimable(creator), 10, "parent holders");
    }

    /// @dev creator keeps a third plus the rounding, buyer and carol a third each.
    function _splitShares(IRevenueVault v) private {
        uint256 third = v.totalSupply() / 3;
        vm.prank(creator);
        v.transfer(buyer, third);
        vm.prank(creator);
        v.transfer(carol, third);
    }

    function _claimAll(IRevenueVault v, address[3] memory holders) private returns (uint256 claimed) {
        for (uint256 h; h < 3; ++h) {
            uint256 amount = v.claimable(holders[h]);
            if (amount == 0) {
                vm.expectRevert(abi.encodeWithSelector(IRevenueVault.NothingToClaim.selector, holders[h]));
                vm.prank(holders[h]);
                v.claim(holders[h]);
                continue;
            }
            vm.prank(holders[h]);
            assertEq(v.claim(holders[h]), amount, "claims what claimable said");
            claimed += amount;
        }
    }
}
