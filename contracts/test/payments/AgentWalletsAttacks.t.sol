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
    ///      thief, and the whole wallet left within the budget caps.
    function test_openChannel_thiefChannelsCannotDrainAllowlistedWallet() public {
        IAgentWallets.Policy memory p = _policy(BUDGET, 1 days, MAX);
        p.allowlistOnly = true;
        _wallet(p, 500 * USD);
        vm.prank(owner);
        wallets.setPayee(agent, payee, true);
        address thief = makeAddr("thief");
        ThiefChannels thiefChannels = new ThiefChannels(usd, thief);
        for (uint256 i; i < 5; ++i) {
            vm.prank(agent);
            try wallets.openChannel(address(thiefChannels), payee, MAX, 0, 0, bytes32(i)) {} catch {}
        }
        assertEq(usd.balanceOf(thief), 0, "the thief got nothing");
        assertEq(_balanceOf(agent), 500 * USD, "the wallet kept everything");
    }

    /// @dev Item 15a. A squatter creates the agent's wallet before its owner does (no consent from the agent key
    ///      was needed); the owner's top-up then lands in the squatter's wallet and the squatter withdraws it.
    function test_createWallet_squatterCannotTakeOwnersTopUp() public {
        address squatter = makeAddr("squatter");
        vm.prank(squatter);
        try wallets.createWallet(agent, _policy(BUDGET, 1 days, MAX)) {} catch {}
        // The owner, seeing the agent's wallet exists, tops it up (its own creation would revert WalletExists).
        _mintApproved(owner, address(wallets), 500 * USD);
        vm.prank(owner);
        try wallets.deposit(agent, 500 * USD) {} catch {}
        vm.prank(squatter);
        try wallets.withdraw(agent, 500 * USD, squatter) {} catch {}
        assertEq(usd.balanceOf(squatter), 0, "the squatter took nothing");
    }

    /// @dev Item 15b. The owner reads the policy, then pauses the wallet in an emergency; an edit of the limits built
    ///      from the earlier read (paused = false in it) lands after the pause and silently resumed the wallet.
    function test_setPolicy_staleEditCannotUndoEmergencyPause() public {
        _wallet(_policy(BUDGET, 1 days, MAX), 500 * USD);
        IAgentWallets.Policy memory edit = wallets.walletOf(agent).policy; // read before the pause
        vm.prank(owner);
        wallets.setPaused(agent, true);
        edit.maxPerPayment = 200 * USD;
        vm.prank(owner);
        wallets.setPolicy(agent, edit);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent));
        vm.prank(agent);
        wallets.pay(payee, 200 * USD, 0);
    }

    /// @dev Item 15b, the other switch: a stale edit turned the allow-list off again.
    function test_setPolicy_staleEditCannotTurnAllowlistOff() public {
        _wallet(_policy(BUDGET, 1 days, MAX), 500 * USD);
        IAgentWallets.Policy memory edit = wallets.walletOf(agent).policy; // read before the switch
        IAgentWallets.Policy memory listOnly = wallets.walletOf(agent).policy;
        listOnly.allowlistOnly = true;
        vm.prank(owner);
        wallets.setPolicy(agent, listOnly);
        edit.budgetPerPeriod = 2_000 * USD;
        vm.prank(owner);
        wallets.setPolicy(agent, edit);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, stranger));
        vm.prank(agent);
        wallets.pay(stranger, 50 * USD, 0);
    }
}
