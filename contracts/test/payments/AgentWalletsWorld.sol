// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {AgentWallets} from "../../src/payments/AgentWallets.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {ThiefChannels} from "../mocks/payments/ThiefChannels.sol";
import {Cheats} from "../utils/Cheats.sol";
import {AgentWalletsModel} from "./AgentWalletsModel.sol";

/// @notice The world the agent wallets handler acts on: the contracts, two agents (the first allow-list only) with
///         their owners and payees, the channels they funded, the token ghosts and outcome counters, and the helpers
///         every action shares (a payment attempted with its outcome predicted, signing, funding, policy changes).
abstract contract AgentWalletsWorld is AgentWalletsModel, Cheats {
    uint256 internal constant USD = 1e6;

    AgentWallets public immutable wallets;
    PaymentChannels public immutable channels;
    TestStablecoin public immutable usd;
    address public constant STRANGER = address(0x5742);
    /// @notice Who the malicious channels contract sends every deposit to (must never receive anything).
    address public constant THIEF = address(0x7E1F);
    ThiefChannels public immutable thiefChannels;

    uint256[2] internal _keys = [uint256(0xA6E1), 0xA6E2];
    address[2] public agents;
    address[2] public owners = [address(0x0A1), address(0x0A2)];
    /// @dev Payees 0 and 1 are on the first agent's allow-list; nobody ever allows payee 2.
    address[3] public payees = [address(0xB1), address(0xB2), address(0xB3)];
    uint256 public time;

    struct Funded {
        address agent;
        bytes32 id;
        uint256 deposit;
        uint256 refund;
        bool closed;
        bool reclaimed;
    }

    struct Signed {
        address agent;
        address payee;
        uint256 amount;
        bytes32 nonce;
        uint256 deadline;
        bytes signature;
    }

    Funded[] internal _funded;
    Signed internal _lastSigned;
    uint256 internal _nonce;
    uint256 internal _refuseCalls;
    uint256 internal _offListCalls;

    /// Token ghosts.
    uint256 public deposited;
    uint256 public withdrawn;
    uint256 public paid;
    uint256 public channelDeposits;
    uint256 public channelPayouts;
    uint256 public reclaimed;
    /// @notice Token movements that differed from the model (must stay zero).
    uint256 public mismatches;
    /// @notice Payments that reached a payee off the allow-list of a wallet that had it on, as the chain stood just
    ///         before the payment (must stay zero).
    uint256 public offListPayments;

    /// Outcomes.
    uint256 public payments;
    uint256 public sigPayments;
    uint256 public channelsOpened;
    uint256 public cooperativeCloses;
    uint256 public exits;
    uint256 public reclaims;
    uint256 public emptyReclaims;
    uint256 public policiesSet;
    uint256 public invalidPolicies;
    uint256 public refusedWithdrawals;
    mapping(bytes4 error => uint256) public refusals;
    /// @notice Policy refusals per entry point: pay, payBySig, openChannel.
    uint256[3] public refusalsByPath;
    /// @notice PayeeNotAllowed per entry point (pay, payBySig, openChannel), and the malicious channels refused.
    uint256[3] public offListRefusals;
    uint256 public thiefChannelsRefused;

    constructor(AgentWallets wallets_, PaymentChannels channels_, TestStablecoin usd_) {
        (wallets, channels, usd) = (wallets_, channels_, usd_);
        thiefChannels = new ThiefChannels(usd_, THIEF);
        time = block.timestamp;
        IAgentWallets.Policy[2] memory policies = [
            IAgentWallets.Policy(uint128(100 * USD), 1 days, uint128(40 * USD), true, false),
            IAgentWallets.Policy(uint128(50 * USD), 1 hours, uint128(30 * USD), false, false)
        ];
        for (uint256 i; i < 2; ++i) {
            address agent = vm.addr(_keys[i]);
            agents[i] = agent;
            uint256 deadline = block.timestamp;
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[i], wallets.consentDigest(agent, owners[i], deadline));
            vm.prank(owners[i]);
            wallets.createWallet(agent, policies[i], deadline, abi.encodePacked(r, s, v));
            _policies[agent] = policies[i];
            _books[agent].periodStart = block.timestamp;
            _deposit(agent, owners[i], 150 * USD);
        }
        for (uint256 i; i < 2; ++i) {
            vm.prank(owners[0]);
            wallets.setPayee(agents[0], payees[i], true);
            _allowed[agents[0]][payees[i]] = true;
        }
    }

    modifier timed() {
        vm.warp(time);
        _;
    }

    /// @dev A payment through entry point `path` (0 pay, 1 payBySig, 2 openChannel): refused with exactly the
    ///      error the model predicts, or made and booked.
    function _attempt(uint256 path, address agent, address payee, uint256 amount) internal {
        bytes memory err = _expect(agent, payee, amount);
        uint256 before = usd.balanceOf(payee);
        // Read from the chain, not the model: whether this payment would leave the allow-list if it went through.
        bool offList = wallets.walletOf(agent).policy.allowlistOnly && !wallets.isPayeeAllowed(agent, payee);
        Signed memory signed;
        if (path == 1) signed = _sign(agent, payee, amount, block.timestamp + 1 days);
        if (err.length != 0) {
            vm.expectRevert(err);
            ++refusals[bytes4(err)];
            ++refusalsByPath[path];
            if (bytes4(err) == IAgentWallets.PayeeNotAllowed.selector) ++offListRefusals[path];
        }
        bytes32 id;
        if (path == 0) {
            vm.prank(agent);
            wallets.pay(payee, amount, "pay");
        } else if (path == 1) {
            _submit(signed);
        } else {
            vm.prank(agent);
            id = wallets.openChannel(address(channels), payee, amount, 0, 0, bytes32(++_nonce));
        }
        if (err.length != 0) return;
        if (offList) ++offListPayments;
        if (path == 2 && channels.channelOf(id).payee != payee) ++offListPayments;
        _book(agent, amount);
        if (path == 2) {
            _funded.push(Funded(agent, id, amount, 0, false, false));
            channelDeposits += amount;
            ++channelsOpened;
            return;
        }
        if (usd.balanceOf(payee) - before != amount) ++mismatches;
        paid += amount;
        if (path == 0) {
            ++payments;
        } else {
            ++sigPayments;
            _lastSigned = signed;
        }
    }

    /// @dev Mostly within the maximum, sometimes a little above it.
    function _amount(address agent, uint256 seed) internal view returns (uint256) {
        uint256 max = _policies[agent].maxPerPayment;
        return bound(seed, 1, max + max / 4 + 1);
    }

    function _sign(address agent, address payee, uint256 amount, uint256 deadline) internal returns (Signed memory s) {
        bytes32 nonce = keccak256(abi.encode("nonce", ++_nonce));
        bytes32 digest = wallets.paymentDigest(agent, payee, amount, "sig", nonce, deadline);
        (uint8 v, bytes32 r, bytes32 sig) = vm.sign(_keyOf(agent), digest);
        s = Signed(agent, payee, amount, nonce, deadline, abi.encodePacked(r, sig, v));
    }

    function _submit(Signed memory s) internal {
        vm.prank(STRANGER);
        wallets.payBySig(s.agent, s.payee, s.amount, "sig", s.nonce, s.deadline, s.signature);
    }

    function _deposit(address agent, address from, uint256 amount) internal {
        usd.mint(from, amount);
        vm.prank(from);
        usd.approve(address(wallets), amount);
        vm.prank(from);
        wallets.deposit(agent, amount);
        _books[agent].balance += amount;
        deposited += amount;
    }

    function _withdrawAll(uint256 i) internal {
        address agent = agents[i];
        uint256 balance = _books[agent].balance;
        if (balance == 0) return;
        vm.prank(owners[i]);
        wallets.withdraw(agent, balance, owners[i]);
        _books[agent].balance = 0;
        withdrawn += balance;
    }

    /// @dev The limits, then each switch that differs (each has a setter of its own).
    function _setPolicy(uint256 i, IAgentWallets.Policy memory p) internal {
        IAgentWallets.Policy memory was = _policies[agents[i]];
        vm.startPrank(owners[i]);
        wallets.setLimits(agents[i], IAgentWallets.Limits(p.budgetPerPeriod, p.periodSeconds, p.maxPerPayment));
        if (p.allowlistOnly != was.allowlistOnly) wallets.setAllowlistOnly(agents[i], p.allowlistOnly);
        if (p.paused != was.paused) wallets.setPaused(agents[i], p.paused);
        vm.stopPrank();
        if (p.periodSeconds != was.periodSeconds) {
            // A new period length starts a new window now, carrying what the current one spent.
            (, uint256 spent) = _window(agents[i]);
            (_books[agents[i]].periodStart, _books[agents[i]].spent) = (block.timestamp, spent);
        }
        _policies[agents[i]] = p;
    }

    function _setPaused(uint256 i, bool paused) internal {
        vm.prank(owners[i]);
        wallets.setPaused(agents[i], paused);
        _policies[agents[i]].paused = paused;
    }

    function _allowPayee(uint256 i, address payee) internal {
        vm.prank(owners[i]);
        wallets.setPayee(agents[i], payee, true);
        _allowed[agents[i]][payee] = true;
    }

    /// @dev A funded channel, closed and not yet reclaimed if `closed`, else still open; searching from `seed`.
    function _pickFunded(uint256 seed, bool closed) internal view returns (uint256, bool) {
        uint256 n = _funded.length;
        for (uint256 j; j < n; ++j) {
            uint256 k = (seed % n + j) % n;
            Funded storage f = _funded[k];
            if (closed ? f.closed && !f.reclaimed : !f.closed) return (k, true);
        }
        return (0, false);
    }

    function _keyOf(address agent) internal view returns (uint256) {
        return agent == agents[0] ? _keys[0] : _keys[1];
    }
}
