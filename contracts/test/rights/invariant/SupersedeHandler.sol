// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {IPAssetRegistry} from "../../../src/rights/IPAssetRegistry.sol";
import {TestStablecoin} from "../../../src/token/TestStablecoin.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {Cheats} from "../../utils/Cheats.sol";

/// @notice Several accounts claim the same few sets of bytes at random times and sell licenses on their claims;
///         anyone supersedes later claims with earlier ones and buyers keep buying and paying royalties. Ghosts:
///         what each superseded asset had sold and held when it was superseded.
contract SupersedeHandler is Cheats {
    uint256 internal constant KEYS = 4;
    uint256 internal constant CONTENTS = 3;
    uint256 internal constant MAX_ASSETS = 24;
    uint128 internal constant PRICE = 1e6;

    IPAssetRegistry public immutable assets;
    IProvenanceRegistry public immutable provenance;
    TestStablecoin public immutable usd;
    address internal immutable buyer = address(0xB0B);

    uint256[] public assetIds;
    mapping(uint256 assetId => uint256) public termsIdOf;
    mapping(uint256 assetId => bytes) internal _recordOf;
    /// Ghosts taken when an asset is superseded: licenses sold under its terms and its vault's balance.
    mapping(uint256 assetId => uint64) public soldAtSupersede;
    mapping(uint256 assetId => uint256) public balanceAtSupersede;

    uint256 public claims;
    uint256 public supersessions;
    uint256 public supersedeRefused;
    uint256 public sales;
    uint256 public salesRefused;
    uint256 public royaltiesRefused;
    uint256 internal _nonce;

    constructor(IPAssetRegistry assets_, IProvenanceRegistry provenance_) {
        assets = assets_;
        provenance = provenance_;
        usd = TestStablecoin(assets_.paymentToken());
    }

    /// @dev An account registers its own record of one of the shared contents and makes it an asset on sale.
    function claim(uint256 keySeed, uint256 contentSeed, uint32 dt) external {
        if (assetIds.length >= MAX_ASSETS) return;
        // Mostly distinct times, sometimes equal ones (ties supersede neither claim).
        if (dt != 1) vm.warp(block.timestamp + bound(dt, 1, 2 days));
        uint256 key = 0xA000 + keySeed % KEYS;
        IProvenanceRegistry.Record memory r;
        r.creator = vm.addr(key);
        r.contentHash = keccak256(abi.encode("shared content", contentSeed % CONTENTS));
        r.size = 1;
        r.mediaType = "image/png";
        r.createdAt = uint64(++_nonce); // distinct records of the same bytes by the same account
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, provenance.recordDigest(r));
        RecordId id = provenance.register(r, abi.encodePacked(rr, s, v));
        vm.startPrank(r.creator);
        uint256 assetId = assets.createAsset(id, uint8(IIPAssetRegistry.AssetKind.Work));
        IIPAssetRegistry.Terms memory t;
        for (uint256 i; i < 4; ++i) {
            t.uses[i] = IIPAssetRegistry.UseTerms({allowed: true, price: PRICE});
        }
        termsIdOf[assetId] = assets.setTerms(assetId, t);
        vm.stopPrank();
        assetIds.push(assetId);
        _recordOf[assetId] = abi.encode(r);
        ++claims;
    }

    /// @dev Anyone supersedes one claim with another of the same bytes (a random one, or the earliest known):
    ///      accepted exactly when the other is strictly earlier on chain and the asset is not superseded yet.
    function supersede(uint256 pickAsset, uint256 pickEarlier, bool earliest) external {
        if (assetIds.length < 2) return;
        uint256 n = assetIds.length;
        uint256 assetId = assetIds[pickAsset % n];
        uint256 earlierId = assetIds[pickEarlier % n];
        // Half the time, aim: the first claim from `pickAsset` on that a strictly earlier claim can supersede.
        for (uint256 i; earliest && i < n; ++i) {
            assetId = assetIds[(pickAsset % n + i) % n];
            earlierId = _earliestClaimLike(assetId);
            uint64 t = provenance.recordOf(RecordId.wrap(bytes32(earlierId))).timestamp;
            if (!_superseded(assetId) && t < provenance.recordOf(RecordId.wrap(bytes32(assetId))).timestamp) break;
        }
        IProvenanceRegistry.Record memory assetRecord = abi.decode(_recordOf[assetId], (IProvenanceRegistry.Record));
        IProvenanceRegistry.Record memory earlier = abi.decode(_recordOf[earlierId], (IProvenanceRegistry.Record));
        if (assetRecord.contentHash != earlier.contentHash) return;
        uint64 earlierTime = provenance.recordOf(RecordId.wrap(bytes32(earlierId))).timestamp;
        uint64 assetTime = provenance.recordOf(RecordId.wrap(bytes32(assetId))).timestamp;
        bool already = RecordId.unwrap(assets.supersededBy(assetId)) != bytes32(0);
        try assets.supersede(assetId, assetRecord, earlier) {
            require(!already && earlierTime < assetTime, "supersede accepted a claim that is not earlier");
            soldAtSupersede[assetId] = assets.termsOf(termsIdOf[assetId]).sold;
            balanceAtSupersede[assetId] = usd.balanceOf(address(assets.assetOf(assetId).vault));
            ++supersessions;
        } catch {
            require(already || earlierTime >= assetTime, "supersede refused an earlier claim");
            ++supersedeRefused;
        }
    }

    /// @dev A buyer buys a license on any claim: a superseded one must refuse, any other must sell.
    function buyLicense(uint256 pickAsset, uint8 use, bool preferSuperseded) external {
        if (assetIds.length == 0) return;
        uint256 assetId = _pick(pickAsset, preferSuperseded);
        usd.mint(buyer, PRICE);
        vm.startPrank(buyer);
        usd.approve(address(assets), PRICE);
        try assets.buyLicense(termsIdOf[assetId], use % 4, buyer, PRICE, 0) {
            require(!_superseded(assetId), "a superseded asset sold a license");
            ++sales;
        } catch (bytes memory reason) {
            require(_superseded(assetId) && bytes4(reason) == IIPAssetRegistry.AssetSuperseded.selector);
            ++salesRefused;
        }
        vm.stopPrank();
    }

    /// @dev A payer pays a royalty to any claim: a superseded one must refuse it.
    function payRoyalty(uint256 pickAsset, uint64 amount, bool preferSuperseded) external {
        if (assetIds.length == 0) return;
        uint256 assetId = _pick(pickAsset, preferSuperseded);
        amount = uint64(bound(amount, 1, 1e12));
        usd.mint(buyer, amount);
        vm.startPrank(buyer);
        usd.approve(address(assets), amount);
        try assets.payRoyalty(assetId, amount) {
            require(!_superseded(assetId), "a superseded asset took a royalty");
        } catch (bytes memory reason) {
            require(_superseded(assetId) && bytes4(reason) == IIPAssetRegistry.AssetSuperseded.selector);
            ++royaltiesRefused;
        }
        vm.stopPrank();
    }

    function assetCount() external view returns (uint256) {
        return assetIds.length;
    }

    /// @dev A random asset; with `preferSuperseded`, the first superseded one from there on, if any.
    function _pick(uint256 pick, bool preferSuperseded) internal view returns (uint256) {
        uint256 n = assetIds.length;
        for (uint256 i; preferSuperseded && i < n; ++i) {
            uint256 candidate = assetIds[(pick % n + i) % n];
            if (_superseded(candidate)) return candidate;
        }
        return assetIds[pick % n];
    }

    /// @dev The claim on the same bytes with the earliest on-chain time (the first such, on ties).
    function _earliestClaimLike(uint256 assetId) internal view returns (uint256 best) {
        bytes32 content = abi.decode(_recordOf[assetId], (IProvenanceRegistry.Record)).contentHash;
        uint64 bestTime = type(uint64).max;
        for (uint256 i; i < assetIds.length; ++i) {
            uint256 candidate = assetIds[i];
            if (abi.decode(_recordOf[candidate], (IProvenanceRegistry.Record)).contentHash != content) continue;
            uint64 t = provenance.recordOf(RecordId.wrap(bytes32(candidate))).timestamp;
            if (t < bestTime) (best, bestTime) = (candidate, t);
        }
    }

    function _superseded(uint256 assetId) internal view returns (bool) {
        return RecordId.unwrap(assets.supersededBy(assetId)) != bytes32(0);
    }
}
