// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Rightflow escrow between agents
/// @notice A deposit locked for a payee until a deadline. Released, in full or in part, by the payer, by a named
///         arbiter, or by a delivery receipt the payer signed (EIP-712, domain "Rightflow Escrow" v1:
///         Receipt(uint256 escrowId,uint256 amount,bytes32 deliveryHash)) that the payee submits. After the
///         deadline anyone may refund what was not released to the payer.
/// @dev Invariant: released + refunded <= amount for every escrow; the contract holds exactly
///      sum(amount - released - refunded).
///      Ids count up from 1. The deadline is the first second of refunds: releases while block.timestamp < deadline,
///      refunds from block.timestamp >= deadline, so the two never overlap. Amounts are at most type(uint96).max
///      (AmountTooLarge), so a deal fits in three storage slots.
interface IEscrow {
    struct Deal {
        address payer;
        address payee;
        address arbiter;
        uint128 amount;
        uint128 released;
        uint64 deadline;
        bool refunded;
    }

    error UnknownEscrow(uint256 escrowId);
    error ZeroAmount();
    error ZeroAddress();
    error DeadlineNotInFuture(uint64 deadline);
    error NotPayerOrArbiter(uint256 escrowId, address caller);
    error OverRemaining(uint256 amount, uint256 remaining);
    error DeadlinePassed(uint256 escrowId, uint64 deadline);
    error DeadlineNotPassed(uint256 escrowId, uint64 deadline);
    error AlreadyRefunded(uint256 escrowId);
    error InvalidReceipt(uint256 escrowId);
    error ReceiptUsed(bytes32 receiptHash);
    error AmountTooLarge(uint256 amount);

    event EscrowCreated(
        uint256 indexed escrowId,
        address indexed payer,
        address indexed payee,
        address arbiter,
        uint256 amount,
        uint64 deadline
    );
    event EscrowReleased(uint256 indexed escrowId, address indexed by, uint256 amount, bytes32 deliveryHash);
    event EscrowRefunded(uint256 indexed escrowId, uint256 amount);

    /// @notice Lock `amount` from the caller for `payee` until `deadline`; `arbiter` may be zero.
    function create(address payee, address arbiter, uint256 amount, uint64 deadline) external returns (uint256 escrowId);

    /// @notice Payer or arbiter releases `amount` to the payee (before the deadline). Emitted with a zero
    ///         deliveryHash.
    function release(uint256 escrowId, uint256 amount) external;

    /// @notice Release `amount` against a receipt the payer signed; anyone may submit. Each receipt once.
    function releaseWithReceipt(uint256 escrowId, uint256 amount, bytes32 deliveryHash, bytes calldata signature)
        external;

    /// @notice After the deadline, return what was not released to the payer. Anyone may call.
    /// @dev Closes the escrow even when nothing is left (returns 0); a second call reverts AlreadyRefunded.
    function refund(uint256 escrowId) external returns (uint256 refunded);

    /// @notice A deal; reverts UnknownEscrow for an id never created.
    function dealOf(uint256 escrowId) external view returns (Deal memory);

    /// @notice The EIP-712 digest the payer signs for a receipt.
    function receiptDigest(uint256 escrowId, uint256 amount, bytes32 deliveryHash) external view returns (bytes32);

    function paymentToken() external view returns (address);
}
