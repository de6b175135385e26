// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsTestBase} from "../RightsTestBase.sol";

/// @notice Vault arithmetic against expectations computed here: pro-rata claimables as shares move between
///         payments, and the split between holders and parents.
contract RevenueVaultFuzzTest is RightsTestBase {
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant STEPS = 6;

    /// @dev Each step pays a royalty (dust included), may let one holder claim, then moves a random fraction of one
    ///      holder's shares to another. Each holder is owed Σ amount * shares held at that payment / SUPPLY: it
    ///      never gets more, and the three together fall short by at most one unit each.
    function testFuzz_claimable_isProRataToSharesHeldAtEachPayment(
        uint64[STEPS] calldata amounts,
        uint64[STEPS] calldata fractions,
        uint8[STEPS] calldata moves
    ) public {
        uint256 assetId = _createAsset(creatorKey, WORK);
        IRevenueVault vault = _vault(assetId);
        address[3] memory holders = [creator, buyer, makeAddr("carol")];
        uint256[3] memory owedTimesSupply;
        uint256[3] memory claimed;
        uint256 paid;
        for (uint256 i; i < STEPS; ++i) {
            uint256 amount = bound(amounts[i], 1, 1e12);
            _fund(address(this), amount);
            assets.payRoyalty(assetId, amount);
            paid += amount;
            for (uint256 j; j < 3; ++j) {
                owedTimesSupply[j] += amount * vault.balanceOf(holders[j]);
            }
            uint256 from = moves[i] % 3;
            uint256 to = (moves[i] / 3) % 3;
            if (moves[i] >= 128 && vault.claimable(holders[from]) != 0) {
                vm.prank(holders[from]);
                claimed[from] += vault.claim(holders[from]);
            }
            uint256 shares = vault.balanceOf(holders[from]) * bound(fractions[i], 0, 1e18) / 1e18;
            vm.prank(holders[from]);
            assertTrue(vault.transfer(holders[to], shares), "share transfer");
        }
        uint256 shortfall;
        uint256 got;
        for (uint256 j; j < 3; ++j) {
            uint256 expected = owedTimesSupply[j] / SUPPLY;
            uint256 holderGot = claimed[j] + vault.claimable(holders[j]);
            assertLe(holderGot, expected, "holder got more than its share");
            shortfall += expected - holderGot;
            got += holderGot;
        }
        assertLe(shortfall, 3, "shortfall above one unit per holder");
        assertLe(got, paid, "holders got more than was paid");
        assertEq(usd.balanceOf(address(vault)) + claimed[0] + claimed[1] + claimed[2], paid, "tokens lost");
    }

    /// @dev A derivative of 1-3 parents at random bps (adding up to at most 10,000) receives a random payment: after
    ///      `payAncestors`, each parent has exactly its own bps of the payment (rounded down), what the parents are
    ///      owed together is that plus less than a unit per parent still set aside, and the holder has the rest.
    function testFuzz_payAncestors_splitsPaymentExactly(uint16[3] calldata bpsSeeds, uint8 countSeed, uint256 amount)
        public
    {
        uint256 count = bound(countSeed, 1, 3);
        amount = bound(amount, 1, usd.MAX_MINT());
        (IRevenueVault vault, IRevenueVault[] memory parents, uint256[] memory bps, uint256 totalBps) =
            _derivative(bpsSeeds, count);

        usd.mint(address(vault), amount);
        assertEq(vault.sync(), amount, "synced");
        assertEq(vault.pendingAncestors(), amount * totalBps / BPS, "set aside for parents");
        uint256 paid = vault.payAncestors();

        uint256 toParents;
        for (uint256 i; i < count; ++i) {
            uint256 share = usd.balanceOf(address(parents[i]));
            assertEq(parents[i].claimable(creator), share, "parent credits its holder at once");
            assertEq(share, amount * bps[i] / BPS, "parent's own bps, rounded down");
            toParents += share;
        }
        uint256 waiting = vault.pendingAncestors();
        assertEq(paid, toParents, "payAncestors reports what the parents got");
        assertEq(toParents + waiting, amount * totalBps / BPS, "parents' part = paid + still set aside");
        assertLe(waiting, count - 1, "less than a unit per parent waits");
        assertEq(toParents + waiting + vault.claimable(buyer), amount, "parents + holder != payment");
        assertEq(usd.balanceOf(address(vault)), vault.claimable(buyer) + waiting, "vault keeps holder's part + waiting");
    }

    /// @dev Any sequence of royalties (dust or large, through the registry or sent straight and synced later) to a
    ///      derivative of 1-4 parents at random bps, in any order: after every payout, each parent has received
    ///      exactly Σ amount * its bps / 10,000 rounded down once (no parent takes another's rounding); between
    ///      payouts never more.
    function testFuzz_payRoyalty_eachParentGetsItsBpsOfAllRevenue(
        uint16[4] calldata bpsSeeds,
        uint8 countSeed,
        uint64[STEPS * 2] calldata amounts,
        uint8[STEPS * 2] calldata ways
    ) public {
        uint256 count = bound(countSeed, 1, 4);
        uint16[3] memory first = [bpsSeeds[0], bpsSeeds[1], bpsSeeds[2]];
        (IRevenueVault vault, IRevenueVault[] memory parents, uint256[] memory bps,) =
            _derivativeOf4(first, bpsSeeds[3], count);
        uint256 total;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = ways[i] % 2 == 0 ? bound(amounts[i], 1, 30) : bound(amounts[i], 1, 1e12);
            total += amount;
            if (ways[i] % 4 < 2) {
                _fund(address(this), amount);
                assets.payRoyalty(vault.assetId(), amount);
            } else {
                usd.mint(address(vault), amount);
                if (ways[i] >= 128) vault.collect();
            }
            (uint256 received,,) = vault.totals();
            for (uint256 p; p < count; ++p) {
                uint256 got = usd.balanceOf(address(parents[p]));
                if (received == total) assertEq(got, total * bps[p] / BPS, "parent off its bps after a payout");
                else assertLe(got, total * bps[p] / BPS, "parent paid ahead of revenue");
            }
        }
        vault.collect();
        for (uint256 p; p < count; ++p) {
            assertEq(usd.balanceOf(address(parents[p])), total * bps[p] / BPS, "parent off its bps at the end");
        }
    }

    /// @dev Royalties too small to owe the parent a whole unit each still pay it in full over time: after any
    ///      stream, the parent has exactly Σ amount * bps / 10,000, rounded down once, and the holder the rest.
    function testFuzz_payAncestors_streamOfDustPaysParentInFull(uint16 bpsSeed, uint8[12] calldata amounts) public {
        uint256 bps = bound(bpsSeed, 1, BPS);
        uint256 parent = _createAsset(creatorKey, WORK);
        uint256[] memory licenseIds = new uint256[](1);
        licenseIds[0] = _buy(buyer, _setTerms(parent, _terms(0, uint16(bps))), INFERENCE);
        uint256 child = _createDerivative(buyerKey, licenseIds);
        _fund(address(this), 12 * 255);
        uint256 total;
        for (uint256 i; i < 12; ++i) {
            uint256 amount = bound(amounts[i], 1, 255);
            assets.payRoyalty(child, amount);
            total += amount;
        }
        uint256 toParent = usd.balanceOf(address(_vault(parent)));
        assertEq(toParent, total * bps / BPS, "parent paid in full");
        assertEq(toParent + _vault(child).claimable(buyer), total, "parent + holder != payments");
    }

    /// @dev A derivative (held by the buyer) of `count` fresh originals at random bps adding up to at most 10,000.
    function _derivative(uint16[3] memory bpsSeeds, uint256 count)
        internal
        returns (IRevenueVault vault, IRevenueVault[] memory parents, uint256[] memory bps, uint256 totalBps)
    {
        return _derivativeOf4(bpsSeeds, 0, count);
    }

    function _derivativeOf4(uint16[3] memory bpsSeeds, uint16 fourth, uint256 count)
        internal
        returns (IRevenueVault vault, IRevenueVault[] memory parents, uint256[] memory bps, uint256 totalBps)
    {
        parents = new IRevenueVault[](count);
        bps = new uint256[](count);
        uint256[] memory licenseIds = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            bps[i] = bound(i < 3 ? bpsSeeds[i] : fourth, 0, BPS - totalBps);
            totalBps += bps[i];
            uint256 parent = _createAsset(creatorKey, WORK);
            parents[i] = _vault(parent);
            licenseIds[i] = _buy(buyer, _setTerms(parent, _terms(0, uint16(bps[i]))), INFERENCE);
        }
        vault = _vault(_createDerivative(buyerKey, licenseIds));
    }
}
