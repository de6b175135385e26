// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Agent wallet properties over arbitrary policies, amounts and times.
contract AgentWalletsFuzzTest is PaymentsTestBase {
    /// @dev A run of payments at arbitrary times: each goes through exactly when the fixed window it falls in has
    ///      room for it, and is refused with the window's exact remainder otherwise.
    function testFuzz_pay_budgetHoldsPerFixedWindow(
        uint64 periodSeed,
        uint128 budgetSeed,
        uint256[8] memory amounts,
        uint256[8] memory gaps
    ) public {
        uint64 period = uint64(bound(periodSeed, 1, 30 days));
        uint128 budget = uint128(bound(budgetSeed, 1, 1_000 * USD));
        _wallet(_policy(budget, period, budget), 8 * uint256(budget));
        uint256 start = block.timestamp;
        uint256 spent;
        uint256 window = start;
        for (uint256 i; i < 8; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 2 * uint256(period)));
            uint256 current = start + (block.timestamp - start) / period * period;
            if (current != window) (window, spent) = (current, 0);
            uint256 amount = bound(amounts[i], 1, budget);
            if (spent + amount > budget) {
                vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, amount, budget - spent));
                vm.prank(agent);
                wallets.pay(payee, amount, 0);
            } else {
                vm.prank(agent);
                wallets.pay(payee, amount, 0);
                spent += amount;
            }
            IAgentWallets.Wallet memory w = wallets.walletOf(agent);
            assertEq(w.periodStart, window, "window start");
            assertEq(w.spentInPeriod, spent, "spent in window");
            assertLe(w.spentInPeriod, budget, "never above the budget");
        }
    }

    function testFuzz_walletOf_periodStartMovesByWholePeriods(uint64 periodSeed, uint256 elapsedSeed) public {
        uint64 period = uint64(bound(periodSeed, 1, 365 days));
        _wallet(_policy(10, period, 10), 0);
        uint256 start = block.timestamp;
        uint256 elapsed = bound(elapsedSeed, 0, 100 * 365 days);
        vm.warp(start + elapsed);
        assertEq(wallets.walletOf(agent).periodStart, start + elapsed / period * period, "aligned");
    }

    function testFuzz_pay_revertsOverMaxPerPayment(uint128 maxSeed, uint256 amountSeed) public {
        uint128 max = uint128(bound(maxSeed, 1, 1_000 * USD));
        _wallet(_policy(1_000 * USD, 1 days, max), 2_000 * USD);
        uint256 amount = bound(amountSeed, uint256(max) + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverMaxPerPayment.selector, amount, max));
        vm.prank(agent);
        wallets.pay(payee, amount, 0);
    }

    function testFuzz_payBySig_refusesAnyOtherKey(uint256 keySeed) public {
        uint256 key = bound(keySeed, 1, SECP256K1_N - 1);
        vm.assume(key != agentKey);
        _wallet(_policy(100, 1 days, 100), 100);
        bytes memory sig = _signDigest(key, _paymentDigest(agent, payee, 1, 0, 0, block.timestamp, block.chainid));
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
        wallets.payBySig(agent, payee, 1, 0, 0, block.timestamp, sig);
    }

    /// @dev A channel funded from the wallet comes back as exactly deposit - claimed, once; the contract always
    ///      holds exactly the wallet's balance.
    function testFuzz_reclaimChannel_creditsExactRefundOnce(uint256 depositSeed, uint256 claimedSeed) public {
        _wallet(_policy(1_000 * USD, 1 days, 1_000 * USD), 1_000 * USD);
        uint256 deposit = bound(depositSeed, 1, 1_000 * USD);
        uint256 claimed = bound(claimedSeed, 0, deposit);
        vm.prank(agent);
        bytes32 id = wallets.openChannel(address(channels), payee, deposit, 0, 0, 0);
        vm.prank(payee);
        channels.closeWithVoucher(id, claimed, claimed, _voucher(agentKey, id, claimed));
        assertEq(wallets.reclaimChannel(address(channels), id), deposit - claimed, "refund");
        assertEq(wallets.reclaimChannel(address(channels), id), 0, "once");
        assertEq(_balanceOf(agent), 1_000 * USD - claimed, "wallet lost exactly what was claimed");
        assertEq(usd.balanceOf(address(wallets)), _balanceOf(agent), "conservation");
    }

    /// @dev The agent's consent to one owner serves no other caller, whoever copies it.
    function testFuzz_createWallet_consentServesOnlyTheOwnerItNames(address caller) public {
        vm.assume(caller != owner && caller != agent);
        uint256 deadline = block.timestamp;
        bytes memory consent = _consentSig(agentKey, owner, deadline);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
        vm.prank(caller);
        wallets.createWallet(agent, _policy(100, 1 days, 100), deadline, consent);
        vm.prank(owner);
        wallets.createWallet(agent, _policy(100, 1 days, 100), deadline, consent);
        assertEq(wallets.walletOf(agent).owner, owner, "owner");
    }

    /// @dev No channel contract but the bound one is ever funded, whatever the policy allows.
    function testFuzz_openChannel_revertsChannelsNotApprovedForAnyOther(address other, uint256 depositSeed) public {
        vm.assume(other != address(channels));
        _wallet(_policy(1_000 * USD, 1 days, 1_000 * USD), 1_000 * USD);
        uint256 deposit = bound(depositSeed, 1, 1_000 * USD);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.ChannelsNotApproved.selector, other));
        vm.prank(agent);
        wallets.openChannel(other, payee, deposit, 0, 0, 0);
        assertEq(_balanceOf(agent), 1_000 * USD, "nothing left the wallet");
    }

    /// @dev Any edit of the limits leaves both switches as they were.
    function testFuzz_setLimits_neverChangesTheSwitches(
        uint128 budgetSeed,
        uint64 periodSeed,
        bool paused,
        bool listOnly
    ) public {
        IAgentWallets.Policy memory p = _policy(100, 1 days, 100);
        (p.paused, p.allowlistOnly) = (paused, listOnly);
        _wallet(p, 0);
        uint128 budget = uint128(bound(budgetSeed, 1, type(uint128).max));
        uint64 period = uint64(bound(periodSeed, 1, type(uint64).max));
        vm.prank(owner);
        wallets.setLimits(agent, _limits(budget, period, budget));
        IAgentWallets.Policy memory after_ = wallets.walletOf(agent).policy;
        assertEq(after_.paused, paused, "paused");
        assertEq(after_.allowlistOnly, listOnly, "allow-list only");
        assertEq(after_.budgetPerPeriod, budget, "budget");
    }
}
