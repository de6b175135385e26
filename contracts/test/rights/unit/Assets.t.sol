// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RevenueVault} from "../../../src/rights/RevenueVault.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice `createAsset`: the ERC-721 asset, its vault and share supply, and every rule on the record and kind.
contract AssetsTest is RightsUnitBase {
    function test_createAsset_mintsAssetAndVaultToCreator() public {
        RecordId record = _registerRecordOf(creatorKey);
        uint256 assetId = uint256(RecordId.unwrap(record));
        address vault = Clones.predictDeterministicAddress(_vaultImplementation(), bytes32(assetId), address(assets));

        vm.expectEmit(address(assets));
        emit IERC721.Transfer(address(0), creator, assetId);
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.AssetCreated(assetId, creator, IIPAssetRegistry.AssetKind.Work, vault);
        vm.expectEmit(vault);
        emit IERC20.Transfer(address(0), creator, 1_000_000e18);
        vm.prank(creator);
        assertEq(assets.createAsset(record, WORK), assetId, "asset id is the record id");

        IIPAssetRegistry.Asset memory asset = assets.assetOf(assetId);
        assertEq(address(asset.vault), vault, "vault at its deterministic address");
        assertEq(uint8(asset.kind), WORK, "kind");
        assertEq(asset.createdAt, uint64(block.timestamp), "createdAt");
        assertTrue(assets.assetExists(assetId), "exists");
        assertEq(assets.ownerOf(assetId), creator, "owner");
        assertEq(assets.parentsOf(assetId).length, 0, "no parents");
        assertEq(assets.termsIdsOf(assetId).length, 0, "no terms");
    }

    function test_createAsset_initialisesVaultWithWholeSupplyToCreator() public {
        uint256 assetId = _createAsset(creatorKey, WORK);
        RevenueVault vault = RevenueVault(address(_vault(assetId)));
        assertEq(vault.totalSupply(), vault.SUPPLY(), "supply");
        assertEq(vault.balanceOf(creator), vault.SUPPLY(), "creator holds every share");
        assertEq(vault.assetId(), assetId, "asset id");
        assertEq(address(vault.paymentToken()), address(usd), "payment token");
        assertEq(vault.registry(), address(assets), "registry");
        assertEq(vault.parents().length, 0, "no parents");
        assertEq(vault.decimals(), 18, "decimals");
        assertEq(vault.symbol(), "RFRS", "symbol");
        assertEq(vault.name(), string.concat("Rightflow Revenue Share ", vm.toString(bytes32(assetId))), "name");
        assertEq(vault.accounted(), 0, "accounted");
        assertEq(vault.pendingAncestors(), 0, "pending");
    }

    function test_createAsset_acceptsEveryKind() public {
        for (uint8 kind; kind <= uint8(type(IIPAssetRegistry.AssetKind).max); ++kind) {
            uint256 assetId = _createAsset(creatorKey, kind);
            assertEq(uint8(assets.assetOf(assetId).kind), kind, "kind stored");
        }
    }

    function test_createAsset_revertsInvalidKind() public {
        RecordId record = _registerRecordOf(creatorKey);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.InvalidKind.selector, uint8(4)));
        vm.prank(creator);
        assets.createAsset(record, 4);
    }

    function test_createAsset_revertsRecordNotOnChain() public {
        RecordId record = _id(_record(creator)); // signed off chain, never registered
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.RecordNotOnChain.selector, record));
        vm.prank(creator);
        assets.createAsset(record, WORK);
    }

    function test_createAsset_revertsNotRecordCreator() public {
        RecordId record = _registerRecordOf(creatorKey);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.NotRecordCreator.selector, stranger, creator));
        vm.prank(stranger);
        assets.createAsset(record, WORK);
    }

    function test_createAsset_revertsAssetExists() public {
        RecordId record = _registerRecordOf(creatorKey);
        vm.prank(creator);
        uint256 assetId = assets.createAsset(record, WORK);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.AssetExists.selector, assetId));
        vm.prank(creator);
        assets.createAsset(record, DATASET);
    }

    function test_assetOf_revertsUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownAsset.selector, 42));
        assets.assetOf(42);
        assertFalse(assets.assetExists(42), "assetExists");
    }

    function test_transferFrom_movesAssetButNotShares() public {
        uint256 assetId = _createAsset(creatorKey, WORK);
        vm.prank(creator);
        assets.transferFrom(creator, carol, assetId);
        assertEq(assets.ownerOf(assetId), carol, "new owner");
        assertEq(_vault(assetId).balanceOf(creator), 1_000_000e18, "shares stay with their holder");
    }

    function test_initialize_revertsOnLiveVault() public {
        uint256 assetId = _createAsset(creatorKey, WORK);
        IRevenueVault vault = _vault(assetId);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        vault.initialize(assetId, usd, stranger, new IRevenueVault.Parent[](0));
        assertEq(vault.balanceOf(stranger), 0, "no shares minted");
        assertEq(vault.registry(), address(assets), "registry unchanged");
    }

    function test_initialize_revertsOnImplementation() public {
        RevenueVault implementation = RevenueVault(_vaultImplementation());
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(1, usd, stranger, new IRevenueVault.Parent[](0));
    }

    function test_views_bindRegistryTokenAndProvenance() public view {
        assertEq(assets.paymentToken(), address(usd), "payment token");
        assertEq(assets.provenance(), address(registry), "provenance");
        assertEq(licenses.registry(), address(assets), "license token bound to the registry");
        assertEq(assets.MAX_PARENTS(), 16, "MAX_PARENTS");
    }

    /// @dev The registry's constructor creates the license token (nonce 1), then the vault implementation.
    function _vaultImplementation() private view returns (address) {
        return vm.computeCreateAddress(address(assets), 2);
    }
}
