// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IEscrow} from "../../../src/interfaces/IEscrow.sol";

/// @notice An escrow party (payer, payee, arbiter or a receipt's submitter) that re-enters the escrow when a hostile
///         token calls it back mid-transfer. It acts as itself, so the re-entry passes every check but the
///         reentrancy guard; the outcome is recorded rather than bubbled, so a test can assert both that the attack
///         happened and how it was turned away while the outer call carries on.
contract EscrowReentrantParty {
    IEscrow public immutable escrow;

    bytes public reentry;
    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastResult;

    constructor(IEscrow escrow_) {
        escrow = escrow_;
    }

    /// @notice The call to make on the next `reenter`.
    function arm(bytes calldata reentry_) external {
        reentry = reentry_;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(escrow), amount);
    }

    function create(address payee, address arbiter, uint256 amount, uint64 deadline) external returns (uint256) {
        return escrow.create(payee, arbiter, amount, deadline);
    }

    function release(uint256 escrowId, uint256 amount) external {
        escrow.release(escrowId, amount);
    }

    function releaseWithReceipt(uint256 escrowId, uint256 amount, bytes32 deliveryHash, bytes calldata signature)
        external
    {
        escrow.releaseWithReceipt(escrowId, amount, deliveryHash, signature);
    }

    function refund(uint256 escrowId) external returns (uint256) {
        return escrow.refund(escrowId);
    }

    /// @notice Called by the token from inside a transfer.
    function reenter() external {
        ++attempts;
        (lastSucceeded, lastResult) = address(escrow).call(reentry);
    }
}
