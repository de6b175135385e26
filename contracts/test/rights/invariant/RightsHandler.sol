// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {IPAssetRegistry} from "../../../src/rights/IPAssetRegistry.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {RightsWorld} from "./RightsWorld.sol";

/// @notice Drives a small rights world (licenses, royalties, direct payments, ancestor payouts, claims, share
///         transfers, new derivatives) with inputs bounded so every call must succeed, except purchases above
///         the buyer's maxima, which must be refused with the named error. Every token flow is mirrored in the
///         model; every action counts its successes so `afterInvariant` can tell that it ran.
contract RightsHandler is RightsWorld {
    /// Successful calls per action (purchases made on the way to a derivative are not `buys`).
    uint256 public buys;
    uint256 public refusedOverPrice;
    uint256 public refusedOverShare;
    uint256 public royalties;
    uint256 public vaultPays;
    uint256 public directSends;
    uint256 public directSyncs;
    uint256 public collects;
    uint256 public ancestorPayouts;
    uint256 public claims;
    uint256 public shareTransfers;
    uint256 public derivatives;
    /// Share transfers made while revenue sat unsynced in the vault, and those that left any of it unsynced.
    uint256 public transfersAfterArrival;
    uint256 public transfersLeavingArrivalsUnsynced;

    constructor(IPAssetRegistry assets_, IProvenanceRegistry provenance_, uint256[] memory keys, uint256[] memory ids)
        RightsWorld(assets_, provenance_, keys, ids)
    {}

    /// @dev Random maxima: a price above `maxPrice` must be refused with PriceAboveMaximum, a share above
    ///      `maxBps` with RevenueShareAboveMaximum; anything else must sell at exactly the price.
    function buyLicense(uint256 payerSeed, uint256 assetSeed, uint8 use, uint256 priceSeed, uint256 bpsSeed, uint256 to)
        external
    {
        address payer = _actor(payerSeed);
        uint256 termsId = termsIdOf[_asset(assetSeed)];
        use = uint8(bound(use, 0, 3));
        IIPAssetRegistry.Terms memory t = assets.termsOf(termsId).terms;
        uint256 price = t.uses[use].price;
        uint16 bps = t.derivativeRevenueShareBps;
        uint256 maxPrice = _maximum(price, priceSeed, 2 * price + 1);
        uint16 maxBps = uint16(_maximum(bps, bpsSeed, BPS));
        _fund(payer, price, address(assets));
        if (price > maxPrice) {
            vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.PriceAboveMaximum.selector, price, maxPrice));
            ++refusedOverPrice;
        } else if (bps > maxBps) {
            vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.RevenueShareAboveMaximum.selector, bps, maxBps));
            ++refusedOverShare;
        } else {
            _purchase(payer, termsId, use, _actor(to), maxPrice, maxBps);
            ++buys;
            return;
        }
        vm.prank(payer);
        assets.buyLicense(termsId, use, _actor(to), maxPrice, maxBps);
    }

    /// @dev Royalties through the registry or straight into the vault with `pay`; both collect at once.
    function payRoyalty(uint256 payerSeed, uint256 assetSeed, uint256 amountSeed, bool throughVault) external {
        address payer = _actor(payerSeed);
        uint256 assetId = _asset(assetSeed);
        IRevenueVault vault = assets.assetOf(assetId).vault;
        uint256 amount = _amount(amountSeed);
        _fund(payer, amount, throughVault ? address(vault) : address(assets));
        vm.prank(payer);
        if (throughVault) {
            vault.pay(amount);
            ++vaultPays;
        } else {
            assets.payRoyalty(assetId, amount);
            ++royalties;
        }
        _modelDeposit(address(vault), amount);
        _modelCollect(address(vault));
    }

    /// @dev A plain token transfer to the vault (an EIP-3009 payment, say), synced now or left for a later call.
    function sendDirect(uint256 payerSeed, uint256 assetSeed, uint256 amountSeed, bool syncNow) external {
        address payer = _actor(payerSeed);
        address vault = address(assets.assetOf(_asset(assetSeed)).vault);
        uint256 amount = _amount(amountSeed);
        _fund(payer, amount, address(0));
        vm.prank(payer);
        require(usd.transfer(vault, amount), "transfer");
        _modelDeposit(vault, amount);
        ++directSends;
        if (!syncNow) return;
        require(IRevenueVault(vault).sync() == _modelSync(vault), "sync: received differs from model");
        ++directSyncs;
    }

    function collect(uint256 assetSeed) external {
        address vault = address(assets.assetOf(_asset(assetSeed)).vault);
        require(IRevenueVault(vault).collect() == _modelCollect(vault), "collect: received differs from model");
        ++collects;
    }

    /// @dev Pays out a derivative with something set aside when there is one (parents that were paid only sync,
    ///      so their own ancestors' part waits here).
    function payAncestors(uint256 seed) external {
        address chosen;
        for (uint256 i; i < vaults.length; ++i) {
            address vault = address(vaults[(seed % vaults.length + i) % vaults.length]);
            if (_parentLinks[vault].length == 0) continue;
            if (chosen == address(0)) chosen = vault;
            if (_books[vault].pending != 0) {
                chosen = vault;
                break;
            }
        }
        require(IRevenueVault(chosen).payAncestors() == _modelPayAncestors(chosen), "payAncestors differs");
        ++ancestorPayouts;
    }

    /// @dev Claims for the first holder the model says has something to claim, to any actor.
    function claim(uint256 seed, uint256 to) external {
        uint256 pairs = vaults.length * actors.length;
        for (uint256 i; i < pairs; ++i) {
            uint256 k = (seed % pairs + i) % pairs;
            address vault = address(vaults[k / actors.length]);
            address holder = actors[k % actors.length];
            if (modelClaimable(vault, holder) == 0) continue;
            // A claim accounts for what arrived first.
            _modelSync(vault);
            vm.prank(holder);
            _modelClaim(vault, holder, IRevenueVault(vault).claim(_actor(to)));
            ++claims;
            return;
        }
    }

    /// @dev Moves a random fraction (0 to all) of a holder's shares to another actor (or itself), half the time
    ///      right after a payment reached the vault unsynced. The move must account for every arrival first: it
    ///      belongs to the shares held when it arrived (the model credits it before moving the shares).
    function transferShares(uint256 vaultSeed, uint256 fromSeed, uint256 to, uint256 fraction, uint256 arrival)
        external
    {
        address vault = address(vaults[vaultSeed % vaults.length]);
        if (arrival % 2 == 0) {
            uint256 arrived = _amount(arrival >> 1);
            _fund(_actor(to), arrived, address(0));
            vm.prank(_actor(to));
            require(usd.transfer(vault, arrived), "transfer");
            _modelDeposit(vault, arrived);
        }
        if (_books[vault].balance != _books[vault].accounted) ++transfersAfterArrival;
        address from;
        for (uint256 i; from == address(0); ++i) {
            address candidate = _actor(fromSeed % actors.length + i);
            if (ghostShares[vault][candidate] != 0) from = candidate;
        }
        uint256 amount = ghostShares[vault][from] * bound(fraction, 0, 1e18) / 1e18;
        vm.prank(from);
        require(IRevenueVault(vault).transfer(_actor(to), amount), "share transfer");
        if (IRevenueVault(vault).accounted() != usd.balanceOf(vault)) ++transfersLeavingArrivalsUnsynced;
        _modelSync(vault);
        _modelTransferShares(vault, from, _actor(to), amount);
        ++shareTransfers;
    }

    /// @dev A derivative of 1-3 assets whose terms allow it (bps adding up to at most 10,000), licensing each
    ///      parent first when the creator holds no license yet; it then gets priced terms of its own.
    function createDerivative(uint256 creatorSeed, uint256 parentSeed, uint256 count, uint128 price, uint16 bps)
        external
    {
        if (assetIds.length >= MAX_ASSETS) return;
        address creator = _actor(creatorSeed);
        (uint256[] memory licenseIds, IRevenueVault.Parent[] memory expected) =
            _licenseParents(creator, parentSeed, bound(count, 1, MAX_PARENTS));
        RecordId record = _registerRecord(creator);
        vm.prank(creator);
        uint256 assetId = assets.createDerivative(record, 0, licenseIds);
        IRevenueVault.Parent[] memory links = _track(assetId).parents();
        require(keccak256(abi.encode(links)) == keccak256(abi.encode(expected)), "parent links");
        _publishTerms(assetId, uint128(bound(price, 0, 50e6)), uint16(bound(bps, 0, 5_000)));
        ++derivatives;
    }

    /// @dev Half the time uniform in [0, cap], else right at the edge (value - 1, value or value + 1). Taking the
    ///      seed as is would skew towards the fuzzer's favourite small numbers, and so towards refusals.
    function _maximum(uint256 value, uint256 seed, uint256 cap) internal pure returns (uint256) {
        uint256 r = uint256(keccak256(abi.encode(seed)));
        if (r % 2 == 0) return (r >> 1) % (cap + 1);
        uint256 edge = value + (r >> 1) % 3;
        return edge == 0 ? 0 : edge - 1;
    }
}
