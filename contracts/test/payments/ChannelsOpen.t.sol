// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IIPAssetRegistry} from "../../src/interfaces/IIPAssetRegistry.sol";
import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {ReentrantERC20} from "../mocks/rights/ReentrantERC20.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Opening and topping up channels, and the views.
contract ChannelsOpenTest is PaymentsTestBase {
    function test_open_storesChannelPullsDepositAndEmits() public {
        _mintApproved(payer, address(channels), 100 * USD);
        bytes32 expected = keccak256(abi.encode(payer, payee, payer, bytes32("s")));
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelOpened(expected, payer, payee, payer, 100 * USD, assetId, 1_000);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(payer, address(channels), 100 * USD);
        vm.prank(payer);
        bytes32 id = channels.open(payee, payer, 100 * USD, assetId, 1_000, "s");
        assertEq(id, expected, "id = keccak256(abi.encode(payer, payee, voucherSigner, salt))");
        assertEq(channels.channelIdOf(payer, payee, payer, "s"), id, "channelIdOf");
        IPaymentChannels.Channel memory ch = _ch(id);
        assertEq(ch.payer, payer, "payer");
        assertEq(ch.payee, payee, "payee");
        assertEq(ch.voucherSigner, payer, "signer");
        assertEq(ch.deposit, 100 * USD, "deposit");
        assertEq(ch.claimed, 0, "claimed");
        assertEq(ch.closeRequestedAt, 0, "no close requested");
        assertEq(ch.royaltyBps, 1_000, "bps");
        assertEq(ch.royaltyAsset, assetId, "asset");
        assertFalse(ch.closed, "open");
        assertEq(usd.balanceOf(address(channels)), 100 * USD, "contract holds the deposit");
        assertEq(usd.balanceOf(payer), 0, "payer paid");
    }

    function test_open_acceptsAssetWithoutShare() public {
        bytes32 id = _open(payer, payee, payer, 1, assetId, 0, 0);
        assertEq(_ch(id).royaltyAsset, assetId, "asset kept");
    }

    function test_open_acceptsWholeShare() public {
        bytes32 id = _open(payer, payee, payer, 1, assetId, 10_000, 0);
        assertEq(_ch(id).royaltyBps, 10_000, "bps");
    }

    /// @dev On a token without the faucet's cap: the test stablecoin cannot mint this much.
    function test_open_acceptsMaxUint128Deposit() public {
        uint256 deposit = type(uint128).max;
        ReentrantERC20 token = new ReentrantERC20();
        PaymentChannels big = new PaymentChannels(IIPAssetRegistry(address(assets)), IERC20(address(token)), CHALLENGE);
        token.mint(payer, deposit);
        vm.prank(payer);
        token.approve(address(big), deposit);
        vm.prank(payer);
        bytes32 id = big.open(payee, payer, deposit, 0, 0, 0);
        assertEq(big.channelOf(id).deposit, deposit, "deposit");
        token.mint(payer, 1);
        vm.prank(payer);
        token.approve(address(big), 1);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.DepositTooLarge.selector, deposit + 1));
        vm.prank(payer);
        big.topUp(id, 1);
    }

    function test_open_revertsZeroAddressPayee() public {
        vm.expectRevert(IPaymentChannels.ZeroAddress.selector);
        vm.prank(payer);
        channels.open(address(0), payer, 1, 0, 0, 0);
    }

    function test_open_revertsZeroAddressSigner() public {
        vm.expectRevert(IPaymentChannels.ZeroAddress.selector);
        vm.prank(payer);
        channels.open(payee, address(0), 1, 0, 0, 0);
    }

    function test_open_revertsZeroAmount() public {
        vm.expectRevert(IPaymentChannels.ZeroAmount.selector);
        vm.prank(payer);
        channels.open(payee, payer, 0, 0, 0, 0);
    }

    function test_open_revertsDepositTooLarge() public {
        uint256 deposit = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.DepositTooLarge.selector, deposit));
        vm.prank(payer);
        channels.open(payee, payer, deposit, 0, 0, 0);
    }

    function test_open_revertsInvalidRoyaltyAboveWhole() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidRoyalty.selector, assetId, 10_001));
        vm.prank(payer);
        channels.open(payee, payer, 1, assetId, 10_001, 0);
    }

    function test_open_revertsInvalidRoyaltyUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidRoyalty.selector, 42, 100));
        vm.prank(payer);
        channels.open(payee, payer, 1, 42, 100, 0);
    }

    function test_open_revertsInvalidRoyaltyShareWithoutAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidRoyalty.selector, 0, 100));
        vm.prank(payer);
        channels.open(payee, payer, 1, 0, 100, 0);
    }

    function test_open_revertsInvalidRoyaltyUnknownAssetWithoutShare() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.InvalidRoyalty.selector, 42, 0));
        vm.prank(payer);
        channels.open(payee, payer, 1, 42, 0, 0);
    }

    function test_open_revertsChannelExists() public {
        bytes32 id = _open(10);
        _mintApproved(payer, address(channels), 10);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelExists.selector, id));
        vm.prank(payer);
        channels.open(payee, payer, 10, 0, 0, 0);
    }

    function test_open_revertsChannelExistsEvenWhenClosed() public {
        bytes32 id = _open(10);
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
        _mintApproved(payer, address(channels), 10);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelExists.selector, id));
        vm.prank(payer);
        channels.open(payee, payer, 10, 0, 0, 0);
    }

    function test_open_sameSaltOtherPayerIsAnotherChannel() public {
        bytes32 a = _open(payer, payee, payer, 10, 0, 0, "x");
        bytes32 b = _open(stranger, payee, payer, 10, 0, 0, "x");
        assertTrue(a != b, "the payer is part of the id");
        assertEq(_ch(b).payer, stranger, "second payer");
    }

    function test_topUp_addsDepositAndEmits() public {
        bytes32 id = _open(10);
        _mintApproved(stranger, address(channels), 5);
        vm.expectEmit(address(channels));
        emit IPaymentChannels.ChannelToppedUp(id, 5, 15);
        vm.prank(stranger);
        channels.topUp(id, 5);
        assertEq(_ch(id).deposit, 15, "deposit");
        assertEq(usd.balanceOf(address(channels)), 15, "held");
    }

    function test_topUp_byPayerCancelsPendingClose() public {
        bytes32 id = _open(10);
        vm.prank(payer);
        channels.requestClose(id);
        _mintApproved(payer, address(channels), 5);
        vm.prank(payer);
        channels.topUp(id, 5);
        assertEq(_ch(id).closeRequestedAt, 0, "close cancelled");
        vm.warp(block.timestamp + CHALLENGE);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.CloseNotRequested.selector, id));
        channels.withdraw(id);
    }

    /// @dev Otherwise anyone could keep the payer's funds locked for the price of dust, again and again.
    function test_topUp_byOtherDoesNotCancelPendingClose() public {
        bytes32 id = _open(10);
        vm.prank(payer);
        channels.requestClose(id);
        uint64 requestedAt = _ch(id).closeRequestedAt;
        _mintApproved(stranger, address(channels), 1);
        vm.prank(stranger);
        channels.topUp(id, 1);
        assertEq(_ch(id).closeRequestedAt, requestedAt, "close still pending");
        vm.warp(block.timestamp + CHALLENGE);
        channels.withdraw(id);
        assertEq(usd.balanceOf(payer), 11, "payer refunded the top-up too");
    }

    function test_topUp_revertsZeroAmount() public {
        bytes32 id = _open(10);
        vm.expectRevert(IPaymentChannels.ZeroAmount.selector);
        channels.topUp(id, 0);
    }

    function test_topUp_revertsUnknownChannel() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.UnknownChannel.selector, bytes32("nope")));
        channels.topUp("nope", 1);
    }

    function test_topUp_revertsChannelClosed() public {
        bytes32 id = _open(10);
        vm.prank(payee);
        channels.closeWithVoucher(id, 0, 0, "");
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelClosed.selector, id));
        channels.topUp(id, 1);
    }

    function test_topUp_revertsDepositTooLarge() public {
        bytes32 id = _open(10);
        uint256 amount = uint256(type(uint128).max) - 9;
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.DepositTooLarge.selector, amount + 10));
        channels.topUp(id, amount);
    }

    function test_topUp_revertsDepositTooLargeForHugeAmount() public {
        bytes32 id = _open(10);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.DepositTooLarge.selector, type(uint256).max));
        channels.topUp(id, type(uint256).max);
    }

    function test_channelOf_revertsUnknownChannel() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.UnknownChannel.selector, bytes32("nope")));
        channels.channelOf("nope");
    }

    function test_views_bindTokenRegistryAndPeriod() public view {
        assertEq(channels.paymentToken(), address(usd), "token");
        assertEq(channels.assetRegistry(), address(assets), "registry");
        assertEq(channels.challengePeriod(), CHALLENGE, "challenge period");
        assertEq(
            channels.voucherDigest("id", 7),
            _voucherDigest("id", 7, block.chainid, address(channels)),
            "digest follows the EIP-712 spec"
        );
    }
}
