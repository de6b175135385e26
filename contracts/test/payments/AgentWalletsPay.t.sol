// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice The agent's side: payments by its own transaction or by signature, each held to the policy in one
///         order (paused, allow-list, maximum, budget, balance), with budgets per fixed window.
contract AgentWalletsPayTest is PaymentsTestBase {
    uint128 internal constant BUDGET = 100 * USD;
    uint64 internal constant PERIOD = 1 days;
    uint128 internal constant MAX = 40 * USD;
    bytes32 internal constant MEMO = "GET /v1/content/42";

    uint256 internal start;

    function setUp() public override {
        super.setUp();
        _wallet(_policy(BUDGET, PERIOD, MAX), 1_000 * USD);
        start = block.timestamp;
    }

    function test_pay_paysPayeeBooksSpendAndEmits() public {
        vm.expectEmit(address(wallets));
        emit IAgentWallets.Paid(agent, payee, 25 * USD, MEMO);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(wallets), payee, 25 * USD);
        vm.prank(agent);
        wallets.pay(payee, 25 * USD, MEMO);
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.balance, 975 * USD, "balance");
        assertEq(w.spentInPeriod, 25 * USD, "spent");
        assertEq(usd.balanceOf(payee), 25 * USD, "payee");
    }

    function test_pay_revertsWalletPaused() public {
        vm.prank(owner);
        wallets.setPaused(agent, true);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent));
        vm.prank(agent);
        wallets.pay(payee, 1, MEMO);
    }

    function test_pay_revertsPayeeNotAllowed() public {
        _allowlistOnly();
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, stranger));
        vm.prank(agent);
        wallets.pay(stranger, 1, MEMO);
        vm.prank(agent);
        wallets.pay(payee, 1, MEMO); // the allowed one goes through
        assertEq(usd.balanceOf(payee), 1, "allowed payee paid");
    }

    function test_pay_revertsPayeeNotAllowedAfterRemoval() public {
        _allowlistOnly();
        vm.prank(owner);
        wallets.setPayee(agent, payee, false);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, payee));
        vm.prank(agent);
        wallets.pay(payee, 1, MEMO);
    }

    function test_pay_ignoresListWhenNotAllowlistOnly() public {
        vm.prank(agent);
        wallets.pay(stranger, 1, MEMO);
        assertEq(usd.balanceOf(stranger), 1, "any payee");
    }

    function test_pay_revertsOverMaxPerPayment() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverMaxPerPayment.selector, MAX + 1, MAX));
        vm.prank(agent);
        wallets.pay(payee, MAX + 1, MEMO);
    }

    function test_pay_revertsOverBudget() public {
        _pay(MAX);
        _pay(MAX);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 20 * USD + 1, 20 * USD));
        vm.prank(agent);
        wallets.pay(payee, 20 * USD + 1, MEMO);
        _pay(20 * USD); // exactly the rest is fine
        assertEq(wallets.walletOf(agent).spentInPeriod, BUDGET, "budget used up");
    }

    function test_pay_revertsInsufficientBalance() public {
        vm.prank(owner);
        wallets.withdraw(agent, 1_000 * USD - 5, owner);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InsufficientBalance.selector, 6, 5));
        vm.prank(agent);
        wallets.pay(payee, 6, MEMO);
    }

    /// @dev Every check fails at once: the first in the documented order names the error.
    function test_pay_checksInDocumentedOrder() public {
        _allowlistOnly();
        vm.prank(owner);
        wallets.withdraw(agent, 1_000 * USD, owner);
        vm.prank(owner);
        wallets.setPaused(agent, true);
        bytes[5] memory errors = [
            abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent),
            abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, stranger),
            abi.encodeWithSelector(IAgentWallets.OverMaxPerPayment.selector, MAX + 1, MAX),
            abi.encodeWithSelector(IAgentWallets.OverBudget.selector, MAX, 0),
            abi.encodeWithSelector(IAgentWallets.InsufficientBalance.selector, 1, 0)
        ];
        vm.expectRevert(errors[0]);
        _payTo(stranger, MAX + 1);
        vm.prank(owner);
        wallets.setPaused(agent, false);
        vm.expectRevert(errors[1]);
        _payTo(stranger, MAX + 1);
        vm.expectRevert(errors[2]);
        _payTo(payee, MAX + 1);
        _topUpAndSpendBudget();
        vm.expectRevert(errors[3]);
        _payTo(payee, MAX);
        vm.warp(block.timestamp + PERIOD);
        vm.expectRevert(errors[4]);
        _payTo(payee, 1);
    }

    function test_pay_revertsUnknownWallet() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.UnknownWallet.selector, stranger));
        vm.prank(stranger);
        wallets.pay(payee, 1, MEMO);
    }

    function test_pay_revertsZeroAmount() public {
        vm.expectRevert(IAgentWallets.ZeroAmount.selector);
        vm.prank(agent);
        wallets.pay(payee, 0, MEMO);
    }

    function test_pay_revertsZeroAddress() public {
        vm.expectRevert(IAgentWallets.ZeroAddress.selector);
        vm.prank(agent);
        wallets.pay(address(0), 1, MEMO);
    }

    /// @dev One second before the boundary the budget is spent; at the boundary exactly, it is whole again.
    function test_pay_budgetResetsExactlyAtPeriodBoundary() public {
        _pay(MAX);
        _pay(MAX);
        _pay(20 * USD);
        vm.warp(start + PERIOD - 1);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 1, 0));
        vm.prank(agent);
        wallets.pay(payee, 1, MEMO);
        vm.warp(start + PERIOD);
        assertEq(wallets.walletOf(agent).spentInPeriod, 0, "view shows the new period");
        assertEq(wallets.walletOf(agent).periodStart, start + PERIOD, "new period starts at the boundary");
        assertEq(wallets.spendable(agent), BUDGET, "whole budget again");
        _pay(MAX);
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.spentInPeriod, MAX, "spent in the new period");
        assertEq(w.periodStart, start + PERIOD, "stored");
    }

    /// @dev After idle periods the window moves by whole periods, so it stays aligned with the first one.
    function test_pay_periodAdvancesByWholePeriods() public {
        _pay(MAX);
        vm.warp(start + 5 * PERIOD + 123);
        _pay(MAX);
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.periodStart, start + 5 * PERIOD, "aligned start");
        assertEq(w.spentInPeriod, MAX, "fresh period");
        vm.warp(start + 6 * PERIOD - 1);
        assertEq(wallets.walletOf(agent).spentInPeriod, MAX, "same period until its end");
    }

    /// @dev Spending already done in the period counts against a lowered budget.
    function test_setLimits_keepsSpendingOfCurrentPeriod() public {
        _pay(MAX);
        vm.prank(owner);
        wallets.setLimits(agent, _limits(30 * USD, PERIOD, 10 * USD));
        assertEq(wallets.spendable(agent), 0, "spent above the new budget");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 1, 0));
        vm.prank(agent);
        wallets.pay(payee, 1, MEMO);
    }

    function test_payBySig_paysFromAnySubmitterAndEmits() public {
        bytes memory sig = _paymentSig(agentKey, payee, 25 * USD, MEMO, "n1", start + 1 hours);
        vm.expectEmit(address(wallets));
        emit IAgentWallets.Paid(agent, payee, 25 * USD, MEMO);
        vm.prank(stranger);
        wallets.payBySig(agent, payee, 25 * USD, MEMO, "n1", start + 1 hours, sig);
        assertEq(usd.balanceOf(payee), 25 * USD, "payee");
        assertEq(wallets.walletOf(agent).spentInPeriod, 25 * USD, "spent");
        assertTrue(wallets.nonceUsed(agent, "n1"), "nonce used");
        assertEq(
            wallets.paymentDigest(agent, payee, 25 * USD, MEMO, "n1", start + 1 hours),
            _paymentDigest(agent, payee, 25 * USD, MEMO, "n1", start + 1 hours, block.chainid),
            "digest follows the EIP-712 spec"
        );
    }

    function test_payBySig_acceptsNoncesInAnyOrder() public {
        bytes32[3] memory nonces = [bytes32("c"), "a", "b"];
        for (uint256 i; i < 3; ++i) {
            bytes memory sig = _paymentSig(agentKey, payee, 1, MEMO, nonces[i], start);
            wallets.payBySig(agent, payee, 1, MEMO, nonces[i], start, sig);
        }
        assertEq(usd.balanceOf(payee), 3, "three payments");
    }

    function test_payBySig_revertsNonceUsed() public {
        bytes memory sig = _paymentSig(agentKey, payee, 1, MEMO, "n", start);
        wallets.payBySig(agent, payee, 1, MEMO, "n", start, sig);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NonceUsed.selector, agent, bytes32("n")));
        wallets.payBySig(agent, payee, 1, MEMO, "n", start, sig);
        assertEq(usd.balanceOf(payee), 1, "paid once");
    }

    /// @dev A nonce is spent only by a payment that went through: a refused one can be submitted again later.
    function test_payBySig_nonceStaysUnusedWhenPaymentRefused() public {
        vm.prank(owner);
        wallets.setPaused(agent, true);
        bytes memory sig = _paymentSig(agentKey, payee, 1, MEMO, "n", start + 1);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent));
        wallets.payBySig(agent, payee, 1, MEMO, "n", start + 1, sig);
        assertFalse(wallets.nonceUsed(agent, "n"), "unused");
        vm.prank(owner);
        wallets.setPaused(agent, false);
        wallets.payBySig(agent, payee, 1, MEMO, "n", start + 1, sig);
        assertEq(usd.balanceOf(payee), 1, "paid");
    }

    function test_payBySig_acceptsAtDeadlineRevertsPaymentExpiredAfter() public {
        bytes memory sig = _paymentSig(agentKey, payee, 1, MEMO, "n", start + 10);
        vm.warp(start + 11);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PaymentExpired.selector, start + 10));
        wallets.payBySig(agent, payee, 1, MEMO, "n", start + 10, sig);
        vm.warp(start + 10);
        wallets.payBySig(agent, payee, 1, MEMO, "n", start + 10, sig);
        assertEq(usd.balanceOf(payee), 1, "valid at the deadline itself");
    }

    function test_payBySig_revertsInvalidSignatureFromAnotherKey() public {
        bytes memory sig = _signDigest(payerKey, _paymentDigest(agent, payee, 1, MEMO, "n", start, block.chainid));
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
        wallets.payBySig(agent, payee, 1, MEMO, "n", start, sig);
    }

    function test_payBySig_revertsInvalidSignatureForChangedTerms() public {
        bytes memory sig = _paymentSig(agentKey, payee, 1, MEMO, "n", start);
        bytes[4] memory calls = [
            abi.encodeCall(wallets.payBySig, (agent, stranger, 1, MEMO, "n", start, sig)),
            abi.encodeCall(wallets.payBySig, (agent, payee, 2, MEMO, "n", start, sig)),
            abi.encodeCall(wallets.payBySig, (agent, payee, 1, "other", "n", start, sig)),
            abi.encodeCall(wallets.payBySig, (agent, payee, 1, MEMO, "n", start + 1, sig))
        ];
        for (uint256 i; i < calls.length; ++i) {
            (bool ok, bytes memory result) = address(wallets).call(calls[i]);
            assertFalse(ok, "refused");
            assertEq(result, abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent), "named");
        }
    }

    function test_payBySig_revertsInvalidSignatureForAnotherChain() public {
        bytes memory sig = _signDigest(agentKey, _paymentDigest(agent, payee, 1, MEMO, "n", start, block.chainid + 1));
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
        wallets.payBySig(agent, payee, 1, MEMO, "n", start, sig);
    }

    function test_payBySig_revertsInvalidSignatureMalformed() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InvalidSignature.selector, agent));
        wallets.payBySig(agent, payee, 1, MEMO, "n", start, hex"1234");
    }

    function test_payBySig_heldToThePolicy() public {
        bytes memory sig = _paymentSig(agentKey, payee, MAX + 1, MEMO, "n", start);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverMaxPerPayment.selector, MAX + 1, MAX));
        wallets.payBySig(agent, payee, MAX + 1, MEMO, "n", start, sig);
    }

    function _allowlistOnly() internal {
        vm.prank(owner);
        wallets.setAllowlistOnly(agent, true);
        vm.prank(owner);
        wallets.setPayee(agent, payee, true);
    }

    function _pay(uint256 amount) internal {
        _payTo(payee, amount);
    }

    function _payTo(address to, uint256 amount) internal {
        vm.prank(agent);
        wallets.pay(to, amount, MEMO);
    }

    /// @dev Deposits the budget and spends it, leaving the balance empty again.
    function _topUpAndSpendBudget() internal {
        _mintApproved(owner, address(wallets), BUDGET);
        vm.prank(owner);
        wallets.deposit(agent, BUDGET);
        _pay(MAX);
        _pay(MAX);
        _pay(BUDGET - 2 * MAX);
    }
}
