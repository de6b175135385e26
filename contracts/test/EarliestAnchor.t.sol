// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {Merkle} from "./utils/Merkle.sol";

/// @notice The earliest anchor wins: whoever writes a public batched record on chain first (by `register`, or by
///         a one-leaf batch of their own) cannot make it look later than its creator's batch.
contract EarliestAnchorTest is RegistryTestBase {
    address internal attacker = makeAddr("attacker");
    IProvenanceRegistry.Record internal published;
    bytes internal publishedSignature;
    bytes32[] internal leaves;
    bytes32 internal creatorRoot;
    uint64 internal anchoredAt;

    /// @dev The creator anchors a batch of three records; the record and its signature are public (the server
    ///      hands both out), and three days pass before anyone writes it on chain.
    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 3; ++i) {
            IProvenanceRegistry.Record memory r = _record(creator);
            if (i == 1) (published, publishedSignature) = (r, _sign(creatorKey, r));
            leaves.push(RecordId.unwrap(_id(r)));
        }
        creatorRoot = Merkle.root(leaves);
        registry.anchor(creatorRoot, 3);
        anchoredAt = uint64(block.timestamp);
        vm.warp(block.timestamp + 3 days);
    }

    function test_prove_frontRunByRegisterCannotMakeRecordLater() public {
        vm.prank(attacker);
        RecordId id = registry.register(published, publishedSignature);
        assertEq(registry.recordOf(id).timestamp, anchoredAt + 3 days, "front-runner's time stored first");

        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordAnchorImproved(id, creatorRoot, anchoredAt);
        registry.prove(published, publishedSignature, creatorRoot, Merkle.proof(leaves, 1));
        _assertStored(id, creator, anchoredAt, IProvenanceRegistry.Origin.Human);
    }

    function test_prove_frontRunByOneLeafBatchCannotMakeRecordLater() public {
        bytes32 single = RecordId.unwrap(_id(published));
        vm.startPrank(attacker);
        registry.anchor(single, 1);
        RecordId id = registry.prove(published, publishedSignature, single, new bytes32[](0));
        vm.stopPrank();
        assertEq(registry.recordOf(id).timestamp, anchoredAt + 3 days, "front-runner's batch stored first");

        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordAnchorImproved(id, creatorRoot, anchoredAt);
        registry.prove(published, publishedSignature, creatorRoot, Merkle.proof(leaves, 1));
        _assertStored(id, creator, anchoredAt, IProvenanceRegistry.Origin.Human);
    }

    /// @dev A later batch never moves the stored time: the earliest proof stands, whatever is proven after.
    function test_prove_revertsRecordExistsForLaterBatch() public {
        RecordId id = registry.prove(published, publishedSignature, creatorRoot, Merkle.proof(leaves, 1));
        bytes32 single = RecordId.unwrap(id);
        registry.anchor(single, 1);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id));
        registry.prove(published, publishedSignature, single, new bytes32[](0));
        assertEq(registry.recordOf(id).timestamp, anchoredAt, "earliest time kept");
    }

    /// @dev Improving needs no signature (the record's was checked when it was first written): anyone holding
    ///      the proof can establish the earlier time, with any bytes in the signature slot.
    function test_prove_improvesWithoutSignatureForRecordOnChain() public {
        RecordId id = registry.register(published, publishedSignature);
        registry.prove(published, "", creatorRoot, Merkle.proof(leaves, 1));
        assertEq(registry.recordOf(id).timestamp, anchoredAt, "improved");
    }

    /// @dev A record that is not on chain still needs its creator's signature to be proven.
    function test_prove_revertsInvalidSignatureForRecordNotOnChain() public {
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidSignature.selector, creator));
        registry.prove(published, "", creatorRoot, Merkle.proof(leaves, 1));
    }

    /// @dev Whatever the order of a one-leaf batch, a direct registration and proofs, at random later times, the
    ///      stored time never falls below the earliest anchor, writes that would not lower it revert RecordExists,
    ///      and the creator's proof always ends with the earliest anchor stored.
    function testFuzz_prove_storedTimeIsEarliestAnchor(uint32[3] memory gaps, uint8 order) public {
        RecordId id = _id(published);
        bytes32 single = RecordId.unwrap(id);
        for (uint256 step; step < 3; ++step) {
            vm.warp(block.timestamp + bound(gaps[step], 0, 30 days));
            uint256 action = (uint256(order) >> (2 * step)) % 3;
            if (action == 0 && registry.batchOf(single).count == 0) {
                registry.anchor(single, 1);
            } else if (action == 1 && !registry.exists(id)) {
                registry.register(published, publishedSignature);
            } else {
                bool useSingle = registry.batchOf(single).count != 0 && action != 2;
                bytes32 root = useSingle ? single : creatorRoot;
                bytes32[] memory proof = useSingle ? new bytes32[](0) : Merkle.proof(leaves, 1);
                if (registry.exists(id) && registry.batchOf(root).timestamp >= registry.recordOf(id).timestamp) {
                    vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id));
                }
                registry.prove(published, publishedSignature, root, proof);
            }
            if (registry.exists(id)) assertLe(anchoredAt, registry.recordOf(id).timestamp, "never below an anchor");
        }
        if (!registry.exists(id) || registry.recordOf(id).timestamp != anchoredAt) {
            registry.prove(published, publishedSignature, creatorRoot, Merkle.proof(leaves, 1));
        }
        assertEq(registry.recordOf(id).timestamp, anchoredAt, "earliest anchor stored");
    }
}
