// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";

/// @notice A revenue-share holder that tries to be paid twice: while its `claim` is paying out (called back by
///         a hostile payment token), it claims again and tries to hand its shares to an accomplice, hoping the
///         accomplice can claim the same revenue afterwards (or, with revenue unsynced, take it with the shares).
contract ClaimReentrant {
    IRevenueVault public immutable vault;
    address public immutable accomplice;

    uint256 public attempts;
    bool public reclaimSucceeded;
    bytes public reclaimResult;
    bool public transferSucceeded;
    bytes public transferResult;

    constructor(IRevenueVault vault_, address accomplice_) {
        vault = vault_;
        accomplice = accomplice_;
    }

    function claim() external returns (uint256) {
        return vault.claim(address(this));
    }

    /// @notice Called by the token from inside the vault's payout.
    function reenter() external {
        ++attempts;
        (reclaimSucceeded, reclaimResult) = address(vault).call(abi.encodeCall(IRevenueVault.claim, (address(this))));
        (transferSucceeded, transferResult) =
            address(vault).call(abi.encodeCall(IERC20.transfer, (accomplice, vault.balanceOf(address(this)))));
    }
}
