// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IProvenanceRegistry} from "./interfaces/IProvenanceRegistry.sol";
import {RecordId} from "./types/RecordId.sol";

/// @title Rightflow provenance registry
/// @notice See {IProvenanceRegistry}. Immutable and ownerless: no admin, no upgrade, no pause, no fees.
/// @dev Takes no constructor arguments so that it deploys to the same address on every chain through the
///      deterministic CREATE2 deployer. `register` and `prove` both funnel into `_accept`, so every rule a
///      record must satisfy is enforced in exactly one place.
///
///      No record can ever be its own ancestor: a record's id is a hash over its parent list, and each parent
///      must already be on chain when the record is accepted. A cycle would need a record to name an id that
///      is only created later (its own id, or a descendant's), which `ParentNotFound` rejects; finding two
///      records that name each other would need a keccak256 preimage.
contract ProvenanceRegistry is IProvenanceRegistry, EIP712 {
    /// @notice EIP-712 type hash of `Record`.
    bytes32 public constant RECORD_TYPEHASH = keccak256(
        "Record(address creator,bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt)"
    );

    /// @notice Maximum number of parents of one record; bounds the gas of `register` and `prove`.
    uint256 public constant MAX_PARENTS = 16;

    /// @dev One slot per record known on chain. `creator` is never zero for a stored record (no signature
    ///      recovers to the zero address and the zero address has no code), so it doubles as the existence flag.
    mapping(RecordId id => OnChainRecord) private _records;

    /// @dev One slot per anchored batch. `count` is never zero for an anchored batch (`EmptyBatch`), so it
    ///      doubles as the existence flag.
    mapping(bytes32 root => Batch) private _batches;

    constructor() EIP712("Rightflow Provenance", "1") {}

    /// @inheritdoc IProvenanceRegistry
    function register(Record calldata record, bytes calldata signature) external returns (RecordId id) {
        id = _recordId(record);
        _accept(record, id, signature, bytes32(0), uint64(block.timestamp));
    }

    /// @inheritdoc IProvenanceRegistry
    function anchor(bytes32 root, uint32 count) external {
        if (root == bytes32(0) || count == 0) revert EmptyBatch();
        if (_batches[root].count != 0) revert BatchExists(root);
        _batches[root] = Batch({anchorer: msg.sender, timestamp: uint64(block.timestamp), count: count});
        emit BatchAnchored(root, msg.sender, count);
    }

    /// @inheritdoc IProvenanceRegistry
    function prove(Record calldata record, bytes calldata signature, bytes32 root, bytes32[] calldata proof)
        external
        returns (RecordId id)
    {
        Batch storage batch = _batches[root];
        if (batch.count == 0) revert BatchNotFound(root);
        id = _recordId(record);
        if (!MerkleProof.verifyCalldata(proof, root, RecordId.unwrap(id))) revert InvalidProof(id, root);
        // The record existed when its batch was anchored, so that is its on-chain time.
        uint64 anchoredAt = batch.timestamp;
        OnChainRecord storage stored = _records[id];
        if (stored.creator == address(0)) {
            _accept(record, id, signature, root, anchoredAt);
        } else {
            // Already on chain, perhaps written first by someone else (a front-run `register`, or a one-leaf
            // batch of their own): an earlier batch still proves the earlier time. The signature was checked
            // when the record was first written and the id binds every field, so none is needed again.
            if (anchoredAt >= stored.timestamp) revert RecordExists(id);
            stored.timestamp = anchoredAt;
            emit RecordAnchorImproved(id, root, anchoredAt);
        }
    }

    /// @inheritdoc IProvenanceRegistry
    function verifyInclusion(RecordId id, bytes32 root, bytes32[] calldata proof) external view returns (bool) {
        return _batches[root].count != 0 && MerkleProof.verifyCalldata(proof, root, RecordId.unwrap(id));
    }

    /// @inheritdoc IProvenanceRegistry
    function exists(RecordId id) external view returns (bool) {
        return _records[id].creator != address(0);
    }

    /// @inheritdoc IProvenanceRegistry
    function recordOf(RecordId id) external view returns (OnChainRecord memory) {
        return _records[id];
    }

    /// @inheritdoc IProvenanceRegistry
    function batchOf(bytes32 root) external view returns (Batch memory) {
        return _batches[root];
    }

    /// @inheritdoc IProvenanceRegistry
    function recordId(Record calldata record) external pure returns (RecordId) {
        return _recordId(record);
    }

    /// @inheritdoc IProvenanceRegistry
    function recordDigest(Record calldata record) external view returns (bytes32) {
        return _hashTypedDataV4(RecordId.unwrap(_recordId(record)));
    }

    /// @dev The single path that writes a record; `id` must be `_recordId(record)` (callers compute it once,
    ///      `prove` needs it first for the proof). Order: pure checks, then storage reads, then the signature
    ///      check, then the write and the event. The signature check may call the creator's ERC-1271 wallet,
    ///      but only by staticcall, so it cannot re-enter or change state before the write.
    function _accept(Record calldata record, RecordId id, bytes calldata signature, bytes32 batchRoot, uint64 timestamp)
        private
    {
        _checkFields(record);
        if (_records[id].creator != address(0)) revert RecordExists(id);
        bytes32[] calldata parents = record.parents;
        for (uint256 i; i < parents.length; ++i) {
            RecordId parent = RecordId.wrap(parents[i]);
            if (_records[parent].creator == address(0)) revert ParentNotFound(parent);
        }
        address creator = record.creator;
        // The digest binds chain id and this contract's address, so a signature cannot be replayed elsewhere.
        // SignatureChecker rejects malleable (high-s) ECDSA signatures.
        if (!SignatureChecker.isValidSignatureNowCalldata(creator, _hashTypedDataV4(RecordId.unwrap(id)), signature)) {
            revert InvalidSignature(creator);
        }
        _records[id] = OnChainRecord({creator: creator, timestamp: timestamp, origin: Origin(record.origin)});
        emit RecordRegistered(id, creator, record.contentHash, batchRoot, record);
    }

    /// @dev Checks that need nothing but the record itself.
    function _checkFields(Record calldata record) private pure {
        uint8 origin = record.origin;
        if (origin > uint8(type(Origin).max)) revert InvalidOrigin(origin);
        bool hasModel = bytes(record.model).length != 0;
        if (origin == uint8(Origin.Human)) {
            if (hasModel) revert ModelNotAllowed();
        } else if (origin != uint8(Origin.Composite) && !hasModel) {
            revert ModelRequired(origin);
        }
        if (record.contentHash == bytes32(0)) revert ZeroContentHash();
        bytes32[] calldata parents = record.parents;
        if (parents.length > MAX_PARENTS) revert TooManyParents(parents.length, MAX_PARENTS);
        // Strictly ascending: one canonical order per parent set (the id hashes the list), and no duplicates.
        for (uint256 i = 1; i < parents.length; ++i) {
            if (parents[i] <= parents[i - 1]) revert ParentsNotSorted(i);
        }
    }

    /// @dev EIP-712 struct hash of `record`: `hashStruct` with strings and the array hashed as EIP-712 requires.
    function _recordId(Record calldata record) private pure returns (RecordId) {
        return RecordId.wrap(
            keccak256(
                abi.encode(
                    RECORD_TYPEHASH,
                    record.creator,
                    record.contentHash,
                    record.size,
                    keccak256(bytes(record.mediaType)),
                    record.origin,
                    keccak256(bytes(record.model)),
                    keccak256(abi.encodePacked(record.parents)),
                    record.metadataHash,
                    record.createdAt
                )
            )
        );
    }
}
