// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {Merkle} from "./utils/Merkle.sol";
import {Vm} from "./utils/Vm.sol";
import {console} from "./utils/console.sol";

/// @notice Whole-transaction gas of the benchmarked calls, held to budget. Total = 21,000 base + calldata
///         (EIP-2028: 4 per zero byte, 16 per other byte) + the callee's execution gas, or the EIP-7623 floor
///         (21,000 + 10 per calldata token) when that is higher. Accounts and slots must be cold, as at the start of
///         a transaction sent by a relayer: parents are registered in `setUp` (a separate transaction), the
///         creator's account is touched first by the measured call, and `vm.cool` re-cools the registry.
///         (A creator who sends their own transaction saves 2,500: tx.origin is warm.) Checked against anvil
///         receipts: identical. Print the numbers with `forge test --mc GasTest -vv`.
contract GasTest is RegistryTestBase {
    uint256 internal constant REGISTER_BUDGET = 75_000;
    uint256 internal constant ANCHOR_BUDGET = 47_000;

    bytes32[] internal parents;

    function setUp() public override {
        super.setUp();
        parents = _registerParents(2);
    }

    function test_gas_registerWithoutParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        uint256 total = _measure(abi.encodeCall(registry.register, (r, _sign(creatorKey, r))));
        console.log("register, 0 parents: total tx gas", total);
        assertLe(total, REGISTER_BUDGET, "register, 0 parents");
    }

    function test_gas_registerWithTwoParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        r.parents = parents;
        uint256 total = _measure(abi.encodeCall(registry.register, (r, _sign(creatorKey, r))));
        console.log("register, 2 parents: total tx gas", total);
        assertLe(total, REGISTER_BUDGET, "register, 2 parents");
    }

    function test_gas_registerAIWithTwoParents() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        (r.origin, r.model) = (uint8(IProvenanceRegistry.Origin.AIAssisted), "gpt-image-1");
        r.parents = parents;
        uint256 total = _measure(abi.encodeCall(registry.register, (r, _sign(creatorKey, r))));
        console.log("register, AI-assisted, model 'gpt-image-1', 2 parents: total tx gas", total);
        assertLe(total, REGISTER_BUDGET, "register, AI, 2 parents");
    }

    function test_gas_anchor() public {
        uint256 total = _measure(abi.encodeCall(registry.anchor, (keccak256("root"), 1000)));
        console.log("anchor: total tx gas", total);
        assertLe(total, ANCHOR_BUDGET, "anchor");
    }

    /// @dev Proving one record of a 1,024-record batch (a proof of 10 siblings).
    function test_gas_proveFromBatchOf1024() public {
        bytes32[] memory leaves = new bytes32[](1024);
        for (uint256 i; i < leaves.length; ++i) {
            leaves[i] = keccak256(abi.encode("leaf", i));
        }
        IProvenanceRegistry.Record memory r = _record(creator);
        leaves[777] = RecordId.unwrap(_id(r));
        bytes32 root = Merkle.root(leaves);
        registry.anchor(root, uint32(leaves.length));
        bytes memory data = abi.encodeCall(registry.prove, (r, _sign(creatorKey, r), root, Merkle.proof(leaves, 777)));
        uint256 total = _measure(data);
        console.log("prove, batch of 1024, 0 parents: total tx gas", total);
    }

    /// @dev Calls the registry with `data` as a transaction would and returns the transaction's total gas.
    function _measure(bytes memory data) internal returns (uint256 total) {
        vm.cool(address(registry));
        (bool ok,) = address(registry).call(data);
        assertTrue(ok, "measured call reverted");
        Vm.Gas memory gas = vm.lastCallGas();
        (uint256 standard, uint256 tokens) = _calldataCost(data);
        total = 21_000 + standard + gas.gasTotalUsed;
        uint256 floor = 21_000 + 10 * tokens;
        if (floor > total) total = floor;
        console.log("  execution gas", gas.gasTotalUsed);
        console.log("  calldata gas", standard);
    }

    function _calldataCost(bytes memory data) internal pure returns (uint256 standard, uint256 tokens) {
        for (uint256 i; i < data.length; ++i) {
            bool zero = data[i] == 0;
            standard += zero ? 4 : 16;
            tokens += zero ? 1 : 4;
        }
    }
}
