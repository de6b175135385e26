// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Cheats} from "./Cheats.sol";

/// @notice Assertions that revert with a message naming both values, so a failing test explains itself.
abstract contract Assertions is Cheats {
    function fail(string memory message) internal pure {
        revert(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) fail(_labelled("assertTrue failed", message));
    }

    function assertTrue(bool condition) internal pure {
        assertTrue(condition, "");
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) fail(_labelled("assertFalse failed", message));
    }

    function assertFalse(bool condition) internal pure {
        assertFalse(condition, "");
    }

    function assertEq(uint256 a, uint256 b, string memory message) internal pure {
        if (a != b) fail(_pair("assertEq(uint256)", vm.toString(a), "!=", vm.toString(b), message));
    }

    function assertEq(uint256 a, uint256 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(address a, address b, string memory message) internal pure {
        if (a != b) fail(_pair("assertEq(address)", vm.toString(a), "!=", vm.toString(b), message));
    }

    function assertEq(address a, address b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bytes32 a, bytes32 b, string memory message) internal pure {
        if (a != b) fail(_pair("assertEq(bytes32)", vm.toString(a), "!=", vm.toString(b), message));
    }

    function assertEq(bytes32 a, bytes32 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bool a, bool b, string memory message) internal pure {
        if (a != b) fail(_pair("assertEq(bool)", a ? "true" : "false", "!=", b ? "true" : "false", message));
    }

    function assertEq(bool a, bool b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bytes memory a, bytes memory b, string memory message) internal pure {
        if (keccak256(a) != keccak256(b)) {
            fail(_pair("assertEq(bytes)", vm.toString(a), "!=", vm.toString(b), message));
        }
    }

    function assertEq(bytes memory a, bytes memory b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(string memory a, string memory b, string memory message) internal pure {
        if (keccak256(bytes(a)) != keccak256(bytes(b))) fail(_pair("assertEq(string)", a, "!=", b, message));
    }

    function assertEq(string memory a, string memory b) internal pure {
        assertEq(a, b, "");
    }

    function assertGt(uint256 a, uint256 b, string memory message) internal pure {
        if (a <= b) fail(_pair("assertGt", vm.toString(a), "<=", vm.toString(b), message));
    }

    function assertGt(uint256 a, uint256 b) internal pure {
        assertGt(a, b, "");
    }

    function assertLe(uint256 a, uint256 b, string memory message) internal pure {
        if (a > b) fail(_pair("assertLe", vm.toString(a), ">", vm.toString(b), message));
    }

    function assertLe(uint256 a, uint256 b) internal pure {
        assertLe(a, b, "");
    }

    function _pair(string memory what, string memory a, string memory op, string memory b, string memory message)
        private
        pure
        returns (string memory)
    {
        return _labelled(string.concat(what, ": ", a, " ", op, " ", b), message);
    }

    function _labelled(string memory text, string memory message) private pure returns (string memory) {
        return bytes(message).length == 0 ? text : string.concat(text, " (", message, ")");
    }
}
