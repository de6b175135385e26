// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ProvenanceRegistry} from "../../src/ProvenanceRegistry.sol";
import {IProvenanceRegistry} from "../../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../../src/types/RecordId.sol";
import {Cheats} from "../utils/Cheats.sol";
import {Merkle} from "../utils/Merkle.sol";

/// @notice Drives the registry through valid flows (direct records, batches, proofs) and hostile ones
///         (replays, re-anchoring), and keeps a ghost copy of everything the registry should have stored.
///         Valid actions must never revert (the suite runs with fail_on_revert), hostile ones must.
contract RegistryHandler is Cheats {
    uint256 internal constant KEYS = 4;
    uint256 internal constant MAX_BATCH = 6;

    ProvenanceRegistry public immutable registry;

    /// Ghost state: every record and batch written, and what it was written as.
    RecordId[] public ids;
    mapping(RecordId id => IProvenanceRegistry.OnChainRecord) internal _ghostRecords;
    bytes32[] public roots;
    mapping(bytes32 root => IProvenanceRegistry.Batch) internal _ghostBatches;

    /// Every inclusion proof ever built, and the batched records not yet proven (indexes into the proofs).
    RecordId[] public keptIds;
    bytes32[] public keptRoots;
    mapping(uint256 index => bytes32[]) internal _keptProofs;
    uint256[] internal _unproven;

    /// abi.encode(record, key) of every record built, to sign it again for `prove` and replays.
    mapping(RecordId id => bytes) internal _signed;

    /// The earliest anchor time of a batch each record has been proven against (zero: never proven).
    mapping(RecordId id => uint64) public earliestProvenBatch;

    uint256 public registered;
    uint256 public anchored;
    uint256 public proven;
    uint256 public frontRuns;
    uint256 public improved;
    uint256 public replaysRejected;
    uint256 public reanchorsRejected;
    uint256 internal _nonce;

    constructor(ProvenanceRegistry registry_) {
        registry = registry_;
    }

    // ---- actions -------------------------------------------------------------------------------------------

    function registerDirect(uint256 keySeed, uint256 seed, uint32 dt) external {
        _passTime(dt);
        (IProvenanceRegistry.Record memory r, uint256 key) = _newRecord(keySeed, seed);
        RecordId id = registry.register(r, _sign(key, r));
        _remember(id, r.creator, uint64(block.timestamp), r.origin);
        ++registered;
    }

    function anchorBatch(uint256 keySeed, uint256 seed, uint32 dt) external {
        _passTime(dt);
        _anchorBatch(keySeed, seed, msg.sender);
    }

    /// @dev Proves a batched record; when none is waiting it anchors a batch first, so every call makes progress.
    ///      A record someone wrote on chain first (see `frontRun`) must have its time lowered to the batch's.
    function proveBatched(uint256 pick) external {
        if (_unproven.length == 0) _anchorBatch(pick, pick >> 128, msg.sender);
        uint256 slot = pick % _unproven.length;
        uint256 k = _unproven[slot];
        _unproven[slot] = _unproven[_unproven.length - 1];
        _unproven.pop();
        _prove(k);
    }

    /// @dev Someone else writes a public batched record on chain first, later than its batch (a front-run
    ///      `register`); the creator's proof, now or later (`proveBatched`), must still establish the batch time.
    function frontRun(uint256 pick, uint32 dt, bool proveNow) external {
        if (_unproven.length == 0) _anchorBatch(pick, pick >> 128, msg.sender);
        uint256 slot = pick % _unproven.length;
        uint256 k = _unproven[slot];
        if (proveNow) {
            _unproven[slot] = _unproven[_unproven.length - 1];
            _unproven.pop();
        }
        RecordId id = keptIds[k];
        if (registry.exists(id)) return;
        vm.warp(block.timestamp + bound(dt, 1, 1 days));
        (IProvenanceRegistry.Record memory r, uint256 key) =
            abi.decode(_signed[id], (IProvenanceRegistry.Record, uint256));
        vm.prank(msg.sender);
        registry.register(r, _sign(key, r));
        _remember(id, r.creator, uint64(block.timestamp), r.origin);
        ++frontRuns;
        if (proveNow) _prove(k);
    }

    /// @dev Submits an on-chain record again, later; must revert RecordExists and leave the record as it was.
    function replay(uint256 pick, uint32 dt) external {
        if (ids.length == 0) return;
        _passTime(dt);
        RecordId id = ids[pick % ids.length];
        (IProvenanceRegistry.Record memory r, uint256 key) =
            abi.decode(_signed[id], (IProvenanceRegistry.Record, uint256));
        try registry.register(r, _sign(key, r)) {
            revert("replay accepted");
        } catch (bytes memory reason) {
            require(
                keccak256(reason) == keccak256(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id))
            );
        }
        ++replaysRejected;
    }

    /// @dev Anchors an anchored root again, from any sender and with any count; must revert BatchExists.
    function reanchor(uint256 pick, uint32 count, uint32 dt) external {
        if (roots.length == 0) return;
        _passTime(dt);
        bytes32 root = roots[pick % roots.length];
        vm.prank(msg.sender);
        try registry.anchor(root, count == 0 ? 1 : count) {
            revert("re-anchor accepted");
        } catch (bytes memory reason) {
            require(
                keccak256(reason) == keccak256(abi.encodeWithSelector(IProvenanceRegistry.BatchExists.selector, root))
            );
        }
        ++reanchorsRejected;
    }

    function _prove(uint256 k) internal {
        RecordId id = keptIds[k];
        bytes32 root = keptRoots[k];
        uint64 batchTime = _ghostBatches[root].timestamp;
        (IProvenanceRegistry.Record memory r, uint256 key) =
            abi.decode(_signed[id], (IProvenanceRegistry.Record, uint256));
        if (earliestProvenBatch[id] == 0 || batchTime < earliestProvenBatch[id]) earliestProvenBatch[id] = batchTime;
        if (!registry.exists(id)) {
            registry.prove(r, _sign(key, r), root, _keptProofs[k]);
            _remember(id, r.creator, batchTime, r.origin);
            ++proven;
        } else if (batchTime < _ghostRecords[id].timestamp) {
            registry.prove(r, _sign(key, r), root, _keptProofs[k]);
            _ghostRecords[id].timestamp = batchTime;
            ++improved;
        } else {
            try registry.prove(r, _sign(key, r), root, _keptProofs[k]) {
                revert("prove of a later batch accepted");
            } catch (bytes memory reason) {
                require(
                    keccak256(reason)
                        == keccak256(abi.encodeWithSelector(IProvenanceRegistry.RecordExists.selector, id))
                );
            }
        }
    }

    // ---- views for the invariants --------------------------------------------------------------------------

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function rootCount() external view returns (uint256) {
        return roots.length;
    }

    function keptCount() external view returns (uint256) {
        return keptIds.length;
    }

    function ghostRecord(RecordId id) external view returns (IProvenanceRegistry.OnChainRecord memory) {
        return _ghostRecords[id];
    }

    function ghostBatch(bytes32 root) external view returns (IProvenanceRegistry.Batch memory) {
        return _ghostBatches[root];
    }

    function keptProof(uint256 k) external view returns (bytes32[] memory) {
        return _keptProofs[k];
    }

    // ---- internals -----------------------------------------------------------------------------------------

    /// @dev Builds a batch of 1..MAX_BATCH records (linking to records already on chain), anchors its root as
    ///      `anchorer`, and keeps every proof.
    function _anchorBatch(uint256 keySeed, uint256 seed, address anchorer) internal {
        uint256 n = bound(seed, 1, MAX_BATCH);
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            (IProvenanceRegistry.Record memory r,) =
                _newRecord(keySeed % KEYS + i, uint256(keccak256(abi.encode(seed, i))));
            leaves[i] = RecordId.unwrap(registry.recordId(r));
        }
        bytes32 root = Merkle.root(leaves);
        vm.prank(anchorer);
        registry.anchor(root, uint32(n));
        roots.push(root);
        _ghostBatches[root] = IProvenanceRegistry.Batch(anchorer, uint64(block.timestamp), uint32(n));
        for (uint256 i; i < n; ++i) {
            _unproven.push(keptIds.length);
            _keptProofs[keptIds.length] = Merkle.proof(leaves, i);
            keptIds.push(RecordId.wrap(leaves[i]));
            keptRoots.push(root);
        }
        ++anchored;
    }

    /// @dev A fresh record satisfying every rule, by one of KEYS creators, with up to 3 on-chain parents.
    function _newRecord(uint256 keySeed, uint256 seed)
        internal
        returns (IProvenanceRegistry.Record memory r, uint256 key)
    {
        key = 0xC0FFEE + keySeed % KEYS;
        r.creator = vm.addr(key);
        r.contentHash = keccak256(abi.encode("content", ++_nonce));
        r.size = uint64(seed);
        r.mediaType = seed & 1 == 0 ? "image/png" : "audio/wav";
        r.origin = uint8((seed >> 1) % 4);
        bool ai = r.origin == uint8(IProvenanceRegistry.Origin.AI)
            || r.origin == uint8(IProvenanceRegistry.Origin.AIAssisted);
        if (ai || (r.origin == uint8(IProvenanceRegistry.Origin.Composite) && seed & 8 != 0)) r.model = "sdxl";
        r.parents = _pickParents(seed >> 8);
        r.metadataHash = bytes32(seed >> 16);
        r.createdAt = uint64(block.timestamp);
        _signed[registry.recordId(r)] = abi.encode(r, key);
    }

    /// @dev Up to 3 distinct on-chain ids (consecutive from a random start), sorted ascending.
    function _pickParents(uint256 seed) internal view returns (bytes32[] memory parents) {
        uint256 available = ids.length < 3 ? ids.length : 3;
        parents = new bytes32[](seed % (available + 1));
        uint256 start = ids.length == 0 ? 0 : (seed >> 8) % ids.length;
        for (uint256 i; i < parents.length; ++i) {
            bytes32 p = RecordId.unwrap(ids[(start + i) % ids.length]);
            uint256 j = i;
            for (; j > 0 && parents[j - 1] > p; --j) {
                parents[j] = parents[j - 1];
            }
            parents[j] = p;
        }
    }

    function _remember(RecordId id, address creator, uint64 timestamp, uint8 origin) internal {
        ids.push(id);
        _ghostRecords[id] = IProvenanceRegistry.OnChainRecord(creator, timestamp, IProvenanceRegistry.Origin(origin));
    }

    function _sign(uint256 key, IProvenanceRegistry.Record memory r) internal view returns (bytes memory) {
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, registry.recordDigest(r));
        return abi.encodePacked(rr, s, v);
    }

    function _passTime(uint32 dt) internal {
        vm.warp(block.timestamp + bound(dt, 0, 1 days));
    }
}
