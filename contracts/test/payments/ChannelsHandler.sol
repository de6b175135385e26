// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {IRevenueVault} from "../../src/interfaces/IRevenueVault.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {Cheats} from "../utils/Cheats.sol";

/// @notice Drives channels between three payers (who sign their own vouchers) and two payees, a third of them
///         paying royalties to one asset. Claims mix new, replayed and stale totals in batches, each under a voucher
///         for that total or more (often the whole deposit, as a payer who signs once would send); vouchers above
///         the deposit, totals above their voucher and early withdrawals must be refused with their named errors.
///         Every payout is checked against a model of what each channel has claimed when it happens; each action
///         counts its outcomes so `afterInvariant` can tell that it ran.
contract ChannelsHandler is Cheats {
    uint256 internal constant MAX_CHANNELS = 24;
    uint256 internal constant MAX_DEPOSIT = 1_000e6;
    uint256 internal constant BPS = 10_000;

    PaymentChannels public immutable channels;
    TestStablecoin public immutable usd;
    IRevenueVault public immutable vault;
    uint256 public immutable assetId;
    uint64 public immutable challenge;
    address public immutable stranger = address(0x5742);

    uint256[3] internal _keys = [uint256(0xA1), 0xA2, 0xA3];
    address[2] public payees = [address(0xB1), address(0xB2)];
    uint256 public time;

    bytes32[] public ids;
    mapping(bytes32 channelId => uint256 key) internal _keyOf;
    mapping(bytes32 channelId => uint256) public modelClaimed;
    /// @notice The highest voucher the payer ever signed: what it promised, at most.
    mapping(bytes32 channelId => uint256) public highestSigned;

    /// Token ghosts: what went in, and out to payees, to the vault, back to payers.
    uint256 public deposited;
    uint256 public paidOut;
    uint256 public royalties;
    uint256 public refunded;
    /// @notice Calls that paid anyone other than the model said: a voucher paying twice would show here.
    uint256 public mismatches;

    /// Outcomes per action.
    uint256 public opens;
    uint256 public topUps;
    uint256 public cancelledCloses;
    uint256 public paidVouchers;
    /// @notice Paid claims whose total was below the voucher they carried.
    uint256 public partialClaims;
    uint256 public skippedVouchers;
    uint256 public refusedAboveDeposit;
    uint256 public refusedAboveVoucher;
    uint256 public closesWithVoucher;
    uint256 public closeRequests;
    uint256 public refusedEarlyWithdrawals;
    uint256 public withdrawals;

    constructor(PaymentChannels channels_, TestStablecoin usd_, uint256 assetId_, IRevenueVault vault_) {
        (channels, usd, assetId, vault) = (channels_, usd_, assetId_, vault_);
        challenge = channels_.challengePeriod();
        time = block.timestamp;
    }

    modifier timed() {
        vm.warp(time);
        _;
    }

    function open(uint256 payerSeed, uint256 payeeSeed, uint256 depositSeed, uint256 royaltySeed) external timed {
        if (ids.length < MAX_CHANNELS) _open(payerSeed, payees[payeeSeed % 2], depositSeed, royaltySeed);
    }

    /// @dev A channel whose close is pending (the payer asks now if none is): a stranger's top-up must leave the
    ///      close pending, the payer's then cancels it.
    function topUp(uint256 idSeed, uint256 amountSeed) external timed {
        (bytes32 id, bool pending) = _pick(idSeed, true);
        if (!pending) {
            id = _pickOrOpen(idSeed);
            vm.prank(channels.channelOf(id).payer);
            channels.requestClose(id);
            ++closeRequests;
        }
        IPaymentChannels.Channel memory ch = channels.channelOf(id);
        uint256 amount = bound(amountSeed, 1, MAX_DEPOSIT);
        _topUp(id, stranger, amount);
        require(channels.channelOf(id).closeRequestedAt == ch.closeRequestedAt, "a stranger cannot cancel");
        _topUp(id, ch.payer, amount);
        require(channels.channelOf(id).closeRequestedAt == 0, "the payer's top-up cancels");
        ++cancelledCloses;
    }

    /// @dev First a voucher above the deposit and a total above its voucher, which must be refused; then a batch of
    ///      up to three of one payee's open channels, each with a new, replayed or stale total under a voucher for at
    ///      least that much; then that batch replayed, which pays nothing.
    function claim(uint256 payeeSeed, uint256[3] calldata seeds) external timed {
        address payee = payees[payeeSeed % 2];
        bytes32[] memory batch = _channelsOf(payee, seeds[0], 3);
        if (batch.length == 0) {
            batch = new bytes32[](1);
            batch[0] = _open(seeds[0], payee, seeds[1], seeds[2]);
        }
        _claimAboveDeposit(payee, batch[0], seeds[1]);
        _claimAboveVoucher(payee, batch[0], seeds[2]);
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](batch.length);
        uint256 expected;
        uint256 toPayee;
        for (uint256 i; i < batch.length; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(seeds[i], i)));
            uint256 amount = _voucherAmount(batch[i], seed);
            uint256 signed = _coveringVoucher(batch[i], amount, seed >> 128);
            claims[i] = IPaymentChannels.Claim(batch[i], signed, amount, _sign(batch[i], signed));
            (uint256 paid, uint256 royalty) = _model(batch[i], amount);
            expected += paid;
            toPayee += paid - royalty;
            if (paid == 0) ++skippedVouchers;
            else ++paidVouchers;
            if (paid != 0 && amount < signed) ++partialClaims;
        }
        uint256 before = usd.balanceOf(payee);
        vm.prank(payee);
        uint256 total = channels.claim(claims);
        if (total != expected || usd.balanceOf(payee) - before != toPayee) ++mismatches;
        // The same batch again, as a replaying relayer would send it: it must pay nothing at all.
        before = usd.balanceOf(payee);
        vm.prank(payee);
        if (channels.claim(claims) != 0 || usd.balanceOf(payee) != before) ++mismatches;
        skippedVouchers += claims.length;
    }

    function closeWithVoucher(uint256 idSeed, uint256 amountSeed) external timed {
        bytes32 id = _pickOrOpen(idSeed);
        IPaymentChannels.Channel memory ch = channels.channelOf(id);
        uint256 amount = bound(amountSeed, 0, ch.deposit);
        uint256 signed = _coveringVoucher(id, amount, uint256(keccak256(abi.encode(amountSeed))));
        bytes memory sig = _sign(id, signed);
        (uint256 paid, uint256 royalty) = _model(id, amount);
        uint256 refund = ch.deposit - modelClaimed[id];
        (uint256 payeeBefore, uint256 payerBefore) = (usd.balanceOf(ch.payee), usd.balanceOf(ch.payer));
        vm.prank(ch.payee);
        channels.closeWithVoucher(id, signed, amount, sig);
        refunded += refund;
        if (usd.balanceOf(ch.payee) - payeeBefore != paid - royalty) ++mismatches;
        if (usd.balanceOf(ch.payer) - payerBefore != refund) ++mismatches;
        ++closesWithVoucher;
    }

    function requestClose(uint256 idSeed) external timed {
        bytes32 id = _pickOrOpen(idSeed);
        vm.prank(channels.channelOf(id).payer);
        channels.requestClose(id);
        ++closeRequests;
    }

    /// @dev A pending close (requested here when there is none): a withdrawal before the challenge ends must be
    ///      refused; then, the challenge waited out, anyone withdraws.
    function withdraw(uint256 idSeed) external timed {
        (bytes32 id, bool found) = _pick(idSeed, true);
        if (!found) {
            id = _pickOrOpen(idSeed);
            vm.prank(channels.channelOf(id).payer);
            channels.requestClose(id);
            ++closeRequests;
        }
        IPaymentChannels.Channel memory ch = channels.channelOf(id);
        uint64 endsAt = ch.closeRequestedAt + challenge;
        if (block.timestamp < endsAt) {
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChallengePeriodActive.selector, id, endsAt));
            channels.withdraw(id);
            ++refusedEarlyWithdrawals;
            time = endsAt;
            vm.warp(time);
        }
        uint256 refund = ch.deposit - modelClaimed[id];
        uint256 before = usd.balanceOf(ch.payer);
        vm.prank(stranger);
        channels.withdraw(id);
        refunded += refund;
        if (usd.balanceOf(ch.payer) - before != refund) ++mismatches;
        ++withdrawals;
    }

    function warp(uint256 seconds_) external {
        time += bound(seconds_, 1, 2 * challenge);
    }

    function channelCount() external view returns (uint256) {
        return ids.length;
    }

    function _claimAboveDeposit(address payee, bytes32 id, uint256 seed) internal {
        uint256 deposit = channels.channelOf(id).deposit;
        uint256 amount = deposit + bound(seed, 1, MAX_DEPOSIT);
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](1);
        claims[0] = IPaymentChannels.Claim(id, amount, amount, _sign(id, amount));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAboveDeposit.selector, id, amount, deposit));
        vm.prank(payee);
        channels.claim(claims);
        ++refusedAboveDeposit;
    }

    /// @dev A claim for more than its voucher (and than what was claimed, so it is not skipped) must be refused.
    function _claimAboveVoucher(address payee, bytes32 id, uint256 seed) internal {
        uint256 signed = bound(seed, 0, channels.channelOf(id).deposit);
        uint256 claimed = modelClaimed[id];
        uint256 total = (signed > claimed ? signed : claimed) + 1 + seed % 3;
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](1);
        claims[0] = IPaymentChannels.Claim(id, signed, total, _sign(id, signed));
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ClaimAboveVoucher.selector, id, total, signed));
        vm.prank(payee);
        channels.claim(claims);
        ++refusedAboveVoucher;
    }

    /// @dev A voucher covering `total`: a third for exactly it, a third for the whole deposit (a payer replaying one
    ///      voucher on every request), the rest in between.
    function _coveringVoucher(bytes32 id, uint256 total, uint256 seed) internal view returns (uint256) {
        uint256 deposit = channels.channelOf(id).deposit;
        if (seed % 3 == 0 || total >= deposit) return total;
        if (seed % 3 == 1) return deposit;
        return bound(seed >> 2, total, deposit);
    }

    /// @dev A quarter replay the highest voucher signed (unless above the deposit), a quarter are stale (at or below what was claimed), the
    ///      rest new (above it, up to the deposit).
    function _voucherAmount(bytes32 id, uint256 seed) internal view returns (uint256) {
        uint256 claimed = modelClaimed[id];
        uint256 deposit = channels.channelOf(id).deposit;
        uint256 highest = highestSigned[id];
        if (seed % 4 == 0 && highest != 0 && highest <= deposit) return highest;
        if (seed % 4 == 1 || claimed == deposit) return bound(seed >> 2, 0, claimed);
        return bound(seed >> 2, claimed + 1, deposit);
    }

    /// @dev What a voucher for `amount` should pay, by the model: the increment over what was claimed, with the
    ///      royalty computed on the cumulative amount.
    function _model(bytes32 id, uint256 amount) internal returns (uint256 paid, uint256 royalty) {
        uint256 claimed = modelClaimed[id];
        if (amount <= claimed) return (0, 0);
        uint256 bps = channels.channelOf(id).royaltyBps;
        paid = amount - claimed;
        royalty = amount * bps / BPS - claimed * bps / BPS;
        modelClaimed[id] = amount;
        paidOut += paid;
        royalties += royalty;
    }

    function _sign(bytes32 id, uint256 amount) internal returns (bytes memory) {
        if (amount > highestSigned[id]) highestSigned[id] = amount;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf[id], channels.voucherDigest(id, amount));
        return abi.encodePacked(r, s, v);
    }

    /// @dev An unclosed channel (with a close pending, if `pending`), searching from `seed`.
    function _pick(uint256 seed, bool pending) internal view returns (bytes32, bool) {
        for (uint256 i; i < ids.length; ++i) {
            bytes32 id = ids[(seed % ids.length + i) % ids.length];
            IPaymentChannels.Channel memory ch = channels.channelOf(id);
            if (!ch.closed && (!pending || ch.closeRequestedAt != 0)) return (id, true);
        }
        return (0, false);
    }

    /// @dev An unclosed channel, opened now when every channel is closed, so that no action is ever idle.
    function _pickOrOpen(uint256 seed) internal returns (bytes32 id) {
        bool found;
        (id, found) = _pick(seed, false);
        if (!found) id = _open(seed, payees[seed % 2], seed >> 8, seed >> 16);
    }

    /// @dev Up to `max` distinct unclosed channels of `payee`, searching from `seed`.
    function _channelsOf(address payee, uint256 seed, uint256 max) internal view returns (bytes32[] memory batch) {
        batch = new bytes32[](max);
        uint256 n;
        for (uint256 i; i < ids.length && n < max; ++i) {
            bytes32 id = ids[(seed % ids.length + i) % ids.length];
            IPaymentChannels.Channel memory ch = channels.channelOf(id);
            if (!ch.closed && ch.payee == payee) batch[n++] = id;
        }
        assembly ("memory-safe") {
            mstore(batch, n)
        }
    }

    function _open(uint256 payerSeed, address payee, uint256 depositSeed, uint256 royaltySeed)
        internal
        returns (bytes32 id)
    {
        uint256 key = _keys[payerSeed % 3];
        address from = vm.addr(key);
        uint256 deposit = bound(depositSeed, 1, MAX_DEPOSIT);
        bool royalty = royaltySeed % 3 == 0;
        uint16 bps = royalty ? uint16(bound(royaltySeed >> 2, 1, BPS)) : 0;
        _mint(from, deposit);
        vm.prank(from);
        id = channels.open(payee, from, deposit, royalty ? assetId : 0, bps, bytes32(ids.length));
        ids.push(id);
        _keyOf[id] = key;
        deposited += deposit;
        ++opens;
    }

    function _topUp(bytes32 id, address from, uint256 amount) internal {
        _mint(from, amount);
        vm.prank(from);
        channels.topUp(id, amount);
        deposited += amount;
        ++topUps;
    }

    function _mint(address account, uint256 amount) internal {
        usd.mint(account, amount);
        vm.prank(account);
        usd.approve(address(channels), amount);
    }
}
