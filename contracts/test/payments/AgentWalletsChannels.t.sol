// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {AgentChannelAccount} from "../../src/payments/AgentChannelAccount.sol";
import {AgentWallets} from "../../src/payments/AgentWallets.sol";
import {FakeChannels} from "../mocks/payments/FakeChannels.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice An agent funds payment channels from its wallet: the deposit is spending under the policy, the agent key
///         signs the vouchers, and the refund comes back to the wallet exactly once, and only if it really did.
contract AgentWalletsChannelsTest is PaymentsTestBase {
    uint128 internal constant BUDGET = 100 * USD;
    uint128 internal constant MAX = 50 * USD;
    uint256 internal constant THIEF_KEY = 0x7E1F;

    address internal account;

    function setUp() public override {
        super.setUp();
        _wallet(_policy(BUDGET, 1 days, MAX), 1_000 * USD);
        account = wallets.channelAccountOf(agent);
    }

    function test_openChannel_fundsChannelFromWalletAndEmits() public {
        bytes32 expected = channels.channelIdOf(account, payee, agent, "s");
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelOpened(expected, account, payee, agent, 30 * USD, assetId, 500);
        vm.expectEmit(address(wallets));
        emit IAgentWallets.ChannelFunded(agent, expected, payee, 30 * USD);
        bytes32 id = _openChannel(30 * USD, assetId, 500, "s");
        assertEq(id, expected, "id");
        IPaymentChannels.Channel memory ch = _ch(id);
        assertEq(ch.payer, account, "the agent's account pays");
        assertEq(ch.voucherSigner, agent, "the agent key signs");
        assertEq(ch.deposit, 30 * USD, "deposit");
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.balance, 970 * USD, "balance");
        assertEq(w.spentInPeriod, 30 * USD, "deposit counts as spending");
        assertEq(usd.balanceOf(address(wallets)), 970 * USD, "wallets hold the balances");
        assertEq(usd.balanceOf(account), 0, "the account keeps nothing");
        assertEq(usd.allowance(account, address(channels)), 0, "no allowance left");
    }

    function test_openChannel_deploysAccountOnceAtPredictedAddress() public {
        assertEq(account.code.length, 0, "no account before the first channel");
        _openChannel(10 * USD, 0, 0, "1");
        assertGt(account.code.length, 0, "deployed where predicted");
        _openChannel(10 * USD, 0, 0, "2");
        assertEq(usd.balanceOf(address(channels)), 20 * USD, "both channels funded");
    }

    function test_openChannel_payeeClaimsAgentSignedVouchers() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        bytes memory sig = _voucher(agentKey, id, 12 * USD);
        vm.prank(payee);
        assertEq(channels.claim(_claim(id, 12 * USD, sig)), 12 * USD, "claimed");
        assertEq(usd.balanceOf(payee), 12 * USD, "payee paid");
    }

    function test_openChannel_countsAgainstBudget() public {
        _openChannel(MAX, 0, 0, "1");
        _openChannel(40 * USD, 0, 0, "2");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 10 * USD + 1, 10 * USD));
        vm.prank(agent);
        wallets.pay(payee, 10 * USD + 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverBudget.selector, 10 * USD + 1, 10 * USD));
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, 10 * USD + 1, 0, 0, "3");
    }

    function test_openChannel_heldToThePolicy() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.OverMaxPerPayment.selector, MAX + 1, MAX));
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, MAX + 1, 0, 0, 0);
        vm.prank(owner);
        wallets.setAllowlistOnly(agent, true);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.PayeeNotAllowed.selector, agent, payee));
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, 1, 0, 0, 0);
        vm.prank(owner);
        wallets.setPaused(agent, true);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.WalletPaused.selector, agent));
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, 1, 0, 0, 0);
    }

    /// @dev Only the channel contract bound at construction: any other (here a lying one, and none at all) could
    ///      send the deposit anywhere. (The thief's version of this is in AgentWalletsAttacks.)
    function test_openChannel_revertsChannelsNotApproved() public {
        FakeChannels fake = new FakeChannels(usd, true);
        address[2] memory others = [address(fake), address(0)];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAgentWallets.ChannelsNotApproved.selector, others[i]));
            vm.prank(agent);
            wallets.openChannel(others[i], payee, 1, 0, 0, 0);
        }
        assertEq(_balanceOf(agent), 1_000 * USD, "nothing spent");
    }

    function test_constructor_revertsZeroChannels() public {
        vm.expectRevert(IAgentWallets.ZeroAddress.selector);
        new AgentWallets(usd, IPaymentChannels(address(0)));
    }

    function test_openChannel_bubblesChannelErrors() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidRoyalty.selector, 42, 100));
        vm.prank(agent);
        wallets.openChannel(address(channels), payee, 1, 42, 100, 0);
        assertEq(_balanceOf(agent), 1_000 * USD, "nothing spent");
    }

    function test_reclaimChannel_creditsRefundOnceAfterCloseWithVoucher() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        vm.prank(payee);
        channels.closeWithVoucher(id, 12 * USD, 12 * USD, _voucher(agentKey, id, 12 * USD));
        assertEq(usd.balanceOf(account), 18 * USD, "the refund went to the agent's account");
        _assertConservation();
        vm.expectEmit(address(wallets));
        emit IAgentWallets.ChannelRefunded(agent, id, 18 * USD);
        vm.prank(stranger);
        assertEq(wallets.reclaimChannel(address(channels), id), 18 * USD, "refunded");
        IAgentWallets.Wallet memory w = wallets.walletOf(agent);
        assertEq(w.balance, 988 * USD, "credited back");
        assertEq(w.spentInPeriod, 30 * USD, "a refund does not give back budget");
        assertEq(usd.balanceOf(account), 0, "account emptied");
        _assertConservation();

        vm.recordLogs();
        assertEq(wallets.reclaimChannel(address(channels), id), 0, "second reclaim pays nothing");
        assertEq(vm.getRecordedLogs().length, 0, "and says nothing");
        assertEq(_balanceOf(agent), 988 * USD, "credited once");
    }

    function test_reclaimChannel_returnsZeroWhileChannelOpen() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        assertEq(wallets.reclaimChannel(address(channels), id), 0, "nothing yet");
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
        assertEq(wallets.reclaimChannel(address(channels), id), 30 * USD, "the refund, once closed");
    }

    /// @dev The exit without the payee: the owner asks, the payee claims during the challenge, anyone withdraws.
    function test_requestChannelClose_thenWithdrawAndReclaim() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        vm.expectEmit(address(channels));
        emit IPaymentChannels.CloseRequested(id, uint64(block.timestamp) + CHALLENGE);
        vm.prank(owner);
        wallets.requestChannelClose(address(channels), id);
        vm.prank(payee);
        channels.claim(_claim(id, 5 * USD, _voucher(agentKey, id, 5 * USD)));
        vm.warp(block.timestamp + CHALLENGE);
        channels.withdraw(id);
        assertEq(wallets.reclaimChannel(address(channels), id), 25 * USD, "refund");
        assertEq(_balanceOf(agent), 995 * USD, "wallet");
        _assertConservation();
    }

    function test_requestChannelClose_byAgent() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        vm.prank(agent);
        wallets.requestChannelClose(address(channels), id);
        assertEq(_ch(id).closeRequestedAt, block.timestamp, "requested");
    }

    function test_requestChannelClose_revertsNotOwner() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotOwner.selector, agent, stranger));
        vm.prank(stranger);
        wallets.requestChannelClose(address(channels), id);
    }

    function test_requestChannelClose_revertsNotChannelOfWallet() public {
        bytes32 id = _open(10);
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotChannelOfWallet.selector, id));
        vm.prank(payer);
        wallets.requestChannelClose(address(channels), id);
    }

    function test_reclaimChannel_revertsNotChannelOfWallet() public {
        bytes32 id = _open(10);
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
        vm.expectRevert(abi.encodeWithSelector(IAgentWallets.NotChannelOfWallet.selector, id));
        wallets.reclaimChannel(address(channels), id);
    }

    /// @dev An agent with a wallet of its own names a lying channel contract that reports a large refund it never
    ///      sent (`reclaimChannel` takes any channel contract, so that refunds of any channel can come home). Were
    ///      this contract the payer, the lie would be paid out of the other wallets' funds.
    function test_reclaimChannel_fakeChannelCannotCreditUnreturnedRefund() public {
        address thief = vm.addr(THIEF_KEY);
        vm.prank(thief);
        wallets.createWallet(thief, _policy(10 * USD, 1 days, 10 * USD), 0, "");
        _mintApproved(thief, address(wallets), 10 * USD);
        vm.prank(thief);
        wallets.deposit(thief, 10 * USD);
        vm.prank(thief);
        wallets.openChannel(address(channels), payee, 10 * USD, 0, 0, 0); // deploys the thief's account
        FakeChannels fake = new FakeChannels(usd, true);
        IPaymentChannels.Channel memory report;
        (report.payer, report.payee, report.voucherSigner) = (wallets.channelAccountOf(thief), payee, thief);
        (report.deposit, report.closed) = (1_000 * USD, true);
        bytes32 id = "lie";
        fake.lie(id, report);
        assertEq(wallets.reclaimChannel(address(fake), id), 0, "nothing came back, nothing credited");
        assertEq(_balanceOf(thief), 0, "thief");
        assertEq(_balanceOf(agent), 1_000 * USD, "the other wallet is untouched");
        _assertConservation();
    }

    /// @dev A lie naming another agent's account can only move that agent's own refunds into its own wallet.
    function test_reclaimChannel_fakeReportNamingAnotherAgentMovesOnlyItsOwnRefund() public {
        bytes32 id = _openChannel(30 * USD, 0, 0, "s");
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, ""); // 30 back in the agent's account
        FakeChannels fake = new FakeChannels(usd, true);
        IPaymentChannels.Channel memory report = _ch(id);
        report.deposit = 1_000 * USD;
        fake.lie("lie", report);
        assertEq(wallets.reclaimChannel(address(fake), "lie"), 30 * USD, "capped by what the account holds");
        assertEq(_balanceOf(agent), 1_000 * USD, "the agent's own money, back in its wallet");
        assertEq(wallets.reclaimChannel(address(channels), id), 0, "nothing left to credit twice");
        _assertConservation();
    }

    function test_account_revertsNotWallets() public {
        _openChannel(10 * USD, 0, 0, "s");
        vm.expectRevert(abi.encodeWithSelector(AgentChannelAccount.NotWallets.selector, stranger));
        vm.prank(stranger);
        AgentChannelAccount(account).sweep(1);
        vm.expectRevert(abi.encodeWithSelector(AgentChannelAccount.NotWallets.selector, agent));
        vm.prank(agent);
        AgentChannelAccount(account).requestClose(IPaymentChannels(address(channels)), 0);
    }

    function _openChannel(uint256 deposit, uint256 asset, uint16 bps, bytes32 salt) internal returns (bytes32 id) {
        vm.prank(agent);
        id = wallets.openChannel(address(channels), payee, deposit, asset, bps, salt);
    }

    /// @dev The contract holds exactly the wallets' balances (the agent's and, when there is one, the thief's).
    function _assertConservation() internal view {
        uint256 sum = _balanceOf(agent);
        address thief = vm.addr(THIEF_KEY);
        if (_exists(thief)) sum += _balanceOf(thief);
        assertEq(usd.balanceOf(address(wallets)), sum, "token balance == sum of wallet balances");
    }

    function _exists(address a) internal view returns (bool) {
        try wallets.walletOf(a) returns (IAgentWallets.Wallet memory) {
            return true;
        } catch {
            return false;
        }
    }
}
