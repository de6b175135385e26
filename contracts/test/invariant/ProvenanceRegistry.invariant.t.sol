// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ProvenanceRegistry} from "../../src/ProvenanceRegistry.sol";
import {IProvenanceRegistry} from "../../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../../src/types/RecordId.sol";
import {Test} from "../utils/Test.sol";
import {RegistryHandler} from "./RegistryHandler.sol";

/// @notice What is on chain stays as written, and every proof ever handed out keeps verifying.
contract ProvenanceRegistryInvariantTest is Test {
    ProvenanceRegistry internal registry;
    RegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        registry = new ProvenanceRegistry();
        handler = new RegistryHandler(registry);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = RegistryHandler.registerDirect.selector;
        selectors[1] = RegistryHandler.anchorBatch.selector;
        selectors[2] = RegistryHandler.proveBatched.selector;
        selectors[3] = RegistryHandler.replay.selector;
        selectors[4] = RegistryHandler.reanchor.selector;
        selectors[5] = RegistryHandler.frontRun.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev (1a) Every record registered or proven is on chain exactly as it was first written, except that its
    ///      time is lowered when it is proven against a batch anchored earlier (the ghost follows).
    function invariant_recordsNeverChange() public view {
        for (uint256 i; i < handler.idCount(); ++i) {
            RecordId id = handler.ids(i);
            IProvenanceRegistry.OnChainRecord memory onChain = registry.recordOf(id);
            IProvenanceRegistry.OnChainRecord memory ghost = handler.ghostRecord(id);
            assertTrue(registry.exists(id), "exists");
            assertEq(onChain.creator, ghost.creator, "creator");
            assertEq(onChain.timestamp, ghost.timestamp, "timestamp");
            assertEq(uint8(onChain.origin), uint8(ghost.origin), "origin");
        }
    }

    /// @dev (1b) Every anchored batch is on chain exactly as it was first anchored.
    function invariant_batchesNeverChange() public view {
        for (uint256 i; i < handler.rootCount(); ++i) {
            bytes32 root = handler.roots(i);
            IProvenanceRegistry.Batch memory onChain = registry.batchOf(root);
            IProvenanceRegistry.Batch memory ghost = handler.ghostBatch(root);
            assertEq(onChain.anchorer, ghost.anchorer, "anchorer");
            assertEq(onChain.timestamp, ghost.timestamp, "timestamp");
            assertEq(onChain.count, ghost.count, "count");
        }
    }

    /// @dev (1c) A record's stored time is never later than the earliest batch it has been proven against,
    ///      however it first reached the chain.
    function invariant_storedTimeNotAfterEarliestProvenBatch() public view {
        for (uint256 i; i < handler.idCount(); ++i) {
            RecordId id = handler.ids(i);
            uint64 earliest = handler.earliestProvenBatch(id);
            if (earliest != 0) assertLe(registry.recordOf(id).timestamp, earliest, "later than a proven batch");
        }
    }

    /// @dev (2) Every inclusion proof built for an anchored batch verifies against its root.
    function invariant_keptProofsVerify() public view {
        for (uint256 k; k < handler.keptCount(); ++k) {
            assertTrue(registry.verifyInclusion(handler.keptIds(k), handler.keptRoots(k), handler.keptProof(k)));
        }
    }

    /// @dev Guards against passing vacuously: each run must have written records directly and by proof,
    ///      anchored batches, and had a front-run record's time lowered by its creator's proof. With 6 selectors
    ///      and depth 64, a run misses a given action with p = (5/6)^64 < 1e-5.
    function afterInvariant() public view {
        assertGt(handler.registered(), 0, "no direct registration happened");
        assertGt(handler.anchored(), 0, "no batch was anchored");
        assertGt(handler.proven(), 0, "no batched record was proven");
        assertGt(handler.improved(), 0, "no front-run record was improved");
        assertEq(
            handler.idCount(),
            handler.registered() + handler.proven() + handler.frontRuns(),
            "every write is in the ghost"
        );
    }
}
