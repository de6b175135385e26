// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice `createDerivative`: parents come from licenses the creator holds; the graph stays acyclic and bounded.
contract DerivativesTest is RightsUnitBase {
    uint256 internal parent;

    function setUp() public override {
        super.setUp();
        parent = _createAsset(creatorKey, WORK);
    }

    function test_createDerivative_linksParentsAndEmits() public {
        uint256 other = _createAsset(carolKey, WORK);
        uint256 first = _freeLicense(buyerKey, parent, 1_000);
        uint256 second = _freeLicense(buyerKey, other, 500);
        RecordId record = _registerRecordOf(buyerKey);
        uint256 child = uint256(RecordId.unwrap(record));
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.ParentLinked(child, parent, first, 1_000);
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.ParentLinked(child, other, second, 500);
        vm.prank(buyer);
        assertEq(assets.createDerivative(record, WORK, _two(first, second)), child, "asset id is the record id");

        uint256[] memory parents = assets.parentsOf(child);
        assertEq(parents.length, 2, "two parents");
        assertEq(parents[0], parent, "first parent");
        assertEq(parents[1], other, "second parent");
        IRevenueVault.Parent[] memory links = _vault(child).parents();
        assertEq(links[0].vault, address(_vault(parent)), "first vault");
        assertEq(links[0].bps, 1_000, "first share");
        assertEq(links[1].vault, address(_vault(other)), "second vault");
        assertEq(links[1].bps, 500, "second share");
        assertEq(assets.ownerOf(child), buyer, "owner");
    }

    function test_createDerivative_acceptsMaxParentsAndRetiredTerms() public {
        uint256[] memory ids = _licensesOnFreshAssets(16, 100);
        vm.prank(creator);
        assets.retireTerms(ids[0] >> 8); // licenses already sold keep working
        assertEq(assets.parentsOf(_createDerivative(buyerKey, ids)).length, 16, "sixteen parents");
    }

    function test_createDerivative_revertsTooManyParents() public {
        uint256[] memory ids = _licensesOnFreshAssets(17, 100);
        RecordId record = _registerRecordOf(buyerKey);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.TooManyParents.selector, 17, 16));
        vm.prank(buyer);
        assets.createDerivative(record, WORK, ids);
    }

    function test_createDerivative_revertsNoParents() public {
        RecordId record = _registerRecordOf(buyerKey);
        vm.expectRevert(IIPAssetRegistry.NoParents.selector);
        vm.prank(buyer);
        assets.createDerivative(record, WORK, new uint256[](0));
    }

    function test_createDerivative_revertsLicenseNotHeld() public {
        uint256 licenseId = _freeLicense(carolKey, parent, 0); // carol's, not buyer's
        _expectDerivativeRevert(
            _one(licenseId), abi.encodeWithSelector(IIPAssetRegistry.LicenseNotHeld.selector, licenseId, buyer)
        );
    }

    function test_createDerivative_revertsLicenseNotHeldForUnknownTerms() public {
        uint256 licenseId = assets.licenseIdOf(77, INFERENCE);
        _expectDerivativeRevert(
            _one(licenseId), abi.encodeWithSelector(IIPAssetRegistry.LicenseNotHeld.selector, licenseId, buyer)
        );
    }

    function test_createDerivative_revertsLicenseNotHeldOnceExpired() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.expiresAt = uint64(block.timestamp + 1 days);
        uint256 licenseId = _buy(buyer, _setTerms(parent, t), GENERATIVE_TRAINING);
        vm.warp(t.expiresAt);
        _expectDerivativeRevert(
            _one(licenseId), abi.encodeWithSelector(IIPAssetRegistry.LicenseNotHeld.selector, licenseId, buyer)
        );
    }

    function test_createDerivative_revertsDerivativesNotAllowed() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.derivativesAllowed = false;
        uint256 licenseId = _buy(buyer, _setTerms(parent, t), GENERATIVE_TRAINING);
        _expectDerivativeRevert(
            _one(licenseId), abi.encodeWithSelector(IIPAssetRegistry.DerivativesNotAllowed.selector, licenseId)
        );
    }

    function test_createDerivative_revertsDuplicateParentThroughTwoLicenses() public {
        uint256 termsId = _setTerms(parent, _terms(0, 100));
        uint256 training = _buy(buyer, termsId, GENERATIVE_TRAINING);
        uint256 inference = _buy(buyer, termsId, INFERENCE);
        _expectDerivativeRevert(
            _two(training, inference), abi.encodeWithSelector(IIPAssetRegistry.DuplicateParent.selector, parent)
        );
    }

    function test_createDerivative_revertsDuplicateParentSameLicenseTwice() public {
        uint256 licenseId = _freeLicense(buyerKey, parent, 100);
        _expectDerivativeRevert(
            _two(licenseId, licenseId), abi.encodeWithSelector(IIPAssetRegistry.DuplicateParent.selector, parent)
        );
    }

    function test_createDerivative_revertsRevenueShareTooHigh() public {
        uint256 first = _freeLicense(buyerKey, parent, 6_000);
        uint256 second = _freeLicense(buyerKey, _createAsset(carolKey, WORK), 4_001);
        _expectDerivativeRevert(
            _two(first, second), abi.encodeWithSelector(IRevenueVault.RevenueShareTooHigh.selector, 10_001)
        );
    }

    function test_createDerivative_acceptsSharesSummingToWhole() public {
        uint256 first = _freeLicense(buyerKey, parent, 6_000);
        uint256 second = _freeLicense(buyerKey, _createAsset(carolKey, WORK), 4_000);
        uint256 child = _createDerivative(buyerKey, _two(first, second));
        _payRoyalty(stranger, child, 100);
        assertEq(_vault(child).claimable(buyer), 0, "derivative holders keep nothing");
        assertEq(_vault(parent).claimable(creator), 60, "first parent");
        assertEq(_vault(assets.parentsOf(child)[1]).claimable(carol), 40, "second parent");
    }

    /// @dev parent -> child; the parent's owner licenses the child and tries to make the parent a derivative of
    ///      it: the parent's record is already an asset, so no loop can close.
    function test_createDerivative_revertsAssetExistsWhenClosingLoop() public {
        RecordId record = _registerRecordOf(creatorKey);
        vm.prank(creator);
        uint256 original = assets.createAsset(record, WORK);
        uint256 child = _derivativeOf(buyerKey, original, 100);
        uint256 childLicense = _freeLicense(creatorKey, child, 100);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.AssetExists.selector, original));
        vm.prank(creator);
        assets.createDerivative(record, WORK, _one(childLicense));
    }

    /// @dev grandparent <- parent (10%) <- child (10%). Paying the child pays its parent at once; the
    ///      grandparent's part waits in the parent's vault until someone calls payAncestors there.
    function test_payRoyalty_paysParentAtOnceAndGrandparentByPull() public {
        uint256 middle = _derivativeOf(buyerKey, parent, 1_000);
        uint256 child = _derivativeOf(carolKey, middle, 1_000);
        _payRoyalty(stranger, child, 1_000 * USD);

        assertEq(_vault(child).claimable(carol), 900 * USD, "child holders");
        assertEq(_vault(child).pendingAncestors(), 0, "child paid its parent");
        assertEq(_vault(middle).claimable(buyer), 90 * USD, "parent holders, at once");
        assertEq(_vault(middle).pendingAncestors(), 10 * USD, "grandparent's part set aside");
        assertEq(usd.balanceOf(address(_vault(parent))), 0, "grandparent not paid yet");

        vm.expectEmit(address(_vault(parent)));
        emit IRevenueVault.RevenueReceived(10 * USD, 10 * USD, 0);
        vm.expectEmit(address(_vault(middle)));
        emit IRevenueVault.AncestorsPaid(10 * USD);
        vm.prank(stranger); // permissionless
        assertEq(_vault(middle).payAncestors(), 10 * USD, "paid");
        assertEq(_vault(parent).claimable(creator), 10 * USD, "grandparent paid by pull");
        assertEq(_vault(middle).pendingAncestors(), 0, "nothing pending");
        (,, uint256 paidUp) = _vault(middle).totals();
        assertEq(paidUp, 10 * USD, "paidToAncestors");
    }

    function _expectDerivativeRevert(uint256[] memory licenseIds, bytes memory reason) private {
        RecordId record = _registerRecordOf(buyerKey);
        vm.expectRevert(reason);
        vm.prank(buyer);
        assets.createDerivative(record, WORK, licenseIds);
    }

    /// @dev `n` free licenses held by buyer, one on each of `n` fresh assets of the creator.
    function _licensesOnFreshAssets(uint256 n, uint16 bps) private returns (uint256[] memory ids) {
        ids = new uint256[](n);
        ids[0] = _freeLicense(buyerKey, parent, bps);
        for (uint256 i = 1; i < n; ++i) {
            ids[i] = _freeLicense(buyerKey, _createAsset(creatorKey, WORK), bps);
        }
    }
}
