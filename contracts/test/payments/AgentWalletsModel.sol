// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";

/// @notice A model of agent wallets kept apart from the contract: each wallet's balance, window and spending, its
///         policy and allow-list, and the refunds waiting in its channel account. `_expect` says, for a payment,
///         the exact error the contract must give (empty when it must pay); `_book` commits a payment that went
///         through and checks it against the policy in force (the ghosts the invariants read).
abstract contract AgentWalletsModel {
    struct Book {
        uint256 balance;
        uint256 spent;
        uint256 periodStart;
        /// @dev Refunds of closed channels waiting in the agent's channel account.
        uint256 pending;
    }

    mapping(address agent => Book) internal _books;
    mapping(address agent => IAgentWallets.Policy) internal _policies;
    mapping(address agent => mapping(address payee => bool)) internal _allowed;

    /// Ghosts: payments that broke the policy in force when they went through (must stay zero).
    uint256 public overMaxPayments;
    uint256 public overBudgetPayments;
    /// @notice Payments made in a later window than the wallet's previous spending: budgets did reset.
    uint256 public rollovers;

    function book(address agent) external view returns (Book memory) {
        return _books[agent];
    }

    /// @dev The window as of now, without committing it (a refused payment leaves the stored window alone).
    function _window(address agent) internal view returns (uint256 start, uint256 spent) {
        Book storage b = _books[agent];
        uint256 length = _policies[agent].periodSeconds;
        (start, spent) = (b.periodStart, b.spent);
        if (block.timestamp >= start + length) {
            (start, spent) = (start + (block.timestamp - start) / length * length, 0);
        }
    }

    /// @dev The error `_spend` must revert with, in its order: paused, allow-list, maximum, budget, balance.
    function _expect(address agent, address payee, uint256 amount) internal view returns (bytes memory) {
        IAgentWallets.Policy storage p = _policies[agent];
        if (p.paused) return abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent);
        if (p.allowlistOnly && !_allowed[agent][payee]) {
            return abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, payee);
        }
        if (amount > p.maxPerPayment) {
            return abi.encodeWithSelector(IAgentWallets.OverMaxPerPayment.selector, amount, p.maxPerPayment);
        }
        uint256 remaining = _remaining(agent);
        if (amount > remaining) return abi.encodeWithSelector(IAgentWallets.OverBudget.selector, amount, remaining);
        uint256 balance = _books[agent].balance;
        if (amount > balance) {
            return abi.encodeWithSelector(IAgentWallets.InsufficientBalance.selector, amount, balance);
        }
        return "";
    }

    function _remaining(address agent) internal view returns (uint256) {
        (, uint256 spent) = _window(agent);
        uint256 budget = _policies[agent].budgetPerPeriod;
        return budget > spent ? budget - spent : 0;
    }

    /// @dev Commits a payment the contract accepted, and checks it against the policy in force.
    function _book(address agent, uint256 amount) internal {
        Book storage b = _books[agent];
        (uint256 start, uint256 spent) = _window(agent);
        if (start != b.periodStart && b.spent != 0) ++rollovers;
        IAgentWallets.Policy storage p = _policies[agent];
        if (amount > p.maxPerPayment) ++overMaxPayments;
        if (spent + amount > p.budgetPerPeriod) ++overBudgetPayments;
        (b.periodStart, b.spent) = (start, spent + amount);
        b.balance -= amount;
    }
}
