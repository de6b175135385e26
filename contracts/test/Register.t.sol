// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice `register`: what it stores and emits, and each field and parent rule. Signatures: RegisterSignature.t.sol.
contract RegisterTest is RegistryTestBase {
    function test_register_storesRecordAndEmitsFullRecord() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        RecordId expected = _id(r);
        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordRegistered(expected, creator, r.contentHash, bytes32(0), r);
        RecordId id = _register(r);
        assertEq(RecordId.unwrap(id), RecordId.unwrap(expected), "id is the EIP-712 struct hash");
        _assertStored(id, creator, uint64(block.timestamp), IProvenanceRegistry.Origin.Human);
    }

    function test_register_acceptsSortedParentsOnChain() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.parents = _registerParents(2);
        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordRegistered(_id(r), creator, r.contentHash, bytes32(0), r);
        RecordId id = _register(r);
        _assertStored(id, creator, uint64(block.timestamp), IProvenanceRegistry.Origin.Human);
    }

    function test_register_acceptsMaxParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.parents = _registerParents(registry.MAX_PARENTS());
        assertTrue(registry.exists(_register(r)));
    }

    function test_register_anyoneCanRelay() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes memory signature = _sign(creatorKey, r);
        vm.prank(makeAddr("relayer"));
        RecordId id = registry.register(r, signature);
        assertEq(registry.recordOf(id).creator, creator, "creator is the signer, not the relayer");
    }

    function test_register_revertsInvalidOrigin() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.origin = 4;
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidOrigin.selector, uint8(4)));
        registry.register(r, signature);
    }

    function test_register_revertsModelRequiredForAI() public {
        _expectModelRequired(IProvenanceRegistry.Origin.AI);
    }

    function test_register_revertsModelRequiredForAIAssisted() public {
        _expectModelRequired(IProvenanceRegistry.Origin.AIAssisted);
    }

    function test_register_acceptsModelForAIAndAIAssisted() public {
        for (uint8 origin = 1; origin <= 2; ++origin) {
            IProvenanceRegistry.Record memory r = _record(creator);
            r.origin = origin;
            r.model = "flux-1.1-pro";
            _assertStored(_register(r), creator, uint64(block.timestamp), IProvenanceRegistry.Origin(origin));
        }
    }

    function test_register_revertsModelNotAllowedForHuman() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.model = "gpt-image-1";
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(IProvenanceRegistry.ModelNotAllowed.selector);
        registry.register(r, signature);
    }

    function test_register_compositeModelIsOptional() public {
        IProvenanceRegistry.Record memory withModel = _record(creator);
        withModel.origin = uint8(IProvenanceRegistry.Origin.Composite);
        withModel.model = "sdxl";
        IProvenanceRegistry.Record memory withoutModel = _record(creator);
        withoutModel.origin = uint8(IProvenanceRegistry.Origin.Composite);
        assertTrue(registry.exists(_register(withModel)), "with model");
        assertTrue(registry.exists(_register(withoutModel)), "without model");
    }

    function test_register_revertsZeroContentHash() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.contentHash = bytes32(0);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(IProvenanceRegistry.ZeroContentHash.selector);
        registry.register(r, signature);
    }

    function test_register_revertsTooManyParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.parents = _registerParents(17);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.TooManyParents.selector, 17, 16));
        registry.register(r, signature);
    }

    function test_register_revertsUnsortedParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes32[] memory parents = _registerParents(3);
        (parents[1], parents[2]) = (parents[2], parents[1]);
        r.parents = parents;
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ParentsNotSorted.selector, 2));
        registry.register(r, signature);
    }

    function test_register_revertsDuplicateParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes32[] memory parents = _registerParents(2);
        parents[1] = parents[0];
        r.parents = parents;
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ParentsNotSorted.selector, 1));
        registry.register(r, signature);
    }

    function test_register_revertsParentNotFound() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes32[] memory parents = _registerParents(1);
        bytes32 unknown = bytes32(type(uint256).max); // sorts last
        r.parents = new bytes32[](2);
        (r.parents[0], r.parents[1]) = (parents[0], unknown);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ParentNotFound.selector, unknown));
        registry.register(r, signature);
    }

    /// @dev A record cannot be its own ancestor. It cannot name its own id (that id is a hash over its parent
    ///      list, so it is a fixed point nobody can compute); the closest attempt is to name the id of its
    ///      parent-less self, which is not on chain yet, as is any id only created later.
    function test_register_revertsParentNotFoundForIdNotYetOnChain() public {
        IProvenanceRegistry.Record memory original = _record(creator);
        RecordId ownId = _id(original);
        IProvenanceRegistry.Record memory selfChild = _record(creator);
        selfChild.contentHash = original.contentHash;
        selfChild.parents = new bytes32[](1);
        selfChild.parents[0] = RecordId.unwrap(ownId);
        bytes memory signature = _sign(creatorKey, selfChild);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ParentNotFound.selector, ownId));
        registry.register(selfChild, signature);

        // Once the parent is on chain the same child is accepted: links only ever point to older records.
        _register(original);
        assertTrue(registry.exists(registry.register(selfChild, signature)));
    }

    function test_register_revertsRecordExists() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes memory signature = _sign(creatorKey, r);
        RecordId id = registry.register(r, signature);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id));
        registry.register(r, signature);
        assertEq(registry.recordOf(id).timestamp, uint64(block.timestamp - 1 days), "first timestamp kept");
    }

    function _expectModelRequired(IProvenanceRegistry.Origin origin) private {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.origin = uint8(origin);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ModelRequired.selector, uint8(origin)));
        registry.register(r, signature);
    }
}
