// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice Builds Merkle trees the way the registry verifies them (OpenZeppelin MerkleProof: commutative,
///         sorted-pair keccak256; leaves used as given). Level by level; an odd last node moves up unchanged.
library Merkle {
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        require(leaves.length != 0, "Merkle: no leaves");
        bytes32[] memory level = _copy(leaves);
        for (uint256 n = level.length; n > 1; n = (n + 1) / 2) {
            _up(level, n);
        }
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory siblings) {
        require(index < leaves.length, "Merkle: index out of range");
        bytes32[] memory level = _copy(leaves);
        siblings = new bytes32[](256);
        uint256 depth;
        for (uint256 n = level.length; n > 1; n = (n + 1) / 2) {
            uint256 sibling = index ^ 1;
            if (sibling < n) siblings[depth++] = level[sibling];
            _up(level, n);
            index /= 2;
        }
        assembly ("memory-safe") {
            mstore(siblings, depth) // shrink to the siblings actually used
        }
    }

    /// @dev Replaces the first ceil(n/2) entries of `level` with the next level up; in place is safe because
    ///      entry i is written only after entries 2i and 2i+1 (both >= i) have been read.
    function _up(bytes32[] memory level, uint256 n) private pure {
        for (uint256 i; 2 * i < n; ++i) {
            level[i] = 2 * i + 1 < n ? hashPair(level[2 * i], level[2 * i + 1]) : level[2 * i];
        }
    }

    function _copy(bytes32[] memory a) private pure returns (bytes32[] memory b) {
        b = new bytes32[](a.length);
        for (uint256 i; i < a.length; ++i) {
            b[i] = a[i];
        }
    }
}
