// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {IPAssetRegistry} from "../../../src/rights/IPAssetRegistry.sol";
import {LicenseToken} from "../../../src/rights/LicenseToken.sol";
import {TestStablecoin} from "../../../src/token/TestStablecoin.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {Cheats} from "../../utils/Cheats.sol";
import {VaultModel} from "./VaultModel.sol";

/// @notice The world the rights handler acts on: the contracts, the actors and their keys, the assets and the terms
///         each sells, the purchase ghosts, and the helpers every action shares (buying with every check, funding,
///         licensing parents, tracking new assets in the model).
abstract contract RightsWorld is VaultModel, Cheats {
    uint256 internal constant MAX_ASSETS = 10;
    uint256 internal constant MAX_PARENTS = 3;
    uint256 internal constant MAX_PAYMENT = 1_000_000e6;

    IPAssetRegistry public immutable assets;
    TestStablecoin public immutable usd;
    LicenseToken public immutable licenses;
    IProvenanceRegistry public immutable provenance;

    uint256[] public assetIds;
    mapping(uint256 assetId => uint256 termsId) public termsIdOf;
    mapping(address actor => uint256 key) internal _keys;
    uint256 internal _nonce;

    /// Token and license ghosts.
    uint256 public minted;
    uint256 public genesisSold;
    uint256 public purchases;
    uint256 public soldAboveMax;
    uint256 public soldOffPrice;

    /// @dev Takes over the world `setUp` built: each vault must still have a single holder, whose claimable is
    ///      then exactly its entitlement, and every token must sit with an actor or a vault.
    constructor(IPAssetRegistry assets_, IProvenanceRegistry provenance_, uint256[] memory keys, uint256[] memory ids) {
        assets = assets_;
        usd = TestStablecoin(assets_.paymentToken());
        licenses = LicenseToken(assets_.licenseToken());
        provenance = provenance_;
        for (uint256 i; i < keys.length; ++i) {
            address actor = vm.addr(keys[i]);
            actors.push(actor);
            _keys[actor] = keys[i];
        }
        uint256 held;
        for (uint256 i; i < ids.length; ++i) {
            IRevenueVault vault = _track(ids[i]);
            Book storage b = _books[address(vault)];
            b.balance = usd.balanceOf(address(vault));
            b.accounted = vault.accounted();
            b.pending = vault.pendingAncestors();
            (b.received, b.claimed, b.paidUp) = vault.totals();
            b.paidIn = b.received;
            // The remainder carries from sync to sync, so after any number of syncs it is Σ received * bps mod BPS.
            b.ancestorCarry = b.received * b.parentsBps % BPS;
            // Genesis revenue was paid out at once, so each parent has had its bps of all of it.
            uint256 paidToParents;
            for (uint256 p; p < _parentLinks[address(vault)].length; ++p) {
                uint256 paid = b.received * _parentLinks[address(vault)][p].bps / BPS;
                ghostPaidToParent[address(vault)][p] = paid;
                paidToParents += paid;
            }
            require(paidToParents == b.paidUp, "genesis: parents paid off their bps");
            address owner = assets.ownerOf(ids[i]);
            require(vault.balanceOf(owner) == SUPPLY, "genesis: one holder per vault");
            ghostEntitlement[address(vault)][owner] = vault.claimable(owner) * PRECISION;
            genesisSold += assets.termsOf(termsIdOf[ids[i]]).sold;
            held += b.balance;
        }
        for (uint256 i; i < actors.length; ++i) {
            held += usd.balanceOf(actors[i]);
        }
        minted = usd.totalSupply();
        require(held == minted, "genesis: tokens outside the world");
    }

    /// @dev Buys as `payer` for `recipient` and checks the sale: the payer paid exactly the price, never above
    ///      `maxPrice`, and the recipient got one more license. The fee then reaches the vault and its parents.
    function _purchase(address payer, uint256 termsId, uint8 use, address recipient, uint256 maxPrice, uint16 maxBps)
        internal
        returns (uint256 licenseId)
    {
        IIPAssetRegistry.TermsRecord memory t = assets.termsOf(termsId);
        uint256 price = t.terms.uses[use].price;
        uint256 payerBefore = usd.balanceOf(payer);
        uint256 heldBefore = licenses.balanceOf(recipient, assets.licenseIdOf(termsId, use));
        vm.prank(payer);
        licenseId = assets.buyLicense(termsId, use, recipient, maxPrice, maxBps);
        uint256 paid = payerBefore - usd.balanceOf(payer);
        if (paid > maxPrice) ++soldAboveMax;
        if (paid != price) ++soldOffPrice;
        require(licenses.balanceOf(recipient, licenseId) == heldBefore + 1, "license not minted");
        ++purchases;
        if (price == 0) return licenseId;
        address vault = address(assets.assetOf(t.assetId).vault);
        _modelDeposit(vault, price);
        _modelCollect(vault);
    }

    /// @dev Up to `count` distinct assets whose terms allow derivatives, from a random start, keeping the bps
    ///      total within 10,000; the licenses `creator` will name for them and the links the vault should get.
    function _licenseParents(address creator, uint256 seed, uint256 count)
        internal
        returns (uint256[] memory licenseIds, IRevenueVault.Parent[] memory links)
    {
        licenseIds = new uint256[](count);
        links = new IRevenueVault.Parent[](count);
        uint256 found;
        uint256 totalBps;
        for (uint256 i; i < assetIds.length && found < count; ++i) {
            uint256 parent = assetIds[(seed % assetIds.length + i) % assetIds.length];
            uint256 termsId = termsIdOf[parent];
            IIPAssetRegistry.Terms memory t = assets.termsOf(termsId).terms;
            if (!t.derivativesAllowed || totalBps + t.derivativeRevenueShareBps > BPS) continue;
            totalBps += t.derivativeRevenueShareBps;
            licenseIds[found] = _licenseOf(creator, termsId, uint8(seed >> (8 + i)) % 4, t.uses);
            links[found] = IRevenueVault.Parent(address(assets.assetOf(parent).vault), t.derivativeRevenueShareBps);
            ++found;
        }
        require(found > 0, "no licensable parent");
        assembly ("memory-safe") {
            mstore(licenseIds, found)
            mstore(links, found)
        }
    }

    /// @dev A license of `termsId` the creator holds, bought (at any price) when it holds none.
    function _licenseOf(address creator, uint256 termsId, uint8 use, IIPAssetRegistry.UseTerms[4] memory uses)
        internal
        returns (uint256)
    {
        for (uint8 u; u < 4; ++u) {
            uint256 id = assets.licenseIdOf(termsId, u);
            if (licenses.balanceOf(creator, id) != 0) return id;
        }
        _fund(creator, uses[use].price, address(assets));
        return _purchase(creator, termsId, use, creator, type(uint256).max, type(uint16).max);
    }

    function _publishTerms(uint256 assetId, uint128 price, uint16 bps) internal {
        IIPAssetRegistry.Terms memory t;
        for (uint256 u; u < 4; ++u) {
            t.uses[u] = IIPAssetRegistry.UseTerms({allowed: true, price: price + uint128(u)});
        }
        t.derivativesAllowed = true;
        t.derivativeRevenueShareBps = bps;
        t.transferable = true;
        vm.prank(assets.ownerOf(assetId));
        termsIdOf[assetId] = assets.setTerms(assetId, t);
    }

    /// @dev Starts the model's books for a new asset: all shares with its owner, parent links as on chain.
    function _track(uint256 assetId) internal returns (IRevenueVault vault) {
        vault = assets.assetOf(assetId).vault;
        assetIds.push(assetId);
        vaults.push(vault);
        uint256[] memory termsIds = assets.termsIdsOf(assetId);
        if (termsIds.length != 0) termsIdOf[assetId] = termsIds[termsIds.length - 1];
        ghostShares[address(vault)][assets.ownerOf(assetId)] = SUPPLY;
        IRevenueVault.Parent[] memory links = vault.parents();
        uint16 total;
        for (uint256 i; i < links.length; ++i) {
            _parentLinks[address(vault)].push(links[i]);
            total += links[i].bps;
        }
        _books[address(vault)].parentsBps = total;
    }

    /// @dev A fresh record of `creator`'s, signed with its key and registered on the provenance registry.
    function _registerRecord(address creator) internal returns (RecordId) {
        IProvenanceRegistry.Record memory r;
        r.creator = creator;
        r.contentHash = keccak256(abi.encode("derivative", ++_nonce));
        r.size = 1;
        r.mediaType = "image/png";
        r.createdAt = uint64(block.timestamp);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(_keys[creator], provenance.recordDigest(r));
        return provenance.register(r, abi.encodePacked(rr, s, v));
    }

    /// @dev Mints exactly what a payment needs and approves `spender` (none for a plain transfer).
    function _fund(address account, uint256 amount, address spender) internal {
        usd.mint(account, amount);
        minted += amount;
        if (spender == address(0)) return;
        vm.prank(account);
        usd.approve(spender, amount);
    }

    /// @dev One payment in four is dust (1-9 units); the rest anything from one unit to a million dollars.
    function _amount(uint256 seed) internal pure returns (uint256) {
        return seed % 4 == 0 ? bound(seed >> 2, 1, 9) : bound(seed >> 2, 1, MAX_PAYMENT);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _asset(uint256 seed) internal view returns (uint256) {
        return assetIds[seed % assetIds.length];
    }
}
