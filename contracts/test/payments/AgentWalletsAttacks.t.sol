// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {ThiefChannels} from "../mocks/payments/ThiefChannels.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice The attacks on agent wallets found by the adversarial review (issue 11, items 9 and 15), each as it was
///         demonstrated: every test here failed on the code before the fix.
contract AgentWalletsAttacksTest is PaymentsTestBase {
    uint128 internal constant BUDGET = 1_000 * USD;
    uint128 internal constant MAX = 100 * USD;

    /// @dev Item 9. The owner lets the agent pay one payee only; the agent key (stolen, or the agent gone rogue)
    ///      names a channels contract of its own in `openChannel`, with the allowed payee: each deposit went to the
    ///      thief, and the whole wallet left within the budget caps. Now only the bound channel contract is funded.
    function test_openChannel_thiefChannelsCannotDrainAllowlistedWallet() public {
        IAgentWallets.Policy memory p = _policy(BUDGET, 1 days, MAX);
        p.allowlistOnly = true;
        _wallet(p, 500 * USD);
        vm.prank(owner);
        wallets.setPayee(agent, payee, true);
        address thief = makeAddr("thief");
        ThiefChannels thiefChannels = new ThiefChannels(usd, thief);
        for (uint256 i; i < 5; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.ChannelsNotApproved.selector, address(thiefChannels)));
            vm.prank(agent);
            wallets.openChannel(address(thiefChannels), payee, MAX, 0, 0, bytes32(i));
        }
        assertEq(usd.balanceOf(thief), 0, "the thief got nothing");
        assertEq(_balanceOf(agent), 500 * USD, "the wallet kept everything");
        assertEq(wallets.walletOf(agent).spentInPeriod, 0, "and spent no budget");
    }

    /// @dev Item 9, the royalty variant: a channel to an allowed payee whose royalty share (here all of each claim)
    ///      goes to an asset's vault, which is no payee the owner allowed. With the allow-list on, the vault must be
    ///      on it too.
    function test_openChannel_royaltyShareCannotRouteAroundTheAllowlist() public {
        IAgentWallets.Policy memory p = _policy(BUDGET, 1 days, MAX);
        p.allowlistOnly = true;
        _wallet(p, 500 * USD);
        vm.prank(owner);
        wallets.setPayee(agent, payee, true);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, address(vault)));
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, MAX, assetId, 10_000, bytes32(0));
        vm.prank(owner);
        wallets.setPayee(agent, address(vault), true);
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, MAX, assetId, 10_000, bytes32(0));
        assertEq(wallets.walletOf(agent).spentInPeriod, MAX, "opened once the vault is allowed");
    }

    /// @dev Item 15a. A squatter created the agent's wallet before its owner did (no consent from the agent key was
    ///      needed); the owner's top-up then landed in the squatter's wallet and the squatter withdrew it. Now the
    ///      squatter has no consent to show: none, its own, or the owner's copied from the mempool (which names the
    ///      owner) are all refused, and the owner's wallet and top-up stay the owner's.
    function test_createWallet_squatterCannotTakeOwnersTopUp() public {
        address squatter = makeAddr("squatter");
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory ownersConsent = _consentSig(agentKey, owner, deadline);
        bytes[3] memory tries = [bytes(""), _consentSig(0x5107, squatter, deadline), ownersConsent];
        for (uint256 i; i < tries.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
            vm.prank(squatter);
            wallets.createWallet(agent, _policy(BUDGET, 1 days, MAX), deadline, tries[i]);
        }
        vm.prank(owner);
        wallets.createWallet(agent, _policy(BUDGET, 1 days, MAX), deadline, ownersConsent);
        _mintApproved(owner, address(wallets), 500 * USD);
        vm.prank(owner);
        wallets.deposit(agent, 500 * USD);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, squatter));
        vm.prank(squatter);
        wallets.withdraw(agent, 500 * USD, squatter);
        assertEq(usd.balanceOf(squatter), 0, "the squatter took nothing");
        assertEq(wallets.walletOf(agent).owner, owner, "the owner owns the wallet");
        assertEq(_balanceOf(agent), 500 * USD, "with its top-up");
    }

    /// @dev Item 15b. The owner reads the policy, then pauses the wallet in an emergency; an edit of the limits built
    ///      from the earlier read (paused = false in it) landed after the pause and silently resumed the wallet: the
    ///      agent paid 200 USD. Now an edit of the limits carries no switch.
    function test_setPolicy_staleEditCannotUndoEmergencyPause() public {
        _wallet(_policy(BUDGET, 1 days, MAX), 500 * USD);
        IAgentWallets.Policy memory read = wallets.walletOf(agent).policy; // read before the pause
        vm.prank(owner);
        wallets.setPaused(agent, true);
        vm.prank(owner);
        wallets.setLimits(agent, _limits(read.budgetPerPeriod, read.periodSeconds, 200 * USD));
        assertTrue(wallets.walletOf(agent).policy.paused, "still paused");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent));
        vm.prank(agent);
        wallets.pay(payee, 200 * USD, 0);
    }

    /// @dev Item 15b, the other switch: a stale edit turned the allow-list off again.
    function test_setPolicy_staleEditCannotTurnAllowlistOff() public {
        _wallet(_policy(BUDGET, 1 days, MAX), 500 * USD);
        IAgentWallets.Policy memory read = wallets.walletOf(agent).policy; // read before the switch
        vm.prank(owner);
        wallets.setAllowlistOnly(agent, true);
        vm.prank(owner);
        wallets.setLimits(agent, _limits(2_000 * USD, read.periodSeconds, read.maxPerPayment));
        assertTrue(wallets.walletOf(agent).policy.allowlistOnly, "still allow-list only");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, stranger));
        vm.prank(agent);
        wallets.pay(stranger, 50 * USD, 0);
    }

    /// @dev Item 15c, decided as a stated bound (IAgentWallets, docs/payments.md): fixed windows let twice the
    ///      budget leave within one second around a window's edge, and never more.
    function test_pay_atMostTwiceTheBudgetAcrossAWindowEdge() public {
        _wallet(_policy(BUDGET, 1 days, BUDGET), 5_000 * USD);
        uint256 edge = block.timestamp + 1 days;
        vm.warp(edge - 1);
        vm.prank(agent);
        wallets.pay(payee, BUDGET, 0);
        vm.warp(edge);
        vm.prank(agent);
        wallets.pay(payee, BUDGET, 0);
        assertEq(usd.balanceOf(payee), 2 * BUDGET, "twice the budget within one second");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 1, 0));
        vm.prank(agent);
        wallets.pay(payee, 1, 0);
        vm.warp(edge + 1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 1, 0));
        vm.prank(agent);
        wallets.pay(payee, 1, 0);
    }
}
