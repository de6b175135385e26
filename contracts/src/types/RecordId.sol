// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice Identifier of a provenance record: the EIP-712 struct hash of its `Record`.
/// @dev Derived from the record's content only (no chain id, no contract address), so the same signed
///      statement has the same id wherever it is anchored.
type RecordId is bytes32;
