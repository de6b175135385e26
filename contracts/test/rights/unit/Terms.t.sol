// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice `setTerms` and `retireTerms`: terms are immutable, validated, owned by the asset's current owner.
contract TermsTest is RightsUnitBase {
    uint256 internal assetId;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
    }

    function test_setTerms_storesTermsAndEmits() public {
        IIPAssetRegistry.Terms memory t = _terms(3 * USD, 1_500);
        t.uses[uint8(DATA_MINING)] = IIPAssetRegistry.UseTerms({allowed: false, price: 0});
        t.expiresAt = uint64(block.timestamp + 30 days);
        t.transferable = false;
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.TermsSet(assetId, 1, t);
        vm.prank(creator);
        assertEq(assets.setTerms(assetId, t), 1, "first terms id");

        IIPAssetRegistry.TermsRecord memory stored = assets.termsOf(1);
        assertEq(stored.assetId, assetId, "asset");
        assertFalse(stored.retired, "retired");
        assertEq(stored.sold, 0, "sold");
        assertEq(abi.encode(stored.terms), abi.encode(t), "terms stored as given");
        assertEq(assets.termsIdsOf(assetId).length, 1, "listed");
        assertFalse(assets.licenseTransferable(assets.licenseIdOf(1, INFERENCE)), "transferable follows terms");
    }

    function test_setTerms_publishesNewIdEachTimeAndKeepsOldTerms() public {
        uint256 other = _createAsset(buyerKey, WORK);
        uint256 first = _setTerms(assetId, _terms(1 * USD, 0));
        uint256 second = _setTerms(other, _terms(2 * USD, 0));
        uint256 third = _setTerms(assetId, _terms(5 * USD, 0));
        assertEq(first, 1, "first");
        assertEq(second, 2, "ids are global");
        assertEq(third, 3, "third");
        uint256[] memory ids = assets.termsIdsOf(assetId);
        assertEq(ids.length, 2, "two sets for the asset");
        assertEq(ids[0], first, "oldest first");
        assertEq(ids[1], third, "newest last");
        assertEq(assets.termsOf(first).terms.uses[0].price, 1 * USD, "old terms unchanged");
        assertEq(assets.termsOf(second).assetId, other, "other asset");
    }

    function test_setTerms_revertsNotAssetOwner() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotAssetOwner.selector, assetId, stranger));
        vm.prank(stranger);
        assets.setTerms(assetId, t);
    }

    function test_setTerms_revertsUnknownAsset() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownAsset.selector, 7));
        vm.prank(creator);
        assets.setTerms(7, t);
    }

    function test_setTerms_followsAssetOwnership() public {
        vm.prank(creator);
        assets.transferFrom(creator, carol, assetId);
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotAssetOwner.selector, assetId, creator));
        vm.prank(creator);
        assets.setTerms(assetId, t);
        vm.prank(carol);
        assertEq(assets.setTerms(assetId, t), 1, "new owner publishes");
    }

    function test_setTerms_revertsInvalidTermsPriceForUseNotAllowed() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.uses[uint8(OTHER_TRAINING)] = IIPAssetRegistry.UseTerms({allowed: false, price: 1});
        _expectInvalid(t, "price for a use not allowed");
    }

    function test_setTerms_revertsInvalidTermsShareAbove10000Bps() public {
        _expectInvalid(_terms(0, 10_001), "derivative revenue share above 10000 bps");
        assertEq(_setTerms(assetId, _terms(0, 10_000)), 1, "10000 bps accepted");
    }

    function test_setTerms_revertsInvalidTermsShareWithoutDerivatives() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 1);
        t.derivativesAllowed = false;
        _expectInvalid(t, "derivative revenue share without derivatives allowed");
    }

    function test_setTerms_revertsInvalidTermsExpiryNow() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.expiresAt = uint64(block.timestamp);
        _expectInvalid(t, "expiresAt not in the future");
    }

    function test_setTerms_revertsInvalidTermsExpiryPast() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.expiresAt = uint64(block.timestamp - 1);
        _expectInvalid(t, "expiresAt not in the future");
    }

    function test_retireTerms_marksRetiredAndEmits() public {
        uint256 termsId = _setTerms(assetId, _terms(0, 0));
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.TermsRetiredBy(assetId, termsId);
        vm.prank(creator);
        assets.retireTerms(termsId);
        assertTrue(assets.termsOf(termsId).retired, "retired");
    }

    function test_retireTerms_revertsTermsRetired() public {
        uint256 termsId = _setTerms(assetId, _terms(0, 0));
        vm.prank(creator);
        assets.retireTerms(termsId);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.TermsRetired.selector, termsId));
        vm.prank(creator);
        assets.retireTerms(termsId);
    }

    function test_retireTerms_revertsNotAssetOwner() public {
        uint256 termsId = _setTerms(assetId, _terms(0, 0));
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotAssetOwner.selector, assetId, stranger));
        vm.prank(stranger);
        assets.retireTerms(termsId);
    }

    function test_retireTerms_revertsUnknownTerms() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownTerms.selector, 9));
        vm.prank(creator);
        assets.retireTerms(9);
    }

    function test_termsOf_revertsUnknownTerms() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownTerms.selector, 1));
        assets.termsOf(1);
    }

    function test_licenseIdOf_packsTermsIdAndUse() public view {
        assertEq(assets.licenseIdOf(5, OTHER_TRAINING), 5 << 8 | 3, "termsId << 8 | use");
        assertFalse(assets.licenseTransferable(assets.licenseIdOf(5, INFERENCE)), "unknown terms");
    }

    function _expectInvalid(IIPAssetRegistry.Terms memory t, string memory reason) private {
        vm.expectRevert(_invalidTerms(reason));
        vm.prank(creator);
        assets.setTerms(assetId, t);
    }
}
