// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";

/// @notice Lends revenue shares for the length of one call (a flash loan), and insists on getting them back.
contract ShareFlashLender {
    IRevenueVault public immutable vault;

    constructor(IRevenueVault vault_) {
        vault = vault_;
    }

    /// @notice Sends `amount` shares to `borrower`, calls it back, and takes them back in the same call.
    function flashLend(FlashSyncAttacker borrower, uint256 amount) external {
        require(vault.transfer(address(borrower), amount), "lend");
        borrower.onFlashLoan(amount);
        require(vault.transferFrom(address(borrower), address(this), amount), "repay");
    }

    /// @notice The lender's own revenue, paid to it.
    function claim() external returns (uint256) {
        return vault.claim(address(this));
    }
}

/// @notice Borrows shares while revenue that arrived earlier sits unsynced in the vault, syncs it while holding
///         them, returns them, and then claims what the borrowed shares were credited.
contract FlashSyncAttacker {
    IRevenueVault public immutable vault;
    ShareFlashLender public immutable lender;
    uint256 public syncedWhileHolding;

    constructor(IRevenueVault vault_, ShareFlashLender lender_) {
        vault = vault_;
        lender = lender_;
    }

    function attack(uint256 amount) external {
        lender.flashLend(this, amount);
    }

    function onFlashLoan(uint256 amount) external {
        require(msg.sender == address(lender), "lender only");
        syncedWhileHolding = vault.sync();
        vault.approve(address(lender), amount);
    }

    function claimable() external view returns (uint256) {
        return vault.claimable(address(this));
    }
}
