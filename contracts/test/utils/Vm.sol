// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice The forge cheatcodes this test suite uses, and no others (forge-std from npm is stale, so we
///         declare our own). Signatures follow forge's cheatcode spec; only the selectors matter to forge.
interface Vm {
    /// @dev Gas accounting of the last external call made by the test, as reported by `lastCallGas`.
    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    // Keys and signatures.
    function addr(uint256 privateKey) external pure returns (address);
    function computeCreateAddress(address deployer, uint256 nonce) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    // Caller and environment.
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function warp(uint256 newTimestamp) external;
    function chainId(uint256 newChainId) external;
    function etch(address target, bytes calldata newRuntimeBytecode) external;
    function label(address account, string calldata newLabel) external;

    // Fuzzing.
    function assume(bool condition) external pure;

    // Logs: a test counts the events of a call (that a batch paid once, say).
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);

    // Expectations.
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(address emitter) external;

    // Gas measurement: make an account and its slots cold as at the start of a transaction, then read the
    // gas used inside the last call.
    function cool(address target) external;
    function lastCallGas() external view returns (Gas memory gas);

    // Formatting for assertion messages.
    function toString(uint256 value) external pure returns (string memory);
    function toString(address value) external pure returns (string memory);
    function toString(bytes32 value) external pure returns (string memory);
    function toString(bytes calldata value) external pure returns (string memory);
}
