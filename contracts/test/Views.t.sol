// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ProvenanceRegistry} from "../src/ProvenanceRegistry.sol";
import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Views and hashing. The vectors were computed with viem (`hashStruct` / `hashTypedData`), so they pin
///         the registry to the same EIP-712 encoding the TypeScript SDK uses.
contract ViewsTest is RegistryTestBase {
    bytes32 internal constant VECTOR_ID = 0xca939264741228ad30a125112015b2df2ae8cea37639b9d50d16663051740ee5;
    /// @dev Digest of the vector record for chain 1 and verifying contract 0x1111…1111.
    bytes32 internal constant VECTOR_DIGEST = 0x1ec1420cfbf0624a82dbfaf9bb1d4111f1968a1a17e8ea36f90d60912076b794;

    function _vector() internal pure returns (IProvenanceRegistry.Record memory r) {
        r.creator = 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf;
        r.contentHash = 0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824; // sha256("hello")
        r.size = 5;
        r.mediaType = "text/plain";
        r.origin = uint8(IProvenanceRegistry.Origin.AIAssisted);
        r.model = "gpt-image-1";
        r.parents = new bytes32[](2);
        r.parents[0] = 0x1111111111111111111111111111111111111111111111111111111111111111;
        r.parents[1] = 0x2222222222222222222222222222222222222222222222222222222222222222;
        r.metadataHash = 0x3333333333333333333333333333333333333333333333333333333333333333;
        r.createdAt = 1_700_000_000;
    }

    function test_recordId_matchesViemVector() public view {
        assertEq(RecordId.unwrap(registry.recordId(_vector())), VECTOR_ID);
        assertEq(RecordId.unwrap(_id(_vector())), VECTOR_ID, "test helper agrees");
    }

    function test_recordDigest_matchesViemVector() public {
        address verifyingContract = 0x1111111111111111111111111111111111111111;
        // Run the registry's code at the vector's address on chain 1; EIP712 rebuilds its domain for both.
        vm.etch(verifyingContract, address(registry).code);
        vm.chainId(1);
        assertEq(ProvenanceRegistry(verifyingContract).recordDigest(_vector()), VECTOR_DIGEST);
    }

    function test_recordDigest_matchesSpecOnThisChain() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        assertEq(registry.recordDigest(r), _digest(r, block.chainid, address(registry)));
    }

    function test_recordDigest_followsChainId() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        vm.chainId(10);
        assertEq(registry.recordDigest(r), _digest(r, 10, address(registry)));
    }

    function test_recordTypehash_matchesTypeString() public view {
        assertEq(registry.RECORD_TYPEHASH(), RECORD_TYPEHASH);
        assertEq(registry.MAX_PARENTS(), 16);
    }

    function test_eip712Domain_namesRightflowProvenanceV1() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            registry.eip712Domain();
        assertEq(name, "Rightflow Provenance");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(registry));
    }

    function test_exists_falseForUnknown() public view {
        assertFalse(registry.exists(RecordId.wrap(keccak256("unknown"))));
    }

    function test_recordOf_zeroForUnknown() public view {
        IProvenanceRegistry.OnChainRecord memory r = registry.recordOf(RecordId.wrap(keccak256("unknown")));
        assertEq(r.creator, address(0));
        assertEq(r.timestamp, 0);
        assertEq(uint8(r.origin), 0);
    }

    function test_batchOf_zeroForUnknown() public view {
        IProvenanceRegistry.Batch memory b = registry.batchOf(keccak256("unknown"));
        assertEq(b.anchorer, address(0));
        assertEq(b.timestamp, 0);
        assertEq(b.count, 0);
    }

    function test_recordOf_keepsOriginAndCreator() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        (r.origin, r.model) = (uint8(IProvenanceRegistry.Origin.AIAssisted), "gpt-image-1");
        _assertStored(_register(r), creator, uint64(block.timestamp), IProvenanceRegistry.Origin.AIAssisted);
    }
}
