// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {ClaimReentrant} from "../../mocks/rights/ClaimReentrant.sol";
import {ReentrantERC20} from "../../mocks/rights/ReentrantERC20.sol";
import {ReentrancyBase} from "./ReentrancyBase.sol";

/// @notice A holder re-enters `claim` from the token's payout callback and tries to pass its shares on mid-claim:
///         it is paid once, and the shares stay put until the claim is over (a move then would have to account
///         for revenue while the vault's balance and books disagree); moved afterwards, they carry no claimed
///         revenue.
contract ReentrancyClaimTest is ReentrancyBase {
    ClaimReentrant internal attacker;
    address internal accomplice;

    function setUp() public override {
        super.setUp();
        accomplice = makeAddr("accomplice");
        attacker = new ClaimReentrant(parentVault, accomplice);
        vm.prank(creator);
        parentVault.transfer(address(attacker), 1_000_000e18);
        _fundBad(stranger, address(badAssets), 1_000);
        vm.prank(stranger);
        badAssets.payRoyalty(parent, 1_000);
        bad.arm(ReentrantERC20.Hook.Transfer, address(attacker), abi.encodeCall(ClaimReentrant.reenter, ()));
    }

    function test_claim_reentryFromTokenCallbackPaysOnce() public {
        assertEq(attacker.claim(), 1_000, "first claim");

        assertEq(bad.attempts(), 1, "token called back");
        assertEq(attacker.attempts(), 1, "attacker re-entered");
        assertFalse(attacker.reclaimSucceeded(), "second claim failed");
        assertEq(attacker.reclaimResult(), _guardError(), "refused by the guard");
        assertEq(bad.balanceOf(address(attacker)), 1_000, "paid exactly once");
        assertEq(bad.balanceOf(address(parentVault)), 0, "vault paid out exactly what it held");
        (, uint256 claimed,) = parentVault.totals();
        assertEq(claimed, 1_000, "claimed once");
        _assertBooks(parentVault);
    }

    function test_claim_refusesShareTransferMidClaim() public {
        attacker.claim();
        assertEq(attacker.attempts(), 1, "attacker re-entered");
        assertFalse(attacker.transferSucceeded(), "share transfer mid-claim failed");
        assertEq(attacker.transferResult(), _guardError(), "refused by the guard");
        assertEq(parentVault.balanceOf(address(attacker)), 1_000_000e18, "shares stayed with the claimant");
        assertEq(parentVault.balanceOf(accomplice), 0, "accomplice got none");
    }

    function test_claim_sharesPassedAfterClaimCarryNoClaimedRevenue() public {
        attacker.claim();
        vm.prank(address(attacker));
        assertTrue(parentVault.transfer(accomplice, 1_000_000e18), "moved after the claim");
        assertEq(parentVault.claimable(accomplice), 0, "nothing to claim on them");
        vm.expectRevert(abi.encodeWithSelector(IRevenueVault.NothingToClaim.selector, accomplice));
        vm.prank(accomplice);
        parentVault.claim(accomplice);

        _fundBad(stranger, address(badAssets), 500);
        vm.prank(stranger);
        badAssets.payRoyalty(parent, 500);
        assertEq(parentVault.claimable(accomplice), 500, "new revenue follows the shares");
        assertEq(parentVault.claimable(address(attacker)), 0, "and not the old holder");
    }
}
