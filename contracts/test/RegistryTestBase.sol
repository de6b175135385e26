// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ProvenanceRegistry} from "../src/ProvenanceRegistry.sol";
import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {Test} from "./utils/Test.sol";

/// @notice Shared fixture: a fresh registry, a creator key, and record/signature builders. Digests are computed
///         here from the EIP-712 spec rather than through the registry, so tests check the registry against it.
abstract contract RegistryTestBase is Test {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant RECORD_TYPEHASH = keccak256(
        "Record(address creator,bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt)"
    );
    /// @dev secp256k1 group order, for building high-s signatures.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    ProvenanceRegistry internal registry;
    uint256 internal creatorKey = 0xA11CE;
    address internal creator;
    uint256 internal contentNonce;

    function setUp() public virtual {
        registry = new ProvenanceRegistry();
        creator = vm.addr(creatorKey);
        vm.label(address(registry), "registry");
        vm.label(creator, "creator");
        vm.warp(1_750_000_000);
    }

    /// @dev A valid Human record with fresh content and no parents.
    function _record(address by) internal returns (IProvenanceRegistry.Record memory r) {
        r.creator = by;
        r.contentHash = keccak256(abi.encode("content", ++contentNonce));
        r.size = 48_213;
        r.mediaType = "image/png";
        r.origin = uint8(IProvenanceRegistry.Origin.Human);
        r.metadataHash = keccak256("metadata");
        r.createdAt = 1_749_999_000;
    }

    function _structHash(IProvenanceRegistry.Record memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                RECORD_TYPEHASH,
                r.creator,
                r.contentHash,
                r.size,
                keccak256(bytes(r.mediaType)),
                r.origin,
                keccak256(bytes(r.model)),
                keccak256(abi.encodePacked(r.parents)),
                r.metadataHash,
                r.createdAt
            )
        );
    }

    function _id(IProvenanceRegistry.Record memory r) internal pure returns (RecordId) {
        return RecordId.wrap(_structHash(r));
    }

    function _digest(IProvenanceRegistry.Record memory r, uint256 chainId, address verifyingContract)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Rightflow Provenance"), keccak256("1"), chainId, verifyingContract)
        );
        return keccak256(abi.encodePacked(hex"1901", domain, _structHash(r)));
    }

    function _signDigest(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The creator's signature for this chain and the registry under test.
    function _sign(uint256 key, IProvenanceRegistry.Record memory r) internal view returns (bytes memory) {
        return _signDigest(key, _digest(r, block.chainid, address(registry)));
    }

    function _register(IProvenanceRegistry.Record memory r) internal returns (RecordId) {
        return registry.register(r, _sign(creatorKey, r));
    }

    /// @dev Registers `n` parentless records and returns their ids in ascending order.
    function _registerParents(uint256 n) internal returns (bytes32[] memory ids) {
        ids = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = RecordId.unwrap(_register(_record(creator)));
        }
        _sort(ids);
    }

    function _sort(bytes32[] memory a) internal pure {
        for (uint256 i = 1; i < a.length; ++i) {
            bytes32 x = a[i];
            uint256 j = i;
            for (; j > 0 && a[j - 1] > x; --j) {
                a[j] = a[j - 1];
            }
            a[j] = x;
        }
    }

    function _assertStored(RecordId id, address by, uint64 timestamp, IProvenanceRegistry.Origin origin) internal view {
        IProvenanceRegistry.OnChainRecord memory stored = registry.recordOf(id);
        assertTrue(registry.exists(id), "exists");
        assertEq(stored.creator, by, "creator");
        assertEq(stored.timestamp, timestamp, "timestamp");
        assertEq(uint8(stored.origin), uint8(origin), "origin");
    }
}
