// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {Merkle} from "./utils/Merkle.sol";

/// @notice Property tests over random inputs.
contract FuzzTest is RegistryTestBase {
    /// @dev Candidate parents, registered in setUp so fuzzed records can link to any subset of them.
    bytes32[] internal onChain;

    function setUp() public override {
        super.setUp();
        onChain = _registerParents(4);
    }

    /// @dev Trees of 1..40 random leaves: every leaf's proof verifies against the anchored root, and a value
    ///      outside the set fails with any member's proof.
    function testFuzz_merkle_verifiesEveryLeafAndRejectsNonMember(uint256 seed, uint256 count, bytes32 nonMember)
        public
    {
        count = bound(count, 1, 40);
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            leaves[i] = keccak256(abi.encode(seed, i));
            vm.assume(leaves[i] != nonMember);
        }
        bytes32 root = Merkle.root(leaves);
        registry.anchor(root, uint32(count));
        for (uint256 i; i < count; ++i) {
            bytes32[] memory proof = Merkle.proof(leaves, i);
            assertTrue(registry.verifyInclusion(RecordId.wrap(leaves[i]), root, proof), "member");
            assertFalse(registry.verifyInclusion(RecordId.wrap(nonMember), root, proof), "non-member");
        }
    }

    /// @dev Any record that satisfies the rules registers, under its struct hash, with the creator, origin and
    ///      block time stored and the full record emitted. Fuzzed fields are repaired to satisfy the rules.
    function testFuzz_register_roundTrip(
        IProvenanceRegistry.Record memory r,
        uint256 key,
        uint8 parentMask,
        uint64 timestamp
    ) public {
        key = bound(key, 1, SECP256K1_N - 1);
        r.creator = vm.addr(key);
        if (r.contentHash == bytes32(0)) r.contentHash = bytes32(uint256(1));
        r.origin = uint8(bound(r.origin, 0, 3));
        if (r.origin == uint8(IProvenanceRegistry.Origin.Human)) r.model = "";
        else if (r.origin != uint8(IProvenanceRegistry.Origin.Composite) && bytes(r.model).length == 0) r.model = "m";
        r.parents = _subset(parentMask);
        timestamp = uint64(bound(timestamp, 1, type(uint64).max));
        vm.warp(timestamp);

        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordRegistered(_id(r), r.creator, r.contentHash, bytes32(0), r);
        RecordId id = registry.register(r, _signDigest(key, _digest(r, block.chainid, address(registry))));
        assertEq(RecordId.unwrap(id), RecordId.unwrap(registry.recordId(r)), "id");
        _assertStored(id, r.creator, timestamp, IProvenanceRegistry.Origin(r.origin));
    }

    function testFuzz_register_revertsInvalidOrigin(uint8 origin) public {
        origin = uint8(bound(origin, 4, type(uint8).max));
        IProvenanceRegistry.Record memory r = _record(creator);
        r.origin = origin;
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidOrigin.selector, origin));
        registry.register(r, signature);
    }

    /// @dev Swapping parents i < j of a sorted list puts the larger one at i, so the order breaks at i + 1.
    function testFuzz_register_revertsUnsortedParents(uint256 i, uint256 j) public {
        i = bound(i, 0, onChain.length - 2);
        j = bound(j, i + 1, onChain.length - 1);
        IProvenanceRegistry.Record memory r = _record(creator);
        r.parents = _subset(type(uint8).max);
        (r.parents[i], r.parents[j]) = (r.parents[j], r.parents[i]);
        bytes memory signature = _sign(creatorKey, r);
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.ParentsNotSorted.selector, i + 1));
        registry.register(r, signature);
    }

    /// @dev The on-chain parents selected by the low bits of `mask`, in ascending order.
    function _subset(uint8 mask) internal view returns (bytes32[] memory parents) {
        parents = new bytes32[](onChain.length);
        uint256 n;
        for (uint256 i; i < onChain.length; ++i) {
            if (mask & (1 << i) != 0) parents[n++] = onChain[i];
        }
        assembly ("memory-safe") {
            mstore(parents, n)
        }
    }
}
