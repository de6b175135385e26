// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Bench only: the revenue split a vault replaces. It keeps every payee and weight in storage and
///         `pay` pushes each payee's pro-rata part with its own ERC-20 transfer, so a payment costs a storage
///         read and a token transfer per payee: gas grows linearly with the number of holders.
/// @dev Payees are appended in chunks (`addPayees`), as a list of thousands does not fit one transaction.
///      Division dust stays in the contract. No access control: a benchmark fixture, never deployed for real.
contract NaivePushSplit {
    using SafeERC20 for IERC20;

    /// @dev One slot per payee: the cheapest layout for this pattern.
    struct Payee {
        address account;
        uint96 weight;
    }

    IERC20 public immutable token;
    uint256 public totalWeight;
    Payee[] private _payees;

    constructor(IERC20 token_) {
        token = token_;
    }

    function addPayees(address[] calldata accounts, uint96[] calldata weights) external {
        uint256 added;
        for (uint256 i; i < accounts.length; ++i) {
            _payees.push(Payee({account: accounts[i], weight: weights[i]}));
            added += weights[i];
        }
        totalWeight += added;
    }

    /// @notice Pull `amount` from the caller and push every payee's part at once.
    function pay(uint256 amount) external {
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 total = totalWeight;
        uint256 count = _payees.length;
        for (uint256 i; i < count; ++i) {
            Payee memory payee = _payees[i];
            uint256 part = amount * payee.weight / total;
            if (part != 0) token.safeTransfer(payee.account, part);
        }
    }

    function payeeCount() external view returns (uint256) {
        return _payees.length;
    }
}
