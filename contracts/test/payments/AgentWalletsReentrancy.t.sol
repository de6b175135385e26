// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {IIPAssetRegistry} from "../../src/interfaces/IIPAssetRegistry.sol";
import {AgentWallets} from "../../src/payments/AgentWallets.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {ReentrantERC20} from "../mocks/rights/ReentrantERC20.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice A hostile payment token calls back into the agent wallets from inside every token movement. The token
///         owns a funded wallet of its own (it is its own agent), so each re-entered call would otherwise be valid:
///         only the reentrancy guard stands in the way. Every attack is asserted to have happened and to have been
///         refused by the guard, and the books to balance afterwards.
contract AgentWalletsReentrancyTest is PaymentsTestBase {
    uint256 internal constant FUNDS = 1_000_000;

    ReentrantERC20 internal bad;
    AgentWallets internal badWallets;
    PaymentChannels internal badChannels;
    uint256 internal nonce;

    function setUp() public override {
        super.setUp();
        bad = new ReentrantERC20();
        badChannels = new PaymentChannels(IIPAssetRegistry(address(assets)), IERC20(address(bad)), CHALLENGE);
        badWallets = new AgentWallets(IERC20(address(bad)), badChannels);
        vm.label(address(bad), "bad");
        vm.label(address(badWallets), "badWallets");
        IAgentWallets.Policy memory policy = _policy(uint128(FUNDS), 1 days, uint128(FUNDS));
        uint256 deadline = block.timestamp;
        bytes memory consent =
            _signDigest(agentKey, _consentDigest(agent, owner, deadline, block.chainid, address(badWallets)));
        vm.prank(owner);
        badWallets.createWallet(agent, policy, deadline, consent);
        vm.prank(address(bad));
        badWallets.createWallet(address(bad), policy, 0, ""); // its own wallet: its call is its consent
        _fund(owner, agent, FUNDS);
        _fund(address(bad), address(bad), FUNDS);
        bad.mint(address(bad), FUNDS); // for re-entered deposits
    }

    function test_deposit_rejectsReentryFromTransferFrom() public {
        bytes[6] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.TransferFrom, address(badWallets), calls[i]);
            _fund(owner, agent, 10);
            _assertRejected(i + 1, "deposit");
        }
        _assertBooks();
    }

    function test_withdraw_rejectsReentryFromTransfer() public {
        bytes[6] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.Transfer, address(badWallets), calls[i]);
            vm.prank(owner);
            badWallets.withdraw(agent, 10, owner);
            _assertRejected(i + 1, "withdraw");
        }
        assertEq(bad.balanceOf(owner), 60, "six withdrawals, once each");
        _assertBooks();
    }

    function test_pay_rejectsReentryFromTransfer() public {
        bytes[6] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.Transfer, address(badWallets), calls[i]);
            vm.prank(agent);
            badWallets.pay(payee, 10, 0);
            _assertRejected(i + 1, "pay");
        }
        assertEq(bad.balanceOf(payee), 60, "six payments, once each");
        _assertBooks();
    }

    function test_payBySig_rejectsReentryFromTransfer() public {
        bytes[6] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bad.arm(ReentrantERC20.Hook.Transfer, address(badWallets), calls[i]);
            (bytes32 n, bytes memory sig) = _signed(10);
            badWallets.payBySig(agent, payee, 10, 0, n, block.timestamp, sig);
            _assertRejected(i + 1, "payBySig");
        }
        assertEq(bad.balanceOf(payee), 60, "six payments, once each");
        _assertBooks();
    }

    /// @dev Two movements: the deposit to the agent's account, then the channel pulling it from there (the hook
    ///      then fires inside the channel contract, with the wallets still mid-call).
    function test_openChannel_rejectsReentryFromBothTransfers() public {
        ReentrantERC20.Hook[2] memory hooks = [ReentrantERC20.Hook.Transfer, ReentrantERC20.Hook.TransferFrom];
        uint256 attempts;
        for (uint256 h; h < 2; ++h) {
            bytes[6] memory calls = _calls();
            for (uint256 i; i < calls.length; ++i) {
                bad.arm(hooks[h], address(badWallets), calls[i]);
                vm.prank(agent);
                badWallets.openChannel(address(badChannels), payee, 10, 0, 0, keccak256(abi.encode(h, i)));
                _assertRejected(++attempts, "openChannel");
            }
        }
        // Twelve channels opened here and two closed ones that `_calls` set up, 10 each: nothing twice.
        assertEq(badWallets.walletOf(agent).spentInPeriod, 14 * 10, "each channel spent once");
        _assertBooks();
    }

    function test_reclaimChannel_rejectsReentryFromSweep() public {
        bytes[6] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            bytes32 id = _closedChannel();
            bad.arm(ReentrantERC20.Hook.Transfer, address(badWallets), calls[i]);
            assertEq(badWallets.reclaimChannel(address(badChannels), id), 10, "refund credited");
            _assertRejected(i + 1, "reclaimChannel");
        }
        _assertBooks();
    }

    /// @dev Control: each attack call goes through when made outside a token movement.
    function test_reentryCallsSucceedOutsideTransfers() public {
        bytes[6] memory calls = _calls();
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(address(bad));
            (bool ok,) = address(badWallets).call(calls[i]);
            assertTrue(ok, "the attack call is valid on its own");
        }
        _assertBooks();
    }

    /// @dev Every wallet entry point that moves tokens, as the token would call it: paying and opening channels as
    ///      its own agent, moving its own funds as its own owner, submitting the real agent's signed payment, and
    ///      reclaiming a closed channel's refund.
    function _calls() internal returns (bytes[6] memory calls) {
        (bytes32 n, bytes memory sig) = _signed(1);
        bytes32 closed = _closedChannel();
        calls[0] = abi.encodeCall(IAgentWallets.pay, (payee, 1, "re-entered"));
        calls[1] = abi.encodeCall(IAgentWallets.payBySig, (agent, payee, 1, 0, n, block.timestamp, sig));
        calls[2] = abi.encodeCall(
            IAgentWallets.openChannel, (address(badChannels), payee, 1, 0, 0, keccak256(abi.encode("re-entered", n)))
        );
        calls[3] = abi.encodeCall(IAgentWallets.deposit, (address(bad), 1));
        calls[4] = abi.encodeCall(IAgentWallets.withdraw, (address(bad), 1, address(bad)));
        calls[5] = abi.encodeCall(IAgentWallets.reclaimChannel, (address(badChannels), closed));
        vm.prank(address(bad));
        bad.approve(address(badWallets), type(uint256).max);
    }

    /// @dev A channel of the agent's, closed by the payee with nothing claimed: 10 waiting in the agent's account.
    function _closedChannel() internal returns (bytes32 id) {
        vm.prank(agent);
        id = badWallets.openChannel(address(badChannels), payee, 10, 0, 0, keccak256(abi.encode("closed", ++nonce)));
        vm.prank(payee);
        badChannels.closeWithVoucher(id, 0, 0, "");
    }

    function _signed(uint256 amount) internal returns (bytes32 n, bytes memory sig) {
        n = keccak256(abi.encode("nonce", ++nonce));
        sig = _signDigest(agentKey, badWallets.paymentDigest(agent, payee, amount, 0, n, block.timestamp));
    }

    function _fund(address from, address to, uint256 amount) internal {
        bad.mint(from, amount);
        vm.prank(from);
        bad.approve(address(badWallets), amount);
        vm.prank(from);
        badWallets.deposit(to, amount);
    }

    function _assertRejected(uint256 attempts, string memory message) internal view {
        assertEq(bad.attempts(), attempts, string.concat(message, ": attack attempted"));
        assertFalse(bad.lastSucceeded(), string.concat(message, ": re-entry failed"));
        assertEq(
            bad.lastResult(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            string.concat(message, ": refused by the guard")
        );
    }

    /// @dev The wallets hold exactly the two wallets' balances.
    function _assertBooks() internal view {
        uint256 sum = badWallets.walletOf(agent).balance + badWallets.walletOf(address(bad)).balance;
        assertEq(bad.balanceOf(address(badWallets)), sum, "token balance == sum of wallet balances");
    }
}
