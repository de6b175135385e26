// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {AgentWalletsHandler} from "./AgentWalletsHandler.sol";
import {AgentWalletsModel} from "./AgentWalletsModel.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Agent wallets never create, lose or misroute money and never let an agent past its policy: the contract
///         holds exactly the wallets' balances, each agent's channel account exactly its unreclaimed refunds, every
///         wallet matches the model, no payment ever went through above the maximum or the budget in force, and an
///         allow-listed wallet never paid a payee off its list by any path (`pay`, `payBySig`, `openChannel`, nor a
///         channels contract of the agent's choosing).
/// @dev One campaign of 5 runs of 300 calls checks all of it (about 2 s of CPU). Every payment's outcome is also
///      predicted call by call in the handler (an unpredicted success or error fails the run, as `fail_on_revert`
///      is on). A run misses one of the 11 actions with p = 11 * (10/11)^300 < 1e-11; `payOffList` cycles through
///      its four paths, so a run misses one only with fewer than four such calls (p < 1e-7); `refuse` cycles through the five
///      policy refusals, so a run misses one only with fewer than five `refuse` calls (p < 1e-8), and an entry
///      point gets no refusal with p < (2/3)^25.
contract AgentWalletsInvariantTest is PaymentsTestBase {
    AgentWalletsHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new AgentWalletsHandler(wallets, channels, usd);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = AgentWalletsHandler.deposit.selector;
        selectors[1] = AgentWalletsHandler.withdraw.selector;
        selectors[2] = AgentWalletsHandler.pay.selector;
        selectors[3] = AgentWalletsHandler.payBySig.selector;
        selectors[4] = AgentWalletsHandler.openChannel.selector;
        selectors[5] = AgentWalletsHandler.closeChannel.selector;
        selectors[6] = AgentWalletsHandler.reclaim.selector;
        selectors[7] = AgentWalletsHandler.setPolicy.selector;
        selectors[8] = AgentWalletsHandler.refuse.selector;
        selectors[9] = AgentWalletsHandler.warp.selector;
        selectors[10] = AgentWalletsHandler.payOffList.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev (a) Conservation: token balance == Σ wallet balances == deposits + reclaimed refunds - withdrawals -
    ///      payments - channel deposits; each channel account holds exactly its agent's unreclaimed refunds.
    ///      (b) Every wallet (balance, window, spending) matches the model. (c) No payment above the maximum, and
    ///      no window's spending above the budget, in force when it was made (ghosts).
    /// forge-config: default.invariant.runs = 5
    /// forge-config: default.invariant.depth = 300
    function invariant_wallets() public {
        vm.warp(handler.time());
        uint256 sum;
        for (uint256 i; i < 2; ++i) {
            address agent = handler.agents(i);
            IAgentWallets.Wallet memory w = wallets.walletOf(agent);
            AgentWalletsModel.Book memory b = handler.book(agent);
            (uint256 start, uint256 spent) = handler.window(agent);
            assertEq(w.balance, b.balance, "balance vs model");
            assertEq(w.spentInPeriod, spent, "spent in period vs model");
            assertEq(w.periodStart, start, "period start vs model");
            assertEq(usd.balanceOf(wallets.channelAccountOf(agent)), b.pending, "account holds unreclaimed refunds");
            sum += w.balance;
        }
        uint256 held = usd.balanceOf(address(wallets));
        assertEq(held, sum, "token balance == sum of wallet balances");
        assertEq(
            held,
            handler.deposited() + handler.reclaimed() - handler.withdrawn() - handler.paid()
                - handler.channelDeposits(),
            "token balance vs flows"
        );
        uint256 payees;
        for (uint256 i; i < 3; ++i) {
            payees += usd.balanceOf(handler.payees(i));
        }
        assertEq(payees, handler.paid() + handler.channelPayouts(), "payees got exactly the payments and claims");
        assertEq(handler.overMaxPayments(), 0, "a payment above the maximum went through");
        assertEq(handler.overBudgetPayments(), 0, "a window's spending went above the budget");
        assertEq(handler.mismatches(), 0, "a token movement differed from the model");
        assertEq(handler.offListPayments(), 0, "an allow-listed wallet paid a payee off its list");
        assertEq(usd.balanceOf(handler.THIEF()), 0, "a deposit reached the thief's channels contract's owner");
    }

    /// @dev Guards against passing vacuously: every path paid, every refusal happened, channels went full circle.
    function afterInvariant() public view {
        assertGt(handler.payments(), 0, "no payment");
        assertGt(handler.sigPayments(), 0, "no payment by signature");
        assertGt(handler.channelsOpened(), 0, "no channel opened");
        assertGt(handler.cooperativeCloses() + handler.exits(), 0, "no channel closed");
        assertGt(handler.reclaims(), 0, "no refund reclaimed");
        assertGt(handler.emptyReclaims(), 0, "no reclaim that paid nothing");
        assertGt(handler.policiesSet(), 0, "no policy set");
        assertGt(handler.rollovers(), 0, "no budget reset by a new period");
        bytes4[7] memory errors = [
            IAgentWallets.WalletPaused.selector,
            IAgentWallets.PayeeNotAllowed.selector,
            IAgentWallets.OverMaxPerPayment.selector,
            IAgentWallets.OverBudget.selector,
            IAgentWallets.InsufficientBalance.selector,
            IAgentWallets.NonceUsed.selector,
            IAgentWallets.PaymentExpired.selector
        ];
        for (uint256 i; i < errors.length; ++i) {
            assertGt(handler.refusals(errors[i]), 0, string.concat("no refusal ", vm.toString(bytes32(errors[i]))));
        }
        for (uint256 i; i < 3; ++i) {
            assertGt(handler.refusalsByPath(i), 0, "an entry point never refused");
            assertGt(handler.offListRefusals(i), 0, "an entry point never refused a payee off the list");
        }
        assertGt(handler.thiefChannelsRefused(), 0, "the thief's channels contract was never tried");
    }
}
