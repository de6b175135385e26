// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {Merkle} from "./utils/Merkle.sol";

/// @notice Batch mode: `anchor`, `verifyInclusion` and `prove`.
contract BatchTest is RegistryTestBase {
    uint256 internal constant BATCH_SIZE = 5;

    IProvenanceRegistry.Record[] internal batch;
    bytes32[] internal leaves;
    bytes32 internal root;
    uint64 internal anchoredAt;

    /// @dev Anchors a batch of BATCH_SIZE signed records (the last one AI-generated), then moves time on so
    ///      proven records visibly take the anchor time rather than the proving time.
    function setUp() public override {
        super.setUp();
        for (uint256 i; i < BATCH_SIZE; ++i) {
            IProvenanceRegistry.Record memory r = _record(creator);
            if (i == BATCH_SIZE - 1) (r.origin, r.model) = (uint8(IProvenanceRegistry.Origin.AI), "sdxl");
            batch.push(r);
            leaves.push(RecordId.unwrap(_id(r)));
        }
        root = Merkle.root(leaves);
        registry.anchor(root, uint32(BATCH_SIZE));
        anchoredAt = uint64(block.timestamp);
        vm.warp(block.timestamp + 3 days);
    }

    function test_anchor_storesBatchAndEmits() public {
        bytes32 newRoot = keccak256("root");
        address anchorer = makeAddr("anchorer");
        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.BatchAnchored(newRoot, anchorer, 1000);
        vm.prank(anchorer); // permissionless
        registry.anchor(newRoot, 1000);
        IProvenanceRegistry.Batch memory stored = registry.batchOf(newRoot);
        assertEq(stored.anchorer, anchorer, "anchorer");
        assertEq(stored.timestamp, block.timestamp, "timestamp");
        assertEq(stored.count, 1000, "count");
    }

    function test_anchor_revertsEmptyBatchForZeroRoot() public {
        vm.expectRevert(IProvenanceRegistry.EmptyBatch.selector);
        registry.anchor(bytes32(0), 1);
    }

    function test_anchor_revertsEmptyBatchForZeroCount() public {
        vm.expectRevert(IProvenanceRegistry.EmptyBatch.selector);
        registry.anchor(keccak256("root"), 0);
    }

    function test_anchor_revertsBatchExists() public {
        vm.prank(makeAddr("late anchorer"));
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.BatchExists.selector, root));
        registry.anchor(root, 7);
        assertEq(registry.batchOf(root).timestamp, anchoredAt, "first anchoring kept");
        assertEq(registry.batchOf(root).count, BATCH_SIZE, "first count kept");
    }

    function test_verifyInclusion_trueForEveryMember() public view {
        for (uint256 i; i < BATCH_SIZE; ++i) {
            assertTrue(registry.verifyInclusion(RecordId.wrap(leaves[i]), root, Merkle.proof(leaves, i)));
        }
    }

    function test_verifyInclusion_falseForNonMemberOrWrongProof() public view {
        RecordId stranger = RecordId.wrap(keccak256("stranger"));
        assertFalse(registry.verifyInclusion(stranger, root, Merkle.proof(leaves, 0)), "non-member");
        assertFalse(registry.verifyInclusion(RecordId.wrap(leaves[0]), root, Merkle.proof(leaves, 1)), "wrong proof");
    }

    function test_verifyInclusion_falseForRootNotAnchored() public view {
        bytes32[] memory others = new bytes32[](2);
        (others[0], others[1]) = (leaves[0], keccak256("other"));
        assertFalse(registry.verifyInclusion(RecordId.wrap(leaves[0]), Merkle.root(others), Merkle.proof(others, 0)));
    }

    function test_prove_storesAnchorTimeAndEmitsWithRoot() public {
        IProvenanceRegistry.Record memory r = batch[2];
        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordRegistered(_id(r), creator, r.contentHash, root, r);
        RecordId id = registry.prove(r, _sign(creatorKey, r), root, Merkle.proof(leaves, 2));
        _assertStored(id, creator, anchoredAt, IProvenanceRegistry.Origin.Human);
    }

    function test_prove_singleRecordBatchHasRootEqualToId() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes32 single = RecordId.unwrap(_id(r));
        registry.anchor(single, 1);
        RecordId id = registry.prove(r, _sign(creatorKey, r), single, new bytes32[](0));
        _assertStored(id, creator, uint64(block.timestamp), IProvenanceRegistry.Origin.Human);
    }

    function test_prove_thenUseAsParentOfDirectRecord() public {
        IProvenanceRegistry.Record memory batched = batch[BATCH_SIZE - 1];
        RecordId parent = registry.prove(batched, _sign(creatorKey, batched), root, Merkle.proof(leaves, 4));
        _assertStored(parent, creator, anchoredAt, IProvenanceRegistry.Origin.AI);

        IProvenanceRegistry.Record memory child = _record(creator);
        child.origin = uint8(IProvenanceRegistry.Origin.Composite);
        child.parents = new bytes32[](1);
        child.parents[0] = RecordId.unwrap(parent);
        RecordId id = _register(child);
        _assertStored(id, creator, uint64(block.timestamp), IProvenanceRegistry.Origin.Composite);
    }

    function test_prove_revertsBatchNotFound() public {
        IProvenanceRegistry.Record memory r = batch[0];
        bytes32 unknown = keccak256("unknown root");
        bytes memory signature = _sign(creatorKey, r);
        bytes32[] memory proof = Merkle.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.BatchNotFound.selector, unknown));
        registry.prove(r, signature, unknown, proof);
    }

    function test_prove_revertsInvalidProof() public {
        IProvenanceRegistry.Record memory r = batch[0];
        bytes memory signature = _sign(creatorKey, r);
        bytes32[] memory wrong = Merkle.proof(leaves, 3);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidProof.selector, _id(r), root));
        registry.prove(r, signature, root, wrong);
    }

    function test_prove_revertsInvalidProofForRecordOutsideBatch() public {
        IProvenanceRegistry.Record memory outsider = _record(creator);
        bytes memory signature = _sign(creatorKey, outsider);
        bytes32[] memory proof = Merkle.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidProof.selector, _id(outsider), root));
        registry.prove(outsider, signature, root, proof);
    }

    function test_prove_revertsRecordExists() public {
        IProvenanceRegistry.Record memory r = batch[1];
        bytes memory signature = _sign(creatorKey, r);
        bytes32[] memory proof = Merkle.proof(leaves, 1);
        RecordId id = registry.prove(r, signature, root, proof);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id));
        registry.prove(r, signature, root, proof);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id));
        registry.register(r, signature);
    }

    function test_prove_revertsInvalidSignature() public {
        IProvenanceRegistry.Record memory r = batch[0];
        bytes memory forged = _sign(0xB0B, r);
        bytes32[] memory proof = Merkle.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidSignature.selector, creator));
        registry.prove(r, forged, root, proof);
    }

    /// @dev A batch may hold records that break the on-chain rules (anchoring checks nothing); `prove` applies
    ///      the same rules as `register`, here a parent that is not on chain.
    function test_prove_revertsParentNotFound() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.parents = new bytes32[](1);
        r.parents[0] = keccak256("offchain parent");
        bytes32 single = RecordId.unwrap(_id(r));
        registry.anchor(single, 1);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ParentNotFound.selector, r.parents[0]));
        registry.prove(r, signature, single, new bytes32[](0));
    }

    function test_prove_revertsModelRequired() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.origin = uint8(IProvenanceRegistry.Origin.AIAssisted);
        bytes32 single = RecordId.unwrap(_id(r));
        registry.anchor(single, 1);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ModelRequired.selector, r.origin));
        registry.prove(r, signature, single, new bytes32[](0));
    }
}
