// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {Escrow} from "../../src/payments/Escrow.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {Cheats} from "../utils/Cheats.sol";

/// @notice Drives escrows between a few actors through time: deals created, released in parts by payer or arbiter
///         or against signed receipts, refunded after their deadlines; and the refusals that must happen (a release
///         after the deadline, a replayed receipt, a second refund). A model kept apart from the contract predicts
///         every payout; each action checks the token movements against it and counts its successes so
///         `afterInvariant` can tell that it ran.
contract EscrowHandler is Cheats {
    struct Model {
        address payer;
        address payee;
        address arbiter;
        uint256 amount;
        uint256 released;
        uint256 deadline;
        bool refunded;
    }

    /// @dev A receipt that was accepted, kept to be replayed.
    struct Receipt {
        uint256 escrowId;
        uint256 amount;
        bytes32 deliveryHash;
        bytes signature;
    }

    Escrow public immutable escrow;
    TestStablecoin public immutable usd;
    address[] public actors;
    mapping(address actor => uint256 key) internal _keys;

    /// @notice The chain's time: warped to before every action (forge may not carry a warp to the next call).
    uint256 public time;
    uint256 public minted;
    uint256[] public ids;
    mapping(uint256 escrowId => Model) internal _models;
    Receipt[] internal _receipts;

    /// Successful calls, and calls refused as they must be.
    uint256 public creates;
    uint256 public releases;
    uint256 public receiptReleases;
    uint256 public refunds;
    uint256 public warps;
    uint256 public refusedExpired;
    uint256 public refusedReplay;
    uint256 public refusedSecondRefund;

    constructor(Escrow escrow_, TestStablecoin usd_, uint256[] memory keys) {
        escrow = escrow_;
        usd = usd_;
        for (uint256 i; i < keys.length; ++i) {
            address actor = vm.addr(keys[i]);
            actors.push(actor);
            _keys[actor] = keys[i];
        }
        time = block.timestamp;
    }

    modifier atTime() {
        vm.warp(time);
        _;
    }

    /// @dev One deal in four has no arbiter.
    function create(uint256 payerSeed, uint256 payeeSeed, uint256 arbiterSeed, uint256 amount, uint256 wait)
        external
        atTime
    {
        address payer = _actor(payerSeed);
        address payee = _actor(payeeSeed);
        address arbiter = arbiterSeed % 4 == 0 ? address(0) : _actor(arbiterSeed >> 2);
        amount = bound(amount, 1, 1e11);
        uint256 deadline = time + bound(wait, 1, 10 days);
        usd.mint(payer, amount);
        minted += amount;
        vm.prank(payer);
        usd.approve(address(escrow), amount);
        vm.prank(payer);
        uint256 id = escrow.create(payee, arbiter, amount, uint64(deadline));
        require(id == ids.length + 1, "ids count up from 1");
        ids.push(id);
        _models[id] = Model(payer, payee, arbiter, amount, 0, deadline, false);
        ++creates;
    }

    /// @dev By payer or arbiter, a part of what is left; one call in four tries a deal past its deadline instead.
    function release(uint256 seed, uint256 amount, bool byArbiter) external atTime {
        if (seed % 4 == 0) {
            uint256 expired = _find(seed >> 2, false);
            if (expired == 0) return;
            Model storage e = _models[expired];
            vm.expectRevert(abi.encodeWithSelector(IEscrow.DeadlinePassed.selector, expired, e.deadline));
            vm.prank(e.payer);
            escrow.release(expired, 1);
            ++refusedExpired;
            return;
        }
        uint256 id = _find(seed >> 2, true);
        if (id == 0) return;
        Model storage m = _models[id];
        amount = bound(amount, 1, m.amount - m.released);
        address by = byArbiter && m.arbiter != address(0) ? m.arbiter : m.payer;
        uint256 before = usd.balanceOf(m.payee);
        vm.prank(by);
        escrow.release(id, amount);
        require(usd.balanceOf(m.payee) - before == amount, "release: payee paid the amount");
        m.released += amount;
        ++releases;
    }

    /// @dev The payer signs a receipt for a part of what is left and anyone submits it; one call in four replays a
    ///      receipt already accepted instead.
    function releaseWithReceipt(uint256 seed, uint256 amount, uint256 submitterSeed) external atTime {
        if (seed % 4 == 0) {
            if (_receipts.length == 0) return;
            Receipt memory r = _receipts[(seed >> 2) % _receipts.length];
            bytes32 digest = escrow.receiptDigest(r.escrowId, r.amount, r.deliveryHash);
            vm.expectRevert(abi.encodeWithSelector(IEscrow.ReceiptUsed.selector, digest));
            vm.prank(_actor(submitterSeed));
            escrow.releaseWithReceipt(r.escrowId, r.amount, r.deliveryHash, r.signature);
            ++refusedReplay;
            return;
        }
        uint256 id = _find(seed >> 2, true);
        if (id == 0) return;
        Model storage m = _models[id];
        amount = bound(amount, 1, m.amount - m.released);
        bytes32 deliveryHash = keccak256(abi.encode("delivery", receiptReleases));
        (uint8 v, bytes32 r_, bytes32 s) = vm.sign(_keys[m.payer], escrow.receiptDigest(id, amount, deliveryHash));
        bytes memory signature = abi.encodePacked(r_, s, v);
        uint256 before = usd.balanceOf(m.payee);
        vm.prank(_actor(submitterSeed));
        escrow.releaseWithReceipt(id, amount, deliveryHash, signature);
        require(usd.balanceOf(m.payee) - before == amount, "releaseWithReceipt: payee paid the amount");
        m.released += amount;
        _receipts.push(Receipt(id, amount, deliveryHash, signature));
        ++receiptReleases;
    }

    /// @dev Anyone refunds a deal past its deadline; one call in four refunds one already refunded.
    function refund(uint256 seed, uint256 callerSeed) external atTime {
        bool again = seed % 4 == 0;
        uint256 id = _findRefundable(seed >> 2, again);
        if (id == 0) return;
        Model storage m = _models[id];
        if (again) {
            vm.expectRevert(abi.encodeWithSelector(IEscrow.AlreadyRefunded.selector, id));
            vm.prank(_actor(callerSeed));
            escrow.refund(id);
            ++refusedSecondRefund;
            return;
        }
        uint256 before = usd.balanceOf(m.payer);
        vm.prank(_actor(callerSeed));
        uint256 refunded = escrow.refund(id);
        require(refunded == m.amount - m.released, "refund: the rest");
        require(usd.balanceOf(m.payer) - before == refunded, "refund: payer paid the rest");
        m.refunded = true;
        ++refunds;
    }

    /// @dev From a second to two days: deadlines pass.
    function warp(uint256 seconds_) external {
        time += bound(seconds_, 1, 2 days);
        vm.warp(time);
        ++warps;
    }

    function count() external view returns (uint256) {
        return ids.length;
    }

    function model(uint256 escrowId) external view returns (Model memory) {
        return _models[escrowId];
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    /// @dev A deal before its deadline with something left (`live`), or one past it; 0 when there is none.
    function _find(uint256 seed, bool live) internal view returns (uint256) {
        uint256 n = ids.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = ids[(seed % n + i) % n];
            Model storage m = _models[id];
            if (live ? time < m.deadline && m.released < m.amount : time >= m.deadline) return id;
        }
        return 0;
    }

    /// @dev A deal past its deadline, refunded already or not as asked; 0 when there is none.
    function _findRefundable(uint256 seed, bool refunded) internal view returns (uint256) {
        uint256 n = ids.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = ids[(seed % n + i) % n];
            Model storage m = _models[id];
            if (time >= m.deadline && m.refunded == refunded) return id;
        }
        return 0;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }
}
