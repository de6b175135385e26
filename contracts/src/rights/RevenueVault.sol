// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IRevenueVault} from "../interfaces/IRevenueVault.sol";

/// @title Revenue vault and revenue-share token of one IP asset
/// @notice See {IRevenueVault}. Deployed once as an implementation; every asset gets an EIP-1167 clone.
/// @dev Cumulative reward per share, kept exact: `_revenuePerShare` grows by `amount * PRECISION / SUPPLY` with
///      the remainder of the division carried to the next sync, and each holder's accrual is kept in the same
///      scaled units, so rounding only ever happens when tokens leave (`claim`) and always down. The parents'
///      part is kept exact the same way, from the cumulative total received: each parent is paid, at every
///      payout, its bps of everything received so far, rounded down, less what it was paid before.
contract RevenueVault is IRevenueVault, ERC20, Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Shares minted to the asset's creator: one million, with 18 decimals.
    uint256 public constant SUPPLY = 1_000_000e18;
    /// @notice Scale of `_revenuePerShare`: one token unit spread over the whole supply still moves it by 1e12.
    uint256 public constant PRECISION = 1e36;
    uint256 private constant BPS = 10_000;

    address private _registry;
    IERC20 private _token;
    uint256 private _assetId;
    uint16 private _parentsBps;
    /// @dev Some parent's transfer failed (its address blacklisted by the token's issuer, say): `_arrears` holds
    ///      what it is owed beyond its bps of `_receivedAtPayout`.
    bool private _parentsInArrears;
    /// @dev `_received` at the last payout to the parents: each parent has been paid its bps of it, rounded down
    ///      (less its arrears). Packed beside `_parentsBps`, which `sync` has read by the time a payout writes it.
    uint224 private _receivedAtPayout;
    Parent[] private _parents;
    mapping(uint256 parentIndex => uint256 amount) private _arrears;

    /// @dev Revenue per share-unit since creation, scaled by PRECISION.
    uint256 private _revenuePerShare;
    /// @dev Scaled revenue received but not yet reflected in `_revenuePerShare` (below one step).
    uint256 private _carry;
    uint256 private _accounted;
    uint256 private _pendingAncestors;
    uint256 private _received;
    uint256 private _claimed;
    uint256 private _paidToAncestors;

    mapping(address holder => uint256 revenuePerShare) private _checkpoint;
    /// @dev Revenue accrued to a holder and not yet claimed, scaled by PRECISION.
    mapping(address holder => uint256 scaledRevenue) private _accrued;

    /// @dev The implementation itself is never used directly.
    constructor() ERC20("", "") {
        _disableInitializers();
    }

    /// @inheritdoc IRevenueVault
    function initialize(uint256 assetId_, IERC20 token, address holder, Parent[] calldata parents_)
        external
        initializer
    {
        uint256 totalBps;
        for (uint256 i; i < parents_.length; ++i) {
            totalBps += parents_[i].bps;
            _parents.push(parents_[i]);
        }
        if (totalBps > BPS) revert RevenueShareTooHigh(totalBps);
        _registry = msg.sender;
        _token = token;
        _assetId = assetId_;
        // forge-lint: disable-next-line(unsafe-typecast)
        _parentsBps = uint16(totalBps); // at most 10,000, checked above
        _mint(holder, SUPPLY);
    }

    /// @notice "Rightflow Revenue Share <asset id>".
    function name() public view override returns (string memory) {
        return string.concat("Rightflow Revenue Share ", Strings.toHexString(_assetId, 32));
    }

    /// @notice "RFRS".
    function symbol() public pure override returns (string memory) {
        return "RFRS";
    }

    /// @inheritdoc IRevenueVault
    function sync() external nonReentrant returns (uint256 received) {
        received = _sync();
    }

    /// @inheritdoc IRevenueVault
    function collect() external nonReentrant returns (uint256 received) {
        received = _sync();
        _payAncestors();
    }

    /// @inheritdoc IRevenueVault
    function pay(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        _token.safeTransferFrom(msg.sender, address(this), amount);
        _sync();
        _payAncestors();
    }

    /// @inheritdoc IRevenueVault
    function payAncestors() external nonReentrant returns (uint256 paid) {
        paid = _payAncestors();
    }

    /// @inheritdoc IRevenueVault
    function claim(address to) external nonReentrant returns (uint256 amount) {
        _sync();
        _settle(msg.sender);
        uint256 scaled = _accrued[msg.sender];
        amount = scaled / PRECISION;
        if (amount == 0) revert NothingToClaim(msg.sender);
        _accrued[msg.sender] = scaled - amount * PRECISION;
        _accounted -= amount;
        _claimed += amount;
        emit Claimed(msg.sender, to, amount);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IRevenueVault
    function claimable(address account) external view returns (uint256) {
        uint256 scaled = _accrued[account] + balanceOf(account) * (_revenuePerShare - _checkpoint[account]);
        return scaled / PRECISION;
    }

    /// @inheritdoc IRevenueVault
    function pendingAncestors() external view returns (uint256) {
        return _pendingAncestors;
    }

    /// @inheritdoc IRevenueVault
    function accounted() external view returns (uint256) {
        return _accounted;
    }

    /// @inheritdoc IRevenueVault
    function totals() external view returns (uint256 received, uint256 claimed, uint256 paidToAncestors) {
        return (_received, _claimed, _paidToAncestors);
    }

    /// @inheritdoc IRevenueVault
    function assetId() external view returns (uint256) {
        return _assetId;
    }

    /// @inheritdoc IRevenueVault
    function paymentToken() external view returns (IERC20) {
        return _token;
    }

    /// @inheritdoc IRevenueVault
    function registry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc IRevenueVault
    function parents() external view returns (Parent[] memory) {
        return _parents;
    }

    /// @dev Shares moving first account for revenue that arrived unsynced (it belongs to the shares held when it
    ///      arrived, not to whoever holds them at the next sync), then settle both sides, so each keeps what its
    ///      shares earned before the move. While the vault is paying out, its balance and books disagree for a
    ///      moment, so a move then (from a payment token's callback) is refused rather than synced half-way.
    ///      The mint in `initialize` (from zero) has nothing to account for.
    function _update(address from, address to, uint256 value) internal override {
        if (to == address(this)) revert SharesToVault();
        if (from != address(0)) {
            if (_reentrancyGuardEntered()) revert ReentrancyGuardReentrantCall();
            _sync();
            _settle(from);
        }
        if (to != address(0)) _settle(to);
        super._update(from, to, value);
    }

    function _settle(address holder) private {
        uint256 perShare = _revenuePerShare;
        uint256 checkpoint = _checkpoint[holder];
        if (checkpoint == perShare) return;
        _accrued[holder] += balanceOf(holder) * (perShare - checkpoint);
        _checkpoint[holder] = perShare;
    }

    function _sync() private returns (uint256 received) {
        uint256 balance = _token.balanceOf(address(this));
        received = balance - _accounted;
        if (received == 0) return 0;
        // The parents' part is their bps of the cumulative total, so a stream of payments too small to owe them
        // a whole unit each still pays them in full over time.
        uint256 before = _received;
        uint256 total = before + received;
        uint256 bps = _parentsBps;
        uint256 toAncestors = total * bps / BPS - before * bps / BPS;
        uint256 toHolders = received - toAncestors;
        uint256 scaled = toHolders * PRECISION + _carry;
        _revenuePerShare += scaled / SUPPLY;
        _carry = scaled % SUPPLY;
        _pendingAncestors += toAncestors;
        _accounted = balance;
        _received = total;
        emit RevenueReceived(received, toHolders, toAncestors);
    }

    /// @dev Each parent gets its bps of everything received so far, rounded down, less what it got at earlier
    ///      payouts (its bps of `_receivedAtPayout`, rounded down): exact whatever the order of the parents or
    ///      the size of the payments, so no parent ever takes another's rounding. What the parents are owed
    ///      together (`_pendingAncestors`) can run ahead of that sum by less than one unit per parent; it waits
    ///      for the next payout. A parent whose transfer fails (blacklisted by the token's issuer, say) does not
    ///      block the others, nor this vault's sales: its part stays set aside as arrears, paid at a later payout.
    ///      Checks-effects-interactions: the books are updated for the whole payout before any transfer; the only
    ///      writes after one put a failed transfer's part back (every entry point is `nonReentrant`, and shares
    ///      cannot move meanwhile).
    function _payAncestors() private returns (uint256 paid) {
        uint256 pending = _pendingAncestors;
        if (pending == 0) return 0;
        uint256 received = _received;
        uint256 before = _receivedAtPayout;
        bool inArrears = _parentsInArrears;
        Parent[] memory parents_ = _parents;
        uint256[] memory shares = new uint256[](parents_.length);
        uint256 due;
        for (uint256 i; i < parents_.length; ++i) {
            uint256 bps = parents_[i].bps;
            shares[i] = received * bps / BPS - before * bps / BPS;
            if (inArrears) {
                shares[i] += _arrears[i];
                delete _arrears[i];
            }
            due += shares[i];
        }
        if (due == 0) return 0;
        _receivedAtPayout = SafeCast.toUint224(received);
        if (inArrears) _parentsInArrears = false;
        _pendingAncestors = pending - due;
        _accounted -= due;
        uint256 deferred;
        for (uint256 i; i < parents_.length; ++i) {
            uint256 share = shares[i];
            if (share == 0) continue;
            address parent = parents_[i].vault;
            if (_token.trySafeTransfer(parent, share)) {
                IRevenueVault(parent).sync();
            } else {
                _arrears[i] = share;
                deferred += share;
                emit AncestorPaymentDeferred(parent, share);
            }
        }
        if (deferred != 0) {
            _parentsInArrears = true;
            _pendingAncestors += deferred;
            _accounted += deferred;
        }
        paid = due - deferred;
        if (paid == 0) return 0;
        _paidToAncestors += paid;
        emit AncestorsPaid(paid);
    }
}
