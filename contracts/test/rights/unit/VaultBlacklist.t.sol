// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {IPAssetRegistry} from "../../../src/rights/IPAssetRegistry.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {BlacklistERC20} from "../../mocks/rights/BlacklistERC20.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice The token's issuer blacklists one parent's vault (as USDC can): that parent's part waits in the
///         derivative's vault, the other parent is paid, and the derivative keeps selling and paying its holders.
contract VaultBlacklistTest is RightsUnitBase {
    BlacklistERC20 internal token;
    IPAssetRegistry internal registryB;
    IRevenueVault internal blocked;
    IRevenueVault internal other;
    IRevenueVault internal childVault;
    uint256 internal child;

    function setUp() public override {
        super.setUp();
        token = new BlacklistERC20();
        registryB = new IPAssetRegistry(IProvenanceRegistry(address(registry)), IERC20(address(token)));
        uint256 parentA = _createOn(creatorKey);
        uint256 parentB = _createOn(carolKey);
        uint256[] memory licenseIds = new uint256[](2);
        licenseIds[0] = _freeLicenseOn(parentA, 300);
        licenseIds[1] = _freeLicenseOn(parentB, 200);
        RecordId record = _registerRecordOf(buyerKey);
        vm.prank(buyer);
        child = registryB.createDerivative(record, WORK, licenseIds);
        blocked = registryB.assetOf(parentA).vault;
        other = registryB.assetOf(parentB).vault;
        childVault = registryB.assetOf(child).vault;
        token.setBlacklisted(address(blocked), true);
    }

    /// @dev Attack (by the issuer, or anyone who gets a parent vault blacklisted): every payment to the derivative
    ///      used to revert, because paying the parents is part of it.
    function test_payRoyalty_blacklistedParentDoesNotBlockTheDerivative() public {
        _fundRoyalty(1_000);
        vm.expectEmit(address(childVault));
        emit IRevenueVault.AncestorPaymentDeferred(address(blocked), 30);
        vm.expectEmit(address(childVault));
        emit IRevenueVault.AncestorsPaid(20);
        vm.prank(stranger);
        registryB.payRoyalty(child, 1_000);

        assertEq(token.balanceOf(address(other)), 20, "the other parent is paid");
        assertEq(token.balanceOf(address(blocked)), 0, "the blacklisted parent is not");
        assertEq(childVault.pendingAncestors(), 30, "its part stays set aside");
        assertEq(childVault.accounted(), token.balanceOf(address(childVault)), "books match the balance");
        (,, uint256 paidUp) = childVault.totals();
        assertEq(paidUp, 20, "only what left counts as paid");
        vm.prank(buyer);
        assertEq(childVault.claim(buyer), 950, "the derivative's holders are paid");

        _royalty(1_000);
        assertEq(childVault.pendingAncestors(), 60, "arrears grow while it is blacklisted");
        assertEq(token.balanceOf(address(other)), 40, "the other parent keeps being paid");
    }

    function test_payAncestors_paysArrearsOnceTheParentIsCleared() public {
        _royalty(1_000);
        _royalty(1_000);
        token.setBlacklisted(address(blocked), false);
        vm.expectEmit(address(childVault));
        emit IRevenueVault.AncestorsPaid(60);
        assertEq(childVault.payAncestors(), 60, "arrears paid");
        assertEq(token.balanceOf(address(blocked)), 60, "300 bps of 2,000");
        assertEq(blocked.claimable(creator), 60, "credited to its holders");
        assertEq(childVault.pendingAncestors(), 0, "nothing left set aside");

        _royalty(1_000);
        assertEq(token.balanceOf(address(blocked)), 90, "300 bps of 3,000");
        assertEq(token.balanceOf(address(other)), 60, "200 bps of 3,000");
        (uint256 received,, uint256 paidUp) = childVault.totals();
        assertEq(paidUp, received * 500 / 10_000, "parents paid their bps of everything");
    }

    function _royalty(uint256 amount) private {
        _fundRoyalty(amount);
        vm.prank(stranger);
        registryB.payRoyalty(child, amount);
    }

    function _fundRoyalty(uint256 amount) private {
        token.mint(stranger, amount);
        vm.prank(stranger);
        token.approve(address(registryB), amount);
    }

    function _createOn(uint256 key) private returns (uint256 assetId) {
        RecordId record = _registerRecordOf(key);
        vm.prank(vm.addr(key));
        assetId = registryB.createAsset(record, WORK);
    }

    /// @dev The buyer takes a free license of `assetId` under terms owing `bps` to it from derivatives.
    function _freeLicenseOn(uint256 assetId, uint16 bps) private returns (uint256 licenseId) {
        vm.prank(registryB.ownerOf(assetId));
        uint256 termsId = registryB.setTerms(assetId, _terms(0, bps));
        vm.prank(buyer);
        licenseId = registryB.buyLicense(termsId, INFERENCE, buyer, 0, bps);
    }
}
