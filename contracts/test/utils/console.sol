// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice The two `console.log` forms we print with; forge decodes calls to this address in traces (-vv).
library console {
    address private constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    function log(string memory message) internal view {
        _send(abi.encodeWithSignature("log(string)", message));
    }

    function log(string memory message, uint256 value) internal view {
        _send(abi.encodeWithSignature("log(string,uint256)", message, value));
    }

    function _send(bytes memory payload) private view {
        (bool ok,) = CONSOLE.staticcall(payload);
        ok; // logging is best effort: nothing listens at this address outside forge
    }
}
