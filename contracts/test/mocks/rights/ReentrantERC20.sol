// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A hostile payment token: once armed, its next `transfer` or `transferFrom` (after moving the tokens)
///         makes one call of the attacker's choosing, as an ERC-777 hook or a malicious token would. The call's
///         outcome is recorded rather than bubbled, so a test can assert that the attack happened and how it
///         was turned away while the outer call carries on.
contract ReentrantERC20 is ERC20 {
    enum Hook {
        None,
        Transfer,
        TransferFrom
    }

    Hook public hook;
    address public target;
    bytes public data;

    /// @notice Calls made from a hook, whatever their outcome.
    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastResult;

    constructor() ERC20("Reentrant USD", "rUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Make `target.call(data_)` on the next `hook_`. One shot: the hook disarms before it calls.
    function arm(Hook hook_, address target_, bytes calldata data_) external {
        (hook, target, data) = (hook_, target_, data_);
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        super.transfer(to, value);
        _attack(Hook.Transfer);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        super.transferFrom(from, to, value);
        _attack(Hook.TransferFrom);
        return true;
    }

    function _attack(Hook point) private {
        if (hook != point) return;
        hook = Hook.None;
        ++attempts;
        (lastSucceeded, lastResult) = target.call(data);
    }
}
