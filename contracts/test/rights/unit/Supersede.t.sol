// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../../../src/interfaces/IConsentRegistry.sol";
import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {Merkle} from "../../utils/Merkle.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice The earliest anchored claim on a set of bytes owns its rights: a stranger's later record of the same
///         bytes can become an asset, but once the earlier record is shown (`supersede`) it sells nothing more.
contract SupersedeTest is RightsUnitBase {
    uint128 internal constant PRICE = 10 * USD;
    uint256 internal strangerKey = 0x5742;
    address internal thief;

    IProvenanceRegistry.Record internal creatorRecord;
    IProvenanceRegistry.Record internal thiefRecord;
    RecordId internal creatorId;
    uint256 internal hijacked;
    uint256 internal termsId;

    /// @dev The creator registers a public work; a day later a stranger registers the same bytes as their own,
    ///      makes it an asset and puts terms on sale.
    function setUp() public override {
        super.setUp();
        thief = vm.addr(strangerKey);
        vm.label(thief, "thief");
        creatorRecord = _record(creator);
        creatorId = registry.register(creatorRecord, _sign(creatorKey, creatorRecord));
        vm.warp(block.timestamp + 1 days);
        thiefRecord = _copyOf(creatorRecord, thief);
        hijacked = _assetOf(strangerKey, thiefRecord);
        termsId = _setTerms(hijacked, _terms(PRICE, 1_000));
    }

    function test_supersede_strangersLaterAssetStopsSelling() public {
        _fund(buyer, 2 * PRICE);
        _buy(buyer, termsId, INFERENCE); // sells before anyone shows the earlier record

        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.Superseded(
            hijacked, creatorId, registry.recordOf(creatorId).timestamp, uint64(block.timestamp)
        );
        vm.prank(stranger); // permissionless
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        assertEq(RecordId.unwrap(assets.supersededBy(hijacked)), RecordId.unwrap(creatorId), "supersededBy");

        vm.expectRevert(_superseded(hijacked));
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 1_000);
    }

    function test_buyLicenseWithPermit_revertsAssetSuperseded() public {
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        vm.expectRevert(_superseded(hijacked));
        vm.prank(buyer);
        assets.buyLicenseWithPermit(termsId, INFERENCE, buyer, PRICE, 1_000, block.timestamp, 0, 0, 0);
    }

    function test_setTerms_revertsAssetSuperseded() public {
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        vm.expectRevert(_superseded(hijacked));
        vm.prank(thief);
        assets.setTerms(hijacked, t);
    }

    function test_payRoyalty_revertsAssetSuperseded() public {
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        _fund(buyer, PRICE);
        vm.expectRevert(_superseded(hijacked));
        vm.prank(buyer);
        assets.payRoyalty(hijacked, PRICE);
    }

    function test_createDerivative_revertsAssetSupersededParent() public {
        uint256 licenseId = _freeLicense(carolKey, hijacked, 0);
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        RecordId child = _registerRecordOf(carolKey);
        uint256[] memory parents = _one(licenseId);
        vm.expectRevert(_superseded(hijacked));
        vm.prank(carol);
        assets.createDerivative(child, WORK, parents);
    }

    /// @dev Licenses the stranger sold stay as tokens (a record of the sale) but no longer count.
    function test_checkLicense_falseForSupersededAsset() public {
        _fund(buyer, PRICE);
        uint256 licenseId = _buy(buyer, termsId, INFERENCE);
        (bool before,) = assets.checkLicense(hijacked, INFERENCE, buyer);
        assertTrue(before, "licensed before");
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        (bool licensed, uint256 held) = assets.checkLicense(hijacked, INFERENCE, buyer);
        assertFalse(licensed, "licensed after");
        assertEq(held, 0, "license id");
        assertEq(licenses.balanceOf(buyer, licenseId), 1, "token kept");
    }

    /// @dev A stranger's later claim made a dataset: the consents its owner grants count for nothing once superseded.
    function test_checkUse_falseForConsentOnSupersededDataset() public {
        IProvenanceRegistry.Record memory copy = _copyOf(creatorRecord, thief);
        copy.createdAt += 1;
        RecordId copyId = registry.register(copy, _sign(strangerKey, copy));
        vm.prank(thief);
        uint256 dataset = assets.createAsset(copyId, DATASET);
        IConsentRegistry.Consent memory c = IConsentRegistry.Consent({
            assetId: dataset,
            grantee: carol,
            use: GENERATIVE_TRAINING,
            validFrom: uint64(block.timestamp),
            validUntil: uint64(block.timestamp + 30 days),
            salt: keccak256("salt")
        });
        vm.prank(thief);
        consents.grantConsent(c);
        (bool before,,) = consents.checkUse(dataset, GENERATIVE_TRAINING, carol);
        assertTrue(before, "consented before");
        assets.supersede(dataset, copy, creatorRecord);
        (bool allowed, IConsentRegistry.Basis basis,) = consents.checkUse(dataset, GENERATIVE_TRAINING, carol);
        assertFalse(allowed, "consented after");
        assertEq(uint8(basis), uint8(IConsentRegistry.Basis.None), "basis");
    }

    function test_supersede_revertsNotEarlierForLaterRecord() public {
        vm.prank(creator);
        uint256 creatorAsset = assets.createAsset(creatorId, WORK);
        uint64 creatorTime = registry.recordOf(creatorId).timestamp;
        RecordId thiefId = registry.recordId(thiefRecord);
        uint64 thiefTime = registry.recordOf(thiefId).timestamp;
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotEarlier.selector, thiefId, thiefTime, creatorTime));
        assets.supersede(creatorAsset, creatorRecord, thiefRecord);
    }

    /// @dev Two claims anchored at the same time: neither is earlier, so neither supersedes the other.
    function test_supersede_revertsNotEarlierForSameTime() public {
        IProvenanceRegistry.Record memory twin = _copyOf(thiefRecord, creator);
        twin.createdAt += 1;
        RecordId twinId = registry.register(twin, _sign(creatorKey, twin));
        uint64 t = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotEarlier.selector, twinId, t, t));
        assets.supersede(hijacked, thiefRecord, twin);
    }

    function test_supersede_revertsRecordMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.RecordMismatch.selector, hijacked, creatorId));
        assets.supersede(hijacked, creatorRecord, creatorRecord);
    }

    function test_supersede_revertsDifferentContent() public {
        IProvenanceRegistry.Record memory other = _record(creator);
        registry.register(other, _sign(creatorKey, other));
        vm.expectRevert(
            abi.encodeWithSelector(
                IIPAssetRegistry.DifferentContent.selector, thiefRecord.contentHash, other.contentHash
            )
        );
        assets.supersede(hijacked, thiefRecord, other);
    }

    function test_supersede_revertsRecordNotOnChain() public {
        IProvenanceRegistry.Record memory offChain = _copyOf(creatorRecord, carol);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.RecordNotOnChain.selector, registry.recordId(offChain)));
        assets.supersede(hijacked, thiefRecord, offChain);
    }

    function test_supersede_revertsUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownAsset.selector, 42));
        assets.supersede(42, thiefRecord, creatorRecord);
    }

    function test_supersede_revertsAssetSupersededTwice() public {
        assets.supersede(hijacked, thiefRecord, creatorRecord);
        vm.expectRevert(_superseded(hijacked));
        assets.supersede(hijacked, thiefRecord, creatorRecord);
    }

    /// @dev A griefer writes a creator's batched record on chain late (item 14), so it looks later than a
    ///      stranger's copy; the creator proves its batch, the time drops to the anchor, and supersede works.
    function test_supersede_followsEarliestAnchorAfterFrontRun() public {
        IProvenanceRegistry.Record memory batched = _record(creator);
        bytes memory signature = _sign(creatorKey, batched);
        bytes32 root = RecordId.unwrap(registry.recordId(batched));
        registry.anchor(root, 1);
        vm.warp(block.timestamp + 1 days);
        uint256 copy = _assetOf(strangerKey, _copyOf(batched, thief));
        vm.warp(block.timestamp + 1 days);
        registry.register(batched, signature); // the griefer, two days after the creator's anchor
        IProvenanceRegistry.Record memory copyRecord = _copyOf(batched, thief);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIPAssetRegistry.NotEarlier.selector, root, uint64(block.timestamp), uint64(block.timestamp - 1 days)
            )
        );
        assets.supersede(copy, copyRecord, batched);

        registry.prove(batched, signature, root, new bytes32[](0));
        assets.supersede(copy, copyRecord, batched);
        assertEq(RecordId.unwrap(assets.supersededBy(copy)), root, "superseded by the creator's record");
    }

    /// @dev Superseded by a record that was itself front-run to a later-looking time? The reverse: the asset's
    ///      own record is proven against an earlier batch after being superseded, so the supersession no longer
    ///      holds and anyone can reinstate it.
    function test_reinstate_afterAssetRecordProvenEarlier() public {
        IProvenanceRegistry.Record memory early = _record(carol);
        bytes memory signature = _sign(carolKey, early);
        bytes32 root = Merkle.root(_leaves(early));
        registry.anchor(root, 1);
        vm.warp(block.timestamp + 1 days);
        IProvenanceRegistry.Record memory other = _copyOf(early, creator);
        registry.register(other, _sign(creatorKey, other));
        vm.warp(block.timestamp + 1 days);
        registry.register(early, signature); // written on chain late, by anyone
        RecordId earlyId = registry.recordId(early);
        vm.prank(carol);
        uint256 assetId = assets.createAsset(earlyId, WORK);
        assets.supersede(assetId, early, other);

        vm.expectRevert(_superseded(assetId));
        assets.reinstate(assetId);

        registry.prove(early, signature, root, new bytes32[](0));
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.Reinstated(assetId, registry.recordId(other));
        assets.reinstate(assetId);
        assertEq(RecordId.unwrap(assets.supersededBy(assetId)), bytes32(0), "reinstated");
        _setTerms(assetId, _terms(0, 0));
    }

    function test_reinstate_revertsNotSuperseded() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotSuperseded.selector, hijacked));
        assets.reinstate(hijacked);
    }

    /// @dev Two claims on the same bytes written at random times: supersede succeeds exactly when the earlier
    ///      one is strictly earlier, and then the later asset sells nothing.
    function testFuzz_supersede_onlyStrictlyEarlierClaimSupersedes(uint32 gapA, uint32 gapB) public {
        IProvenanceRegistry.Record memory a = _record(carol);
        vm.warp(block.timestamp + bound(gapA, 0, 30 days));
        registry.register(a, _sign(carolKey, a));
        uint64 timeA = uint64(block.timestamp);
        vm.warp(block.timestamp + bound(gapB, 0, 30 days));
        IProvenanceRegistry.Record memory b = _copyOf(a, thief);
        uint256 assetB = _assetOf(strangerKey, b);
        uint64 timeB = uint64(block.timestamp);
        uint256 terms = _setTerms(assetB, _terms(0, 0));
        if (timeA < timeB) {
            assets.supersede(assetB, b, a);
            vm.expectRevert(_superseded(assetB));
            assets.buyLicense(terms, INFERENCE, buyer, 0, 0);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IIPAssetRegistry.NotEarlier.selector, registry.recordId(a), timeA, timeB)
            );
            assets.supersede(assetB, b, a);
            _buy(buyer, terms, INFERENCE);
        }
    }

    function _copyOf(IProvenanceRegistry.Record memory original, address by)
        internal
        pure
        returns (IProvenanceRegistry.Record memory copy)
    {
        copy = IProvenanceRegistry.Record({
            creator: by,
            contentHash: original.contentHash,
            size: original.size,
            mediaType: original.mediaType,
            origin: original.origin,
            model: original.model,
            parents: original.parents,
            metadataHash: original.metadataHash,
            createdAt: original.createdAt
        });
    }

    /// @dev Registers `r` (signed by `key`) directly and makes it an asset of `key`'s account.
    function _assetOf(uint256 key, IProvenanceRegistry.Record memory r) internal returns (uint256 assetId) {
        RecordId id = registry.register(r, _sign(key, r));
        vm.prank(vm.addr(key));
        assetId = assets.createAsset(id, WORK);
    }

    function _leaves(IProvenanceRegistry.Record memory r) internal view returns (bytes32[] memory leaves) {
        leaves = new bytes32[](1);
        leaves[0] = RecordId.unwrap(registry.recordId(r));
    }

    function _superseded(uint256 assetId) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IIPAssetRegistry.AssetSuperseded.selector, assetId, assets.supersededBy(assetId));
    }
}
