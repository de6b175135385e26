// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice The owner's side of an agent wallet: creating it, funding it, taking funds out, and setting the policy.
contract AgentWalletsAdminTest is PaymentsTestBase {
    IAgentWallets.Policy internal policy;

    function setUp() public override {
        super.setUp();
        policy = _policy(100 * USD, 1 days, 10 * USD);
    }

    function test_createWallet_storesOwnerPolicyAndEmits() public {
        vm.expectEmit(address(wallets));
        emit IAgentWallets.WalletCreated(agent, owner, policy);
        _create(agentKey, owner, policy);
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.owner, owner, "owner");
        assertEq(w.balance, 0, "balance");
        assertEq(w.spentInPeriod, 0, "spent");
        assertEq(w.periodStart, block.timestamp, "period starts now");
        assertEq(abi.encode(w.policy), abi.encode(policy), "policy");
    }

    /// @dev A consent serves once: the same owner submitting it again finds the wallet there.
    function test_createWallet_revertsWalletExists() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory consent = _consentSig(agentKey, owner, deadline);
        vm.prank(owner);
        wallets.createWallet(agent, policy, deadline, consent);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.WalletExists.selector, agent));
        vm.prank(owner);
        wallets.createWallet(agent, policy, deadline, consent);
    }

    function test_createWallet_revertsZeroAddress() public {
        vm.expectRevert(IAgentWallets.ZeroAddress.selector);
        vm.prank(owner);
        wallets.createWallet(address(0), policy, 0, "");
    }

    function test_createWallet_consentDigestFollowsTheEip712Spec() public view {
        assertEq(
            wallets.consentDigest(agent, owner, 42),
            _consentDigest(agent, owner, 42, block.chainid, address(wallets)),
            "digest"
        );
    }

    function test_createWallet_acceptsConsentAtDeadlineRevertsConsentExpiredAfter() public {
        uint256 deadline = block.timestamp;
        bytes memory consent = _consentSig(agentKey, owner, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.ConsentExpired.selector, deadline));
        vm.prank(owner);
        wallets.createWallet(agent, policy, deadline, consent);
        vm.warp(deadline);
        vm.prank(owner);
        wallets.createWallet(agent, policy, deadline, consent);
        assertEq(wallets.walletOf(agent).owner, owner, "created at the deadline");
    }

    /// @dev The consent binds the chain, this contract, the agent, the owner and the deadline.
    function test_createWallet_revertsInvalidSignatureForConsentToAnythingElse() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes[5] memory wrong = [
            _signDigest(agentKey, _consentDigest(agent, owner, deadline, block.chainid + 1, address(wallets))),
            _signDigest(agentKey, _consentDigest(agent, owner, deadline, block.chainid, address(channels))),
            _consentSig(agentKey, stranger, deadline),
            _consentSig(agentKey, owner, deadline + 1),
            _consentSig(payerKey, owner, deadline)
        ];
        for (uint256 i; i < wrong.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
            vm.prank(owner);
            wallets.createWallet(agent, policy, deadline, wrong[i]);
        }
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
        vm.prank(owner);
        wallets.createWallet(agent, policy, deadline, hex"1234");
    }

    /// @dev The agent's own call is its consent: a wallet it owns, no signature needed.
    function test_createWallet_byTheAgentItselfNeedsNoSignature() public {
        vm.prank(agent);
        wallets.createWallet(agent, policy, 0, "");
        assertEq(wallets.walletOf(agent).owner, agent, "owned by the agent");
    }

    function test_createWallet_revertsInvalidPolicyForEachReason() public {
        IAgentWallets.Policy[4] memory bad =
            [_policy(100, 0, 10), _policy(0, 1 days, 0), _policy(100, 1 days, 0), _policy(100, 1 days, 101)];
        string[4] memory reasons =
            ["period is zero", "budget is zero", "max per payment is zero", "max per payment above budget"];
        bytes memory consent = _consentSig(agentKey, owner, block.timestamp);
        for (uint256 i; i < 4; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidPolicy.selector, reasons[i]));
            vm.prank(owner);
            wallets.createWallet(agent, bad[i], block.timestamp, consent);
        }
    }

    function test_createWallet_acceptsMaxEqualToBudget() public {
        _create(agentKey, owner, _policy(100, 1, 100));
        assertEq(wallets.walletOf(agent).policy.maxPerPayment, 100, "max");
    }

    function test_deposit_creditsWalletFromAnyoneAndEmits() public {
        _wallet(policy, 0);
        _mintApproved(stranger, address(wallets), 50 * USD);
        vm.expectEmit(address(wallets));
        emit IAgentWallets.Deposited(agent, stranger, 50 * USD);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(stranger, address(wallets), 50 * USD);
        vm.prank(stranger);
        wallets.deposit(agent, 50 * USD);
        assertEq(_balanceOf(agent), 50 * USD, "balance");
        assertEq(usd.balanceOf(address(wallets)), 50 * USD, "held");
    }

    function test_deposit_revertsZeroAmount() public {
        _wallet(policy, 0);
        vm.expectRevert(IAgentWallets.ZeroAmount.selector);
        wallets.deposit(agent, 0);
    }

    function test_deposit_revertsUnknownWallet() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.UnknownWallet.selector, agent));
        wallets.deposit(agent, 1);
    }

    function test_withdraw_sendsToRecipientAndEmits() public {
        _wallet(policy, 50 * USD);
        vm.expectEmit(address(wallets));
        emit IAgentWallets.Withdrawn(agent, stranger, 20 * USD);
        vm.prank(owner);
        wallets.withdraw(agent, 20 * USD, stranger);
        assertEq(_balanceOf(agent), 30 * USD, "balance");
        assertEq(usd.balanceOf(stranger), 20 * USD, "recipient");
    }

    /// @dev The policy binds the agent, not the owner: a paused wallet can still be emptied, beyond any budget.
    function test_withdraw_ignoresPolicy() public {
        _wallet(policy, 500 * USD);
        vm.prank(owner);
        wallets.setPaused(agent, true);
        vm.prank(owner);
        wallets.withdraw(agent, 500 * USD, owner);
        assertEq(usd.balanceOf(owner), 500 * USD, "all of it");
    }

    function test_withdraw_revertsNotOwner() public {
        _wallet(policy, 50 * USD);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, agent));
        vm.prank(agent);
        wallets.withdraw(agent, 1, agent);
    }

    function test_withdraw_revertsUnknownWallet() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.UnknownWallet.selector, agent));
        vm.prank(owner);
        wallets.withdraw(agent, 1, owner);
    }

    function test_withdraw_revertsInsufficientBalance() public {
        _wallet(policy, 50 * USD);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InsufficientBalance.selector, 50 * USD + 1, 50 * USD));
        vm.prank(owner);
        wallets.withdraw(agent, 50 * USD + 1, owner);
    }

    function test_withdraw_revertsZeroAmount() public {
        _wallet(policy, 50 * USD);
        vm.expectRevert(IAgentWallets.ZeroAmount.selector);
        vm.prank(owner);
        wallets.withdraw(agent, 0, owner);
    }

    function test_withdraw_revertsZeroAddress() public {
        _wallet(policy, 50 * USD);
        vm.expectRevert(IAgentWallets.ZeroAddress.selector);
        vm.prank(owner);
        wallets.withdraw(agent, 1, address(0));
    }

    /// @dev The limits change; both switches, on here, keep their value.
    function test_setLimits_replacesLimitsKeepsSwitchesAndEmits() public {
        policy.allowlistOnly = true;
        policy.paused = true;
        _wallet(policy, 0);
        IAgentWallets.Policy memory next = _policy(7 * USD, 1 hours, 2 * USD);
        (next.allowlistOnly, next.paused) = (true, true);
        vm.expectEmit(address(wallets));
        emit IAgentWallets.PolicySet(agent, next);
        vm.prank(owner);
        wallets.setLimits(agent, _limits(7 * USD, 1 hours, 2 * USD));
        assertEq(abi.encode(wallets.walletOf(agent).policy), abi.encode(next), "policy");
    }

    function test_setLimits_shorterPeriodKeepsWhatWasSpent() public {
        _wallet(policy, 200 * USD); // 100 USD per day, 10 per payment
        for (uint256 i; i < 10; ++i) {
            vm.prank(agent);
            wallets.pay(payee, 10 * USD, 0);
        }
        vm.warp(block.timestamp + 23 hours);
        // Tighten to 10 per hour: the day's 100 already spent must not be forgotten by the shorter window.
        vm.prank(owner);
        wallets.setLimits(agent, _limits(10 * USD, 1 hours, 10 * USD));
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.spentInPeriod, 100 * USD, "spent carried");
        assertEq(w.periodStart, block.timestamp, "new window starts now");
        assertEq(wallets.spendable(agent), 0, "nothing more this hour");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 1 * USD, 0));
        vm.prank(agent);
        wallets.pay(payee, 1 * USD, 0);
        vm.warp(block.timestamp + 1 hours);
        assertEq(wallets.spendable(agent), 10 * USD, "the next hour's budget");
    }

    function test_setLimits_revertsNotOwner() public {
        _wallet(policy, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, stranger));
        vm.prank(stranger);
        wallets.setLimits(agent, _limits(1, 1, 1));
    }

    function test_setLimits_revertsInvalidPolicyForEachReason() public {
        _wallet(policy, 0);
        IAgentWallets.Limits[4] memory bad =
            [_limits(100, 0, 10), _limits(0, 1 days, 0), _limits(100, 1 days, 0), _limits(100, 1 days, 101)];
        string[4] memory reasons =
            ["period is zero", "budget is zero", "max per payment is zero", "max per payment above budget"];
        for (uint256 i; i < 4; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidPolicy.selector, reasons[i]));
            vm.prank(owner);
            wallets.setLimits(agent, bad[i]);
        }
    }

    function test_setAllowlistOnly_togglesKeepsLimitsAndEmitsPolicy() public {
        _wallet(policy, 0);
        IAgentWallets.Policy memory listOnly = _policy(100 * USD, 1 days, 10 * USD);
        listOnly.allowlistOnly = true;
        vm.expectEmit(address(wallets));
        emit IAgentWallets.PolicySet(agent, listOnly);
        vm.prank(owner);
        wallets.setAllowlistOnly(agent, true);
        assertEq(abi.encode(wallets.walletOf(agent).policy), abi.encode(listOnly), "on, limits kept");
        vm.prank(owner);
        wallets.setAllowlistOnly(agent, false);
        assertFalse(wallets.walletOf(agent).policy.allowlistOnly, "off");
    }

    function test_setAllowlistOnly_revertsNotOwner() public {
        _wallet(policy, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, agent));
        vm.prank(agent);
        wallets.setAllowlistOnly(agent, false);
    }

    function test_setAllowlistOnly_revertsUnknownWallet() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.UnknownWallet.selector, agent));
        vm.prank(owner);
        wallets.setAllowlistOnly(agent, true);
    }

    function test_setPayee_updatesListAndEmits() public {
        _wallet(policy, 0);
        vm.expectEmit(address(wallets));
        emit IAgentWallets.PayeeSet(agent, payee, true);
        vm.prank(owner);
        wallets.setPayee(agent, payee, true);
        assertTrue(wallets.isPayeeAllowed(agent, payee), "allowed");
        vm.prank(owner);
        wallets.setPayee(agent, payee, false);
        assertFalse(wallets.isPayeeAllowed(agent, payee), "removed");
    }

    function test_setPayee_revertsNotOwner() public {
        _wallet(policy, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, agent));
        vm.prank(agent);
        wallets.setPayee(agent, agent, true);
    }

    function test_setPayee_revertsZeroAddress() public {
        _wallet(policy, 0);
        vm.expectRevert(IAgentWallets.ZeroAddress.selector);
        vm.prank(owner);
        wallets.setPayee(agent, address(0), true);
    }

    function test_setPaused_togglesAndEmitsPolicy() public {
        _wallet(policy, 0);
        IAgentWallets.Policy memory paused = policy;
        paused.paused = true;
        vm.expectEmit(address(wallets));
        emit IAgentWallets.PolicySet(agent, paused);
        vm.prank(owner);
        wallets.setPaused(agent, true);
        assertTrue(wallets.walletOf(agent).policy.paused, "paused");
        vm.prank(owner);
        wallets.setPaused(agent, false);
        assertFalse(wallets.walletOf(agent).policy.paused, "resumed");
    }

    function test_setPaused_revertsNotOwner() public {
        _wallet(policy, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, agent));
        vm.prank(agent);
        wallets.setPaused(agent, false);
    }

    function test_setPaused_revertsUnknownWallet() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.UnknownWallet.selector, agent));
        vm.prank(owner);
        wallets.setPaused(agent, true);
    }

    function test_walletOf_revertsUnknownWallet() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.UnknownWallet.selector, agent));
        wallets.walletOf(agent);
    }

    function test_spendable_isBudgetLeftCappedByBalanceAndZeroWhenPaused() public {
        assertEq(wallets.spendable(agent), 0, "no wallet");
        _wallet(policy, 60 * USD);
        assertEq(wallets.spendable(agent), 60 * USD, "capped by balance");
        _mintApproved(owner, address(wallets), 100 * USD);
        vm.prank(owner);
        wallets.deposit(agent, 100 * USD);
        assertEq(wallets.spendable(agent), 100 * USD, "capped by budget");
        vm.prank(agent);
        wallets.pay(payee, 10 * USD, 0);
        assertEq(wallets.spendable(agent), 90 * USD, "budget left");
        vm.prank(owner);
        wallets.setPaused(agent, true);
        assertEq(wallets.spendable(agent), 0, "paused");
    }

    function test_views_bindTokenAndChannels() public view {
        assertEq(wallets.paymentToken(), address(usd), "token");
        assertEq(wallets.paymentChannels(), address(channels), "channels");
    }
}
