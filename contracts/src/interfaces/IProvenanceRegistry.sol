// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {RecordId} from "../types/RecordId.sol";

/// @title Rightflow provenance registry
/// @notice Birth certificates for digital content. A record is an EIP-712 statement signed by its creator.
///         Records reach the chain in one of two ways:
///         - batch mode: anyone anchors the Merkle root of many records; each record's inclusion proof is
///           checked against the root by anyone holding only a chain RPC;
///         - direct mode: one record is written on chain after its signature and parent links are checked.
///         A batched record can later be proven on chain, so that direct records can name it as a parent.
/// @dev Merkle trees use commutative (sorted-pair) keccak256 as in OpenZeppelin's MerkleProof; the leaf is the
///      record id itself. A record id is a struct hash over more than 64 bytes of input, so it cannot be
///      confused with an inner node (whose preimage is exactly 64 bytes) without a keccak256 preimage.
interface IProvenanceRegistry {
    /// @notice How a work came to be; maps onto IPTC digital source types.
    enum Origin {
        Human,
        AI,
        AIAssisted,
        Composite
    }

    /// @notice The signed statement. EIP-712 type:
    ///         Record(address creator,bytes32 contentHash,uint64 size,string mediaType,uint8 origin,string model,bytes32[] parents,bytes32 metadataHash,uint64 createdAt)
    /// @param creator Signer of the record (EOA or ERC-1271 contract wallet).
    /// @param contentHash sha256 of the file's bytes.
    /// @param size File size in bytes.
    /// @param mediaType IANA media type, e.g. "image/png".
    /// @param origin An `Origin` value.
    /// @param model AI model id; required for AI and AIAssisted, empty for Human.
    /// @param parents Record ids of the works this one was made from, strictly ascending (at most 16).
    /// @param metadataHash sha256 of the RFC 8785 canonical JSON of the record's metadata (title, ...), or zero.
    /// @param createdAt Creator's claimed creation time, unix seconds.
    struct Record {
        address creator;
        bytes32 contentHash;
        uint64 size;
        string mediaType;
        uint8 origin;
        string model;
        bytes32[] parents;
        bytes32 metadataHash;
        uint64 createdAt;
    }

    /// @notice What the chain keeps of a record that is known on chain (registered directly or proven).
    /// @param creator The record's creator.
    /// @param timestamp The earliest time the chain has been shown the record existed: the block time of its
    ///        direct registration, or the anchor time of the earliest batch it has been proven against. Only ever
    ///        lowered (by `prove` against an earlier batch), never raised, so whoever writes a public record first
    ///        cannot make it look later than its creator's own anchor.
    /// @param origin The record's origin.
    struct OnChainRecord {
        address creator;
        uint64 timestamp;
        Origin origin;
    }

    /// @notice An anchored batch.
    /// @param anchorer The first account that submitted this root. Not necessarily whoever built the batch:
    ///        anyone who sees a root (in the mempool, say) can anchor it first. Attributes nothing.
    /// @param timestamp Block time of the first anchoring of the root: no record under it can be proven to
    ///        have existed earlier by this batch. Whoever anchors first can only make this earlier, never later.
    /// @param count The number of records the first submitter claimed; not checked (the chain never sees the
    ///        leaves) and not used by the registry. Informational only: never rely on it.
    struct Batch {
        address anchorer;
        uint64 timestamp;
        uint32 count;
    }

    /// @notice The origin value is not an `Origin`.
    error InvalidOrigin(uint8 origin);
    /// @notice AI and AIAssisted records must name a model.
    error ModelRequired(uint8 origin);
    /// @notice Human records must not name a model.
    error ModelNotAllowed();
    /// @notice The content hash is zero.
    error ZeroContentHash();
    /// @notice The signature is not the creator's over this record on this chain and registry.
    error InvalidSignature(address creator);
    /// @notice The record is already on chain.
    error RecordExists(RecordId id);
    /// @notice A parent is not known on chain (neither registered directly nor proven).
    error ParentNotFound(RecordId parent);
    /// @notice Parents must be strictly ascending (which also rules out duplicates).
    error ParentsNotSorted(uint256 index);
    /// @notice More parents than `MAX_PARENTS`.
    error TooManyParents(uint256 count, uint256 max);
    /// @notice A batch needs a non-zero root and at least one record.
    error EmptyBatch();
    /// @notice This root was anchored before.
    error BatchExists(bytes32 root);
    /// @notice No batch with this root is anchored.
    error BatchNotFound(bytes32 root);
    /// @notice The proof does not place the record under the root.
    error InvalidProof(RecordId id, bytes32 root);

    /// @notice A record became known on chain, directly or by proof of a batch.
    /// @param id The record id.
    /// @param creator The record's creator.
    /// @param contentHash sha256 of the content.
    /// @param batchRoot Zero for direct registrations; the batch root for proven records.
    /// @param record The full signed statement, so indexers need nothing but logs.
    event RecordRegistered(
        RecordId indexed id, address indexed creator, bytes32 indexed contentHash, bytes32 batchRoot, Record record
    );

    /// @notice A batch root was anchored.
    event BatchAnchored(bytes32 indexed root, address indexed anchorer, uint32 count);

    /// @notice A record already on chain was proven against a batch anchored before its stored time, which is
    ///         lowered to that batch's anchor time.
    /// @param id The record id.
    /// @param root The earlier batch.
    /// @param timestamp The record's new (earlier) stored time: the batch's anchor time.
    event RecordAnchorImproved(RecordId indexed id, bytes32 indexed root, uint64 timestamp);

    /// @notice Register one record directly, with its signature and parent links checked on chain.
    /// @dev Anyone may submit (a relayer pays the gas); the signature binds the creator. Checks run in this
    ///      order and the first failure reverts: InvalidOrigin, ModelRequired / ModelNotAllowed, ZeroContentHash,
    ///      TooManyParents, ParentsNotSorted, RecordExists, ParentNotFound, InvalidSignature. The stored
    ///      timestamp is the block time.
    /// @param signature 65-byte ECDSA signature (r, s, v; low s) by an EOA creator, or whatever the creator
    ///        contract's ERC-1271 `isValidSignature` accepts, over `recordDigest(record)`.
    /// @return id The record id.
    function register(Record calldata record, bytes calldata signature) external returns (RecordId id);

    /// @notice Anchor the Merkle root of a batch of signed records. Permissionless: the root proves only that
    ///         its records existed by this block's time; verifiers check each record's signature themselves.
    /// @dev Each root is anchored once (BatchExists after). The stored `anchorer` is the first submitter and
    ///      `count` is that submitter's unverified claim (see `Batch`): a front-runner can set both, but cannot
    ///      make the batch's time later than the first submission, which is all the registry relies on.
    function anchor(bytes32 root, uint32 count) external;

    /// @notice Make a batched record known on chain, so direct records can name it as a parent; or, for a
    ///         record already on chain, establish that it existed earlier than its stored time.
    /// @dev Permissionless. Reverts BatchNotFound, then InvalidProof. For a record not yet on chain it then runs
    ///      the checks of `register`; the stored timestamp is the batch's anchor time, and RecordRegistered
    ///      carries `root` as its batchRoot. For a record already on chain (whose signature was checked when it
    ///      was first written) it reverts RecordExists unless the batch was anchored strictly before the stored
    ///      time, which it then lowers to the batch's anchor time (RecordAnchorImproved). So however the record
    ///      first reached the chain (front-run by `register`, or a one-leaf batch of someone else's), proving it
    ///      against its earliest batch always establishes its earliest anchor time.
    /// @param proof Sibling hashes from the leaf (the record id) up to `root`, as for OpenZeppelin's MerkleProof.
    /// @return id The record id.
    function prove(Record calldata record, bytes calldata signature, bytes32 root, bytes32[] calldata proof)
        external
        returns (RecordId id);

    /// @notice Whether `proof` places record `id` under the anchored batch `root`.
    /// @dev False for a root that is not anchored. Checks inclusion only: whoever relies on the answer still
    ///      checks the record's signature (off chain, or on chain through `prove`).
    function verifyInclusion(RecordId id, bytes32 root, bytes32[] calldata proof) external view returns (bool);

    /// @notice Whether the record is known on chain (registered directly or proven).
    function exists(RecordId id) external view returns (bool);

    /// @notice The on-chain part of a record known on chain; all zero when unknown.
    function recordOf(RecordId id) external view returns (OnChainRecord memory);

    /// @notice An anchored batch; all zero when unknown.
    function batchOf(bytes32 root) external view returns (Batch memory);

    /// @notice The id of a record: its EIP-712 struct hash.
    function recordId(Record calldata record) external pure returns (RecordId);

    /// @notice The EIP-712 digest the creator signs for `record` on this chain and registry.
    function recordDigest(Record calldata record) external view returns (bytes32);
}
