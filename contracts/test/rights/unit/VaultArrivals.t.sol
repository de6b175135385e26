// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {FlashSyncAttacker, ShareFlashLender} from "../../mocks/rights/FlashSyncAttacker.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice Revenue that reached the vault straight (an EIP-3009 transfer, an x402 settlement) belongs to the shares
///         held when it arrived: moving shares accounts for it first, so no later holder can take it.
contract VaultArrivalsTest is RightsUnitBase {
    uint256 internal assetId;
    IRevenueVault internal vault;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
        vault = _vault(assetId);
    }

    /// @dev Attack: 1,000 USD arrive unsynced, then half the shares are sold; the buyer must not claim 500 of it.
    function test_transfer_buyerOfHalfTakesNoRevenueThatArrivedBefore() public {
        _sendStraight(1_000 * USD);
        vm.prank(creator);
        assertTrue(vault.transfer(buyer, 500_000e18), "sold");
        vault.sync();
        assertEq(vault.claimable(buyer), 0, "buyer takes none of the earlier revenue");
        assertEq(vault.claimable(creator), 1_000 * USD, "seller keeps all of it");
        vm.expectRevert(abi.encodeWithSelector(IRevenueVault.NothingToClaim.selector, buyer));
        vm.prank(buyer);
        vault.claim(buyer);

        _sendStraight(100 * USD);
        vault.sync();
        assertEq(vault.claimable(buyer), 50 * USD, "revenue after the sale follows the shares");
        assertEq(vault.claimable(creator), 1_050 * USD, "seller");
    }

    function test_transferFrom_buyerOfHalfTakesNoRevenueThatArrivedBefore() public {
        _sendStraight(1_000 * USD);
        vm.prank(creator);
        vault.approve(carol, 500_000e18);
        vm.prank(carol);
        assertTrue(vault.transferFrom(creator, buyer, 500_000e18), "sold");
        vault.sync();
        assertEq(vault.claimable(buyer), 0, "buyer");
        assertEq(vault.claimable(creator), 1_000 * USD, "seller");
    }

    /// @dev Attack: 10,000 USD arrive unsynced; an attacker flash-borrows the lender's 99 % of the shares, calls
    ///      `sync` while holding them and hands them back in the same call. It must be credited nothing.
    function test_sync_flashBorrowedSharesTakeNoEarlierRevenue() public {
        ShareFlashLender lender = new ShareFlashLender(vault);
        FlashSyncAttacker attacker = new FlashSyncAttacker(vault, lender);
        vm.prank(creator);
        assertTrue(vault.transfer(address(lender), 990_000e18), "lender funded");
        _sendStraight(10_000 * USD);

        attacker.attack(990_000e18);

        assertEq(vault.balanceOf(address(lender)), 990_000e18, "loan repaid");
        assertEq(vault.balanceOf(address(attacker)), 0, "attacker holds nothing");
        assertEq(vault.claimable(address(attacker)), 0, "attacker credited nothing");
        assertEq(attacker.syncedWhileHolding(), 0, "the loan itself accounted for the arrival");
        assertEq(vault.claimable(address(lender)), 9_900 * USD, "lender keeps its 99 %");
        assertEq(vault.claimable(creator), 100 * USD, "creator keeps its 1 %");
        vm.expectRevert(abi.encodeWithSelector(IRevenueVault.NothingToClaim.selector, address(attacker)));
        vm.prank(address(attacker));
        vault.claim(address(attacker));
        assertEq(lender.claim(), 9_900 * USD, "lender paid");
    }

    /// @dev A claim accounts for what arrived straight first, so the holder is paid it without a separate sync.
    function test_claim_paysRevenueThatArrivedStraight() public {
        _sendStraight(12 * USD);
        vm.expectEmit(address(vault));
        emit IRevenueVault.RevenueReceived(12 * USD, 12 * USD, 0);
        vm.prank(creator);
        assertEq(vault.claim(creator), 12 * USD, "claimed");
        assertEq(vault.accounted(), 0, "books empty");
        assertEq(usd.balanceOf(address(vault)), 0, "vault empty");
    }

    /// @dev Payment tokens sent to the vault by a plain transfer, as an EIP-3009 authorization or an x402
    ///      settlement would.
    function _sendStraight(uint256 amount) private {
        usd.mint(stranger, amount);
        vm.prank(stranger);
        assertTrue(usd.transfer(address(vault), amount), "sent");
    }
}
