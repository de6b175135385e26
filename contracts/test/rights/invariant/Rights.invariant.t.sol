// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsTestBase} from "../RightsTestBase.sol";
import {RightsHandler} from "./RightsHandler.sol";
import {VaultModel} from "./VaultModel.sol";

/// @notice Money in the rights contracts is never created, lost or misrouted: every vault's books match an
///         independent model, no holder ever gets more than its pro-rata share (of the revenue that arrived while
///         it held the shares: a transfer never moves earlier revenue), each parent gets exactly its own bps, and
///         no license sells above the buyer's maximum.
/// @dev Each invariant runs its own campaign of 6 runs of 300 calls (about 14 s of CPU for three, 7 s on 2 cores). A run misses
///      one of the 8 actions with p = (7/8)^300 < 1e-17; the rarest outcome `afterInvariant` asks for, a purchase
///      refused over price (about 0.4 of `buyLicense` calls), with p < (1 - 0.4/8)^300 < 1e-6.
contract RightsInvariantTest is RightsTestBase {
    uint256 internal constant CAROL_KEY = 0xCA201;
    uint256 internal constant DAVE_KEY = 0xDA7E;

    RightsHandler internal handler;

    /// @dev Genesis: originals A (10 USD, 10%), B (3.330001 USD, 25%) and dataset C (1 USD, no derivatives);
    ///      D1 derives from A and B, D2 from D1 (40%) and A: depth 2, two parents each. Fees already paid in.
    function setUp() public override {
        super.setUp();
        address dave = vm.addr(DAVE_KEY);
        uint256[] memory ids = new uint256[](5);
        ids[0] = _createAsset(creatorKey, WORK);
        ids[1] = _createAsset(CAROL_KEY, WORK);
        ids[2] = _createAsset(DAVE_KEY, DATASET);
        uint256 termsA = _setTerms(ids[0], _terms(10 * USD, 1_000));
        uint256 termsB = _setTerms(ids[1], _terms(3_330_001, 2_500));
        IIPAssetRegistry.Terms memory noDerivatives = _terms(USD, 0);
        noDerivatives.derivativesAllowed = false;
        _setTerms(ids[2], noDerivatives);

        _fund(buyer, 100 * USD);
        ids[3] = _createDerivative(buyerKey, _pair(_buy(buyer, termsA, INFERENCE), _buy(buyer, termsB, DATA_MINING)));
        uint256 termsD1 = _setTerms(ids[3], _terms(7 * USD + 1, 4_000));
        _fund(dave, 100 * USD);
        ids[4] = _createDerivative(DAVE_KEY, _pair(_buy(dave, termsD1, GENERATIVE_TRAINING), _buy(dave, termsA, 0)));
        _setTerms(ids[4], _terms(1_234_567, 600));
        assertEq(_vault(ids[3]).parents()[1].bps, 2_500, "D1 owes B 25%");
        assertEq(_vault(ids[4]).parents()[0].bps, 4_000, "D2 owes D1 40%");
        assertEq(_vault(ids[4]).parents()[1].vault, address(_vault(ids[0])), "D2 owes A");

        uint256[] memory keys = new uint256[](4);
        (keys[0], keys[1], keys[2], keys[3]) = (creatorKey, buyerKey, CAROL_KEY, DAVE_KEY);
        handler = new RightsHandler(assets, IProvenanceRegistry(address(registry)), keys, ids);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = RightsHandler.buyLicense.selector;
        selectors[1] = RightsHandler.payRoyalty.selector;
        selectors[2] = RightsHandler.sendDirect.selector;
        selectors[3] = RightsHandler.collect.selector;
        selectors[4] = RightsHandler.payAncestors.selector;
        selectors[5] = RightsHandler.claim.selector;
        selectors[6] = RightsHandler.transferShares.selector;
        selectors[7] = RightsHandler.createDerivative.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev (a) Every vault holds and has accounted exactly what the model says; after a sync its balance is
    ///      its accounted revenue, which is every holder's claimable plus the parents' part plus dust below one
    ///      unit per holder (plus one). No token is created or lost anywhere, and no share either.
    /// forge-config: default.invariant.runs = 6
    /// forge-config: default.invariant.depth = 300
    function invariant_conservation() public view {
        uint256 held;
        for (uint256 i; i < handler.vaultCount(); ++i) {
            IRevenueVault vault = handler.vaults(i);
            VaultModel.Book memory b = handler.book(address(vault));
            uint256 balance = usd.balanceOf(address(vault));
            assertEq(balance, b.balance, "vault balance vs model");
            assertEq(vault.accounted(), b.accounted, "accounted vs model");
            assertEq(vault.pendingAncestors(), b.pending, "pending ancestors vs model");
            if (b.balance == b.accounted) assertEq(balance, vault.accounted(), "synced: balance == accounted");
            (uint256 received, uint256 claimed, uint256 paidUp) = vault.totals();
            assertEq(received, b.received, "received vs model");
            assertEq(received, b.paidIn + b.fromChildren - (b.balance - b.accounted), "received = paid in - unsynced");
            assertEq(claimed, b.claimed, "claimed vs model");
            assertEq(paidUp, b.paidUp, "paid to ancestors vs model");
            assertEq(paidUp + b.pending, received * _parentsBps(vault) / 1e4, "parents owed their bps of all revenue");
            uint256 owed = vault.pendingAncestors();
            uint256 shares;
            for (uint256 j; j < handler.actorCount(); ++j) {
                owed += vault.claimable(handler.actors(j));
                shares += vault.balanceOf(handler.actors(j));
            }
            assertLe(owed, vault.accounted(), "claimable + pending exceeds accounted");
            assertLe(vault.accounted() - owed, handler.actorCount() + 1, "dust above one unit per holder");
            assertEq(shares, vault.totalSupply(), "shares outside the actors");
            held += balance;
        }
        for (uint256 j; j < handler.actorCount(); ++j) {
            held += usd.balanceOf(handler.actors(j));
        }
        assertEq(usd.balanceOf(address(assets)), 0, "registry holds funds");
        assertEq(usd.totalSupply(), handler.minted(), "supply vs minted");
        assertEq(held, handler.minted(), "tokens created or lost");
    }

    /// @dev (b) claimed + claimable never exceeds a holder's exact pro-rata entitlement (rounded down), and falls
    ///      short of it by at most one unit.
    /// forge-config: default.invariant.runs = 6
    /// forge-config: default.invariant.depth = 300
    function invariant_noHolderClaimsMoreThanItsShare() public view {
        for (uint256 i; i < handler.vaultCount(); ++i) {
            IRevenueVault vault = handler.vaults(i);
            for (uint256 j; j < handler.actorCount(); ++j) {
                address holder = handler.actors(j);
                assertEq(vault.balanceOf(holder), handler.ghostShares(address(vault), holder), "shares vs model");
                uint256 entitled = handler.ghostEntitlement(address(vault), holder) / 1e36;
                uint256 got = handler.ghostClaimedBy(address(vault), holder) + vault.claimable(holder);
                assertLe(got, entitled, "holder got more than its pro-rata share");
                assertLe(entitled - got, 1, "holder short of its pro-rata share");
            }
        }
    }

    /// @dev (d) Each parent of every derivative has been paid its own bps of all the derivative's revenue, rounded
    ///      down, never more, whatever the order the parents were listed in: what it still lacks is within what is
    ///      set aside for the parents, and what is set aside beyond every parent's lack is below one unit per
    ///      parent. (Conservation compares every parent vault's balance with the model, which pays each link its
    ///      own share, so these ghosts are what the chain paid.)
    /// forge-config: default.invariant.runs = 6
    /// forge-config: default.invariant.depth = 300
    function invariant_eachParentGetsItsProRataShare() public view {
        uint256 withParents;
        for (uint256 i; i < handler.vaultCount(); ++i) {
            IRevenueVault vault = handler.vaults(i);
            IRevenueVault.Parent[] memory links = vault.parents();
            if (links.length == 0) continue;
            ++withParents;
            (uint256 received,,) = vault.totals();
            uint256 lacking;
            for (uint256 p; p < links.length; ++p) {
                uint256 owed = received * links[p].bps / 1e4;
                uint256 paid = handler.ghostPaidToParent(address(vault), p);
                assertLe(paid, owed, "parent paid more than its bps of the revenue");
                lacking += owed - paid;
            }
            uint256 pending = vault.pendingAncestors();
            assertLe(lacking, pending, "parents lack more than is set aside for them");
            assertLe(pending - lacking + 1, links.length, "set aside beyond the parents' lack: a unit per parent");
        }
        assertGt(withParents, 0, "no derivative");
    }

    /// @dev (e) A share transfer never moves revenue that arrived before it: every transfer left nothing unsynced
    ///      (and (b) credits every arrival to the shares held before the move).
    /// forge-config: default.invariant.runs = 6
    /// forge-config: default.invariant.depth = 300
    function invariant_transferNeverMovesEarlierRevenue() public view {
        assertEq(handler.transfersLeavingArrivalsUnsynced(), 0, "a transfer left earlier revenue unsynced");
    }

    /// @dev (c) Every sale was at the price and within the buyer's maximum, and the registry counted each one.
    /// forge-config: default.invariant.runs = 6
    /// forge-config: default.invariant.depth = 300
    function invariant_noLicenseSoldAboveMaximum() public view {
        assertEq(handler.soldAboveMax(), 0, "license sold above the buyer's maximum");
        assertEq(handler.soldOffPrice(), 0, "license sold at another price");
        uint256 sold;
        for (uint256 i; i < handler.vaultCount(); ++i) {
            sold += assets.termsOf(handler.termsIdOf(handler.assetIds(i))).sold;
        }
        assertEq(sold, handler.genesisSold() + handler.purchases(), "sales on chain vs successful purchases");
        assertGt(sold, 0, "no license sold");
    }

    /// @dev Guards against passing vacuously: every action succeeded in this run, a purchase above a maximum was
    ///      refused, and fees or royalties of a derivative reached its parents.
    function afterInvariant() public view {
        assertGt(handler.buys(), 0, "no license bought");
        assertGt(handler.refusedOverPrice(), 0, "no purchase refused over price");
        assertGt(handler.royalties() + handler.vaultPays(), 0, "no royalty paid");
        assertGt(handler.directSends(), 0, "no direct send");
        assertGt(handler.directSyncs(), 0, "no direct send synced");
        assertGt(handler.collects(), 0, "no collect");
        assertGt(handler.ancestorPayouts(), 0, "no payAncestors");
        assertGt(handler.ancestorFlows(), 0, "no derivative paid its ancestors");
        assertGt(handler.claims(), 0, "no claim");
        assertGt(handler.shareTransfers(), 0, "no share transfer");
        assertGt(handler.transfersAfterArrival(), 0, "no share transfer after an unsynced arrival");
        assertGt(handler.derivatives(), 0, "no derivative created");
    }

    function _parentsBps(IRevenueVault vault) internal view returns (uint256 total) {
        IRevenueVault.Parent[] memory links = vault.parents();
        for (uint256 i; i < links.length; ++i) {
            total += links[i].bps;
        }
    }

    function _pair(uint256 a, uint256 b) internal pure returns (uint256[] memory pair) {
        pair = new uint256[](2);
        (pair[0], pair[1]) = (a, b);
    }
}
