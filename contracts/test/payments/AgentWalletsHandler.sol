// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {AgentWallets} from "../../src/payments/AgentWallets.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {AgentWalletsWorld} from "./AgentWalletsWorld.sol";

/// @notice Drives two agent wallets (one allow-list only) through deposits, withdrawals, payments by the agent and
///         by signature, channels opened, closed (cooperatively or by the owner's exit) and reclaimed, new policies
///         and the passing of time. Every payment's outcome, success or the exact error, is predicted by the model
///         first; `refuse` walks through each policy refusal in turn, on a random entry point. Each action counts
///         its outcomes so `afterInvariant` can tell that it ran.
contract AgentWalletsHandler is AgentWalletsWorld {
    constructor(AgentWallets wallets_, PaymentChannels channels_, TestStablecoin usd_)
        AgentWalletsWorld(wallets_, channels_, usd_)
    {}

    function deposit(uint256 agentSeed, uint256 amountSeed, bool byOwner) external timed {
        uint256 i = agentSeed % 2;
        _deposit(agents[i], byOwner ? owners[i] : STRANGER, bound(amountSeed, 1, 100 * USD));
    }

    /// @dev Up to a little more than the balance: anything above it must be refused.
    function withdraw(uint256 agentSeed, uint256 amountSeed) external timed {
        uint256 i = agentSeed % 2;
        address agent = agents[i];
        uint256 balance = _books[agent].balance;
        uint256 amount = bound(amountSeed, 1, balance + 10 * USD);
        if (amount > balance) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.InsufficientBalance.selector, amount, balance));
            ++refusedWithdrawals;
        } else {
            _books[agent].balance -= amount;
            withdrawn += amount;
        }
        vm.prank(owners[i]);
        wallets.withdraw(agent, amount, owners[i]);
    }

    function pay(uint256 agentSeed, uint256 payeeSeed, uint256 amountSeed) external timed {
        address agent = agents[agentSeed % 2];
        _attempt(0, agent, payees[payeeSeed % 3], _amount(agent, amountSeed));
    }

    /// @dev First the last signed payment again (its nonce is used, or it expired), then a payment signed with a
    ///      deadline already past, then a fresh one within the policy when the policy leaves room, submitted twice.
    function payBySig(uint256 agentSeed, uint256 payeeSeed, uint256 amountSeed) external timed {
        Signed memory last = _lastSigned;
        if (last.agent != address(0)) {
            bool expired = block.timestamp > last.deadline;
            vm.expectRevert(
                expired
                    ? abi.encodeWithSelector(IAgentWallets.PaymentExpired.selector, last.deadline)
                    : abi.encodeWithSelector(IAgentWallets.NonceUsed.selector, last.agent, last.nonce)
            );
            _submit(last);
            ++refusals[expired ? IAgentWallets.PaymentExpired.selector : IAgentWallets.NonceUsed.selector];
        }
        address agent = agents[agentSeed % 2];
        Signed memory stale = _sign(agent, payees[payeeSeed % 3], 1, block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PaymentExpired.selector, stale.deadline));
        _submit(stale);
        ++refusals[IAgentWallets.PaymentExpired.selector];
        uint256 i = agentSeed % 2;
        address payee = payees[payeeSeed % 2];
        if (_policies[agent].allowlistOnly) _allowPayee(i, payee);
        uint256 room = _remaining(agent);
        if (_policies[agent].maxPerPayment < room) room = _policies[agent].maxPerPayment;
        if (room != 0 && _books[agent].balance == 0) _deposit(agent, STRANGER, room);
        if (_books[agent].balance < room) room = _books[agent].balance;
        if (room == 0) return _attempt(1, agent, payee, _amount(agent, amountSeed));
        _attempt(1, agent, payee, bound(amountSeed, 1, room));
        Signed memory done = _lastSigned;
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NonceUsed.selector, agent, done.nonce));
        _submit(done);
        ++refusals[IAgentWallets.NonceUsed.selector];
    }

    function openChannel(uint256 agentSeed, uint256 payeeSeed, uint256 amountSeed) external timed {
        address agent = agents[agentSeed % 2];
        _attempt(2, agent, payees[payeeSeed % 3], _amount(agent, amountSeed));
    }

    /// @dev The payee closes with an agent-signed voucher, or the owner (or agent) exits without it; the refund
    ///      must land in the agent's channel account.
    function closeChannel(uint256 seed, uint256 amountSeed, bool cooperative) external timed {
        (uint256 k, bool found) = _pickFunded(seed, false);
        if (!found) return;
        Funded storage f = _funded[k];
        address payee = channels.channelOf(f.id).payee;
        if (cooperative) {
            uint256 amount = bound(amountSeed, 0, f.deposit);
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf(f.agent), channels.voucherDigest(f.id, amount));
            uint256 before = usd.balanceOf(payee);
            vm.prank(payee);
            channels.closeWithVoucher(f.id, amount, amount, abi.encodePacked(r, s, v));
            if (usd.balanceOf(payee) - before != amount) ++mismatches;
            channelPayouts += amount;
            f.refund = f.deposit - amount;
            ++cooperativeCloses;
        } else {
            vm.prank(seed % 2 == 0 ? f.agent : owners[f.agent == agents[0] ? 0 : 1]);
            wallets.requestChannelClose(address(channels), f.id);
            time += channels.challengePeriod();
            vm.warp(time);
            vm.prank(STRANGER);
            channels.withdraw(f.id);
            f.refund = f.deposit;
            ++exits;
        }
        f.closed = true;
        _books[f.agent].pending += f.refund;
    }

    /// @dev A closed channel's refund comes back once; asking again (or for a channel still open) pays nothing.
    function reclaim(uint256 seed) external timed {
        (uint256 k, bool found) = _pickFunded(seed, true);
        if (!found) {
            (k, found) = _pickFunded(seed, false);
            if (!found) return;
            if (wallets.reclaimChannel(address(channels), _funded[k].id) != 0) ++mismatches;
            ++emptyReclaims;
            return;
        }
        Funded storage f = _funded[k];
        vm.prank(STRANGER);
        uint256 refund = wallets.reclaimChannel(address(channels), f.id);
        if (refund != f.refund) ++mismatches;
        f.reclaimed = true;
        _books[f.agent].balance += refund;
        _books[f.agent].pending -= refund;
        reclaimed += refund;
        ++reclaims;
        if (wallets.reclaimChannel(address(channels), f.id) != 0) ++mismatches;
        ++emptyReclaims;
    }

    /// @dev The allow-listed agent tries to pay off its list, by each path in turn: `pay`, `payBySig` and
    ///      `openChannel` to the payee nobody allows, then `openChannel` on the thief's channels contract with an
    ///      allowed payee (which would send the deposit to the thief). The owner turns the allow-list on first if a
    ///      new policy turned it off.
    function payOffList(uint256 amountSeed) external timed {
        address agent = agents[0];
        if (!_policies[agent].allowlistOnly) {
            IAgentWallets.Policy memory p = _policies[agent];
            p.allowlistOnly = true;
            _setPolicy(0, p);
        }
        uint256 path = _offListCalls++ % 4;
        if (path < 3) return _attempt(path, agent, payees[2], _amount(agent, amountSeed));
        uint256 before = usd.balanceOf(address(wallets));
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.ChannelsNotApproved.selector, address(thiefChannels)));
        vm.prank(agent);
        wallets.openChannel(address(thiefChannels), payees[0], _amount(agent, amountSeed), 0, 0, "thief");
        if (usd.balanceOf(address(wallets)) != before) ++mismatches;
        ++thiefChannelsRefused;
    }

    /// @dev A random valid policy (spending already done in the window still counts); one in five is invalid
    ///      and must be refused.
    function setPolicy(uint256 agentSeed, uint256 budgetSeed, uint256 periodSeed, uint256 maxSeed, bool listOnly)
        external
        timed
    {
        uint256 i = agentSeed % 2;
        IAgentWallets.Policy memory p = _policies[agents[i]]; // a copy: the pause switch stays as it is
        p.budgetPerPeriod = uint128(bound(budgetSeed, 1, 200 * USD));
        p.periodSeconds = uint64(bound(periodSeed, 1 minutes, 2 days));
        p.maxPerPayment = uint128(bound(maxSeed, 1, p.budgetPerPeriod));
        p.allowlistOnly = listOnly;
        if (budgetSeed % 5 == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IAgentWallets.InvalidPolicy.selector, "max per payment above budget")
            );
            ++invalidPolicies;
            vm.prank(owners[i]);
            wallets.setLimits(
                agents[i], IAgentWallets.Limits(p.budgetPerPeriod, p.periodSeconds, p.budgetPerPeriod + 1)
            );
            return;
        }
        _setPolicy(i, p);
        ++policiesSet;
    }

    /// @dev Each call brings about the next policy refusal in turn (paused, payee not allowed, over the maximum,
    ///      over budget, over balance) on a random entry point, then puts the policy and funds back.
    function refuse(uint256 agentSeed, uint256 path) external timed {
        uint256 i = agentSeed % 2;
        address agent = agents[i];
        uint256 kind = _refuseCalls++ % 5;
        path %= 3;
        if (kind == 0) {
            _setPaused(i, true);
            _attempt(path, agent, payees[0], 1);
            _setPaused(i, false);
            return;
        }
        IAgentWallets.Policy memory saved = _policies[agent];
        IAgentWallets.Policy memory p = _policies[agent]; // a copy: `p = saved` would alias it
        address payee = p.allowlistOnly ? payees[0] : payees[1];
        if (p.allowlistOnly) _allowPayee(i, payee);
        uint256 amount = 1;
        if (kind == 1) {
            (p.allowlistOnly, payee) = (true, payees[2]);
        } else if (kind == 2) {
            amount = p.maxPerPayment + 1;
        } else if (kind == 3) {
            // Over budget needs something spent in the window, then a budget just above it.
            if (_remaining(agent) == p.budgetPerPeriod) {
                if (_books[agent].balance == 0) _deposit(agent, STRANGER, 1);
                _attempt(0, agent, payee, 1);
            }
            (, uint256 spent) = _window(agent);
            (p.budgetPerPeriod, p.maxPerPayment, amount) = (uint128(spent + 1), uint128(spent + 1), 2);
        } else {
            // Over balance: an empty wallet, with room in the budget for one unit.
            _withdrawAll(i);
            (, uint256 spent) = _window(agent);
            (p.budgetPerPeriod, p.maxPerPayment) = (uint128(spent + 1), 1);
        }
        _setPolicy(i, p);
        _attempt(path, agent, payee, amount);
        _setPolicy(i, saved);
        if (kind == 4) _deposit(agent, owners[i], 100 * USD);
    }

    function warp(uint256 seconds_) external {
        time += bound(seconds_, 1, 2 days);
    }

    function window(address agent) external view returns (uint256 start, uint256 spent) {
        return _window(agent);
    }
}
