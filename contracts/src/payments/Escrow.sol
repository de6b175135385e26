// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IEscrow} from "../interfaces/IEscrow.sol";

/// @title Rightflow escrow between agents
/// @notice See {IEscrow}. Ownerless and immutable: one payment token, no admin, no fees. EIP-712 domain:
///         "Rightflow Escrow", version "1". The token must move exact amounts (no fee on transfer, no rebasing).
/// @dev Three storage slots per deal. Both ways of releasing funnel into `_checkRelease` and `_pay`, so the deadline
///      and amount rules live in one place. A receipt is spent by its digest, not its signature bytes, so a
///      re-encoded signature of the same receipt is a replay too. Checks-effects-interactions throughout, and every
///      entry point that moves tokens is nonReentrant.
contract Escrow is IEscrow, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice EIP-712 type hash of a delivery receipt.
    bytes32 public constant RECEIPT_TYPEHASH =
        keccak256("Receipt(uint256 escrowId,uint256 amount,bytes32 deliveryHash)");

    /// @dev Slot 0: payer, amount. Slot 1: payee, released. Slot 2: arbiter, deadline, refunded. `payer` is never
    ///      zero for a created deal, so it doubles as the existence flag.
    struct Packed {
        address payer;
        uint96 amount;
        address payee;
        uint96 released;
        address arbiter;
        uint64 deadline;
        bool refunded;
    }

    IERC20 private immutable _token;
    uint256 private _lastEscrowId;
    mapping(uint256 escrowId => Packed) private _deals;
    mapping(bytes32 receiptDigest => bool) private _receiptUsed;

    constructor(IERC20 token) EIP712("Rightflow Escrow", "1") {
        _token = token;
    }

    /// @inheritdoc IEscrow
    function create(address payee, address arbiter, uint256 amount, uint64 deadline)
        external
        nonReentrant
        returns (uint256 escrowId)
    {
        if (payee == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        if (deadline <= block.timestamp) revert DeadlineNotInFuture(deadline);
        escrowId = ++_lastEscrowId;
        // forge-lint: disable-next-item(unsafe-typecast)
        _deals[escrowId] = Packed({
            payer: msg.sender,
            amount: uint96(amount), // bounded above
            payee: payee,
            released: 0,
            arbiter: arbiter,
            deadline: deadline,
            refunded: false
        });
        emit EscrowCreated(escrowId, msg.sender, payee, arbiter, amount, deadline);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IEscrow
    function release(uint256 escrowId, uint256 amount) external nonReentrant {
        Packed storage d = _deals[escrowId];
        if (msg.sender != d.payer && msg.sender != d.arbiter) {
            _requireCreated(d, escrowId);
            revert NotPayerOrArbiter(escrowId, msg.sender);
        }
        uint256 released = _checkRelease(d, escrowId, amount);
        _pay(d, escrowId, released, amount, bytes32(0));
    }

    /// @inheritdoc IEscrow
    function releaseWithReceipt(uint256 escrowId, uint256 amount, bytes32 deliveryHash, bytes calldata signature)
        external
        nonReentrant
    {
        Packed storage d = _deals[escrowId];
        _requireCreated(d, escrowId);
        // A spent receipt is refused as such whatever else has changed since (deadline, amount left).
        bytes32 digest = receiptDigest(escrowId, amount, deliveryHash);
        if (_receiptUsed[digest]) revert ReceiptUsed(digest);
        uint256 released = _checkRelease(d, escrowId, amount);
        // SignatureChecker takes EOA signatures (rejecting malleable high-s ones) and ERC-1271 wallets alike.
        if (!SignatureChecker.isValidSignatureNowCalldata(d.payer, digest, signature)) revert InvalidReceipt(escrowId);
        _receiptUsed[digest] = true;
        _pay(d, escrowId, released, amount, deliveryHash);
    }

    /// @inheritdoc IEscrow
    function refund(uint256 escrowId) external nonReentrant returns (uint256 refunded) {
        Packed storage d = _deals[escrowId];
        _requireCreated(d, escrowId);
        uint64 deadline = d.deadline;
        if (block.timestamp < deadline) revert DeadlineNotPassed(escrowId, deadline);
        if (d.refunded) revert AlreadyRefunded(escrowId);
        refunded = d.amount - d.released;
        d.refunded = true;
        emit EscrowRefunded(escrowId, refunded);
        if (refunded != 0) _token.safeTransfer(d.payer, refunded);
    }

    /// @inheritdoc IEscrow
    function dealOf(uint256 escrowId) external view returns (Deal memory) {
        Packed storage d = _deals[escrowId];
        _requireCreated(d, escrowId);
        return Deal({
            payer: d.payer,
            payee: d.payee,
            arbiter: d.arbiter,
            amount: d.amount,
            released: d.released,
            deadline: d.deadline,
            refunded: d.refunded
        });
    }

    /// @inheritdoc IEscrow
    function receiptDigest(uint256 escrowId, uint256 amount, bytes32 deliveryHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RECEIPT_TYPEHASH, escrowId, amount, deliveryHash)));
    }

    /// @inheritdoc IEscrow
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    function _requireCreated(Packed storage d, uint256 escrowId) private view {
        if (d.payer == address(0)) revert UnknownEscrow(escrowId);
    }

    /// @dev Before the deadline, a non-zero amount within what is left. A refunded deal is past its deadline, so
    ///      this refuses it too. Returns what was released so far.
    function _checkRelease(Packed storage d, uint256 escrowId, uint256 amount) private view returns (uint256 released) {
        uint64 deadline = d.deadline;
        if (block.timestamp >= deadline) revert DeadlinePassed(escrowId, deadline);
        if (amount == 0) revert ZeroAmount();
        released = d.released;
        uint256 remaining = d.amount - released;
        if (amount > remaining) revert OverRemaining(amount, remaining);
    }

    function _pay(Packed storage d, uint256 escrowId, uint256 released, uint256 amount, bytes32 deliveryHash) private {
        // forge-lint: disable-next-line(unsafe-typecast)
        d.released = uint96(released + amount); // at most the amount, checked in _checkRelease
        emit EscrowReleased(escrowId, msg.sender, amount, deliveryHash);
        _token.safeTransfer(d.payee, amount);
    }
}
