// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Channel properties over arbitrary amounts, orders, shares and times.
contract ChannelsFuzzTest is PaymentsTestBase {
    uint256 internal constant MAX = 1_000_000 * USD;

    /// @dev Whatever the order of the vouchers, the payee ends up with exactly the highest one, paid once.
    function testFuzz_claim_paysHighestVoucherOnce(uint256 depositSeed, uint256[6] memory amounts) public {
        uint256 deposit = bound(depositSeed, 1, MAX);
        bytes32 id = _open(deposit);
        uint256 highest;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 0, deposit);
            uint256 expected = amount > highest ? amount - highest : 0;
            assertEq(_claimAs(payee, id, amount), expected, "pays the increment or nothing");
            if (amount > highest) highest = amount;
            assertEq(usd.balanceOf(payee), highest, "payee holds the highest voucher");
            assertEq(_ch(id).claimed, highest, "claimed");
            assertEq(usd.balanceOf(address(channels)), deposit - highest, "rest held");
        }
    }

    /// @dev However the claims are split, the vault gets floor(claimed * bps / 10,000) and the payee the rest.
    function testFuzz_claim_royaltySplitsCumulativeAmountExactly(
        uint256 depositSeed,
        uint16 bpsSeed,
        uint256[5] memory steps
    ) public {
        uint256 deposit = bound(depositSeed, 1, MAX);
        uint16 bps = uint16(bound(bpsSeed, 1, 10_000));
        bytes32 id = _open(payer, payee, payer, deposit, assetId, bps, 0);
        uint256 cumulative;
        for (uint256 i; i < steps.length; ++i) {
            cumulative += bound(steps[i], 0, (deposit - cumulative) / 2 + 1);
            if (cumulative > deposit) cumulative = deposit;
            _claimAs(payee, id, cumulative);
            (uint256 received,,) = vault.totals();
            assertEq(received, cumulative * bps / 10_000, "vault");
            assertEq(usd.balanceOf(payee), cumulative - received, "payee");
        }
    }

    /// @dev Any totals the payee chooses under one voucher, in any order and replayed: claimed is the highest total
    ///      chosen, never above the voucher or the deposit, each unit paid once; a total above the voucher reverts.
    function testFuzz_claim_chosenTotalsUnderOneVoucher(
        uint256 depositSeed,
        uint256 signedSeed,
        uint256[6] memory totals
    ) public {
        uint256 deposit = bound(depositSeed, 1, MAX);
        uint256 signed = bound(signedSeed, 1, deposit);
        bytes32 id = _open(deposit);
        bytes memory sig = _voucher(payerKey, id, signed);
        uint256 highest;
        for (uint256 i; i < totals.length; ++i) {
            uint256 total = bound(totals[i], 0, signed + signed / 4 + 1);
            IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](1);
            claims[0] = IPaymentChannels.Claim(id, signed, total, sig);
            vm.prank(payee);
            if (total > signed && total > highest) {
                vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ClaimAboveVoucher.selector, id, total, signed));
                channels.claim(claims);
                continue;
            }
            uint256 expected = total > highest ? total - highest : 0;
            assertEq(channels.claim(claims), expected, "pays the increment or nothing");
            if (total > highest) highest = total;
            assertEq(_ch(id).claimed, highest, "claimed == highest total chosen");
            assertLe(highest, signed, "never above the voucher");
            assertEq(usd.balanceOf(payee), highest, "payee paid each unit once");
            assertEq(usd.balanceOf(address(channels)), deposit - highest, "rest held");
        }
    }

    function testFuzz_claim_revertsVoucherAboveDeposit(uint256 depositSeed, uint256 excessSeed) public {
        uint256 deposit = bound(depositSeed, 1, MAX);
        uint256 amount = deposit + bound(excessSeed, 1, type(uint256).max - deposit);
        bytes32 id = _open(deposit);
        bytes memory sig = _voucher(payerKey, id, amount);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAboveDeposit.selector, id, amount, deposit));
        vm.prank(payee);
        channels.claim(_claim(id, amount, sig));
    }

    function testFuzz_claim_revertsInvalidVoucherOfAnyOtherKey(uint256 keySeed, uint256 amountSeed) public {
        uint256 key = bound(keySeed, 1, SECP256K1_N - 1);
        vm.assume(key != payerKey);
        bytes32 id = _open(100 * USD);
        uint256 amount = bound(amountSeed, 1, 100 * USD);
        bytes memory sig = _voucher(key, id, amount);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidVoucher.selector, id));
        vm.prank(payee);
        channels.claim(_claim(id, amount, sig));
    }

    /// @dev Claim, then close with a final voucher: payee, vault and payer split the deposit to the unit.
    function testFuzz_closeWithVoucher_splitsDepositExactly(
        uint256 depositSeed,
        uint256 firstSeed,
        uint256 finalSeed,
        uint16 bpsSeed
    ) public {
        uint256 deposit = bound(depositSeed, 1, MAX);
        uint16 bps = uint16(bound(bpsSeed, 0, 10_000));
        bytes32 id = _open(payer, payee, payer, deposit, bps == 0 ? 0 : assetId, bps, 0);
        uint256 first = bound(firstSeed, 0, deposit);
        uint256 last = bound(finalSeed, 0, deposit);
        _claimAs(payee, id, first);
        vm.prank(payee);
        channels.closeWithVoucher(id, last, last, _voucher(payerKey, id, last));
        uint256 claimed = first > last ? first : last;
        (uint256 royalty,,) = vault.totals();
        assertEq(royalty, claimed * bps / 10_000, "vault");
        assertEq(usd.balanceOf(payee), claimed - royalty, "payee");
        assertEq(usd.balanceOf(payer), deposit - claimed, "payer");
        assertEq(usd.balanceOf(address(channels)), 0, "nothing left");
    }

    function testFuzz_withdraw_onlyOnceChallengeEnded(uint256 elapsedSeed) public {
        bytes32 id = _open(100);
        vm.prank(payer);
        channels.requestClose(id);
        uint64 endsAt = uint64(block.timestamp) + CHALLENGE;
        uint256 elapsed = bound(elapsedSeed, 0, 3 * CHALLENGE);
        vm.warp(block.timestamp + elapsed);
        if (elapsed < CHALLENGE) {
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChallengePeriodActive.selector, id, endsAt));
            channels.withdraw(id);
        } else {
            channels.withdraw(id);
            assertEq(usd.balanceOf(payer), 100, "refunded");
        }
    }

    function testFuzz_topUp_cancelsCloseOnlyForPayer(address from, uint256 amountSeed) public {
        vm.assume(from != address(0) && from != address(channels) && from != address(usd) && from != address(vm));
        bytes32 id = _open(100);
        vm.prank(payer);
        channels.requestClose(id);
        uint64 requestedAt = _ch(id).closeRequestedAt;
        uint256 amount = bound(amountSeed, 1, MAX);
        _mintApproved(from, address(channels), amount);
        vm.prank(from);
        channels.topUp(id, amount);
        assertEq(_ch(id).closeRequestedAt, from == payer ? 0 : requestedAt, "only the payer cancels");
        assertEq(_ch(id).deposit, 100 + amount, "deposit");
    }

    function testFuzz_channelIdOf_followsSpec(address from, address to, address signer, bytes32 salt) public view {
        assertEq(channels.channelIdOf(from, to, signer, salt), keccak256(abi.encode(from, to, signer, salt)), "id");
    }
}
