// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice Tells forge's invariant fuzzer what to call. forge looks for the view functions
///         `targetContracts()` and `targetSelectors()` on the test contract (the same ABI as forge-std's
///         StdInvariant); without them it would call every contract deployed in `setUp`.
abstract contract InvariantTargets {
    /// @dev Layout forge decodes from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }
}
