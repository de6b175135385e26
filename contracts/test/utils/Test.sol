// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Assertions} from "./Assertions.sol";
import {InvariantTargets} from "./InvariantTargets.sol";

/// @notice Base of every test contract: cheatcodes, `bound`, assertions and invariant targeting.
abstract contract Test is Assertions, InvariantTargets {
    /// @dev Marker forge-std test contracts carry; harmless, and keeps older tooling recognising tests.
    bool public constant IS_TEST = true;
}
