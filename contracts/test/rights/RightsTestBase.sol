// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../../src/interfaces/IConsentRegistry.sol";
import {IIPAssetRegistry} from "../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../src/interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../../src/interfaces/IRevenueVault.sol";
import {ConsentRegistry} from "../../src/rights/ConsentRegistry.sol";
import {IPAssetRegistry} from "../../src/rights/IPAssetRegistry.sol";
import {LicenseToken} from "../../src/rights/LicenseToken.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {RecordId} from "../../src/types/RecordId.sol";
import {RegistryTestBase} from "../RegistryTestBase.sol";

/// @notice Shared fixture for the rights contracts: provenance registry, test stablecoin, asset registry, license
///         token and consent registry, plus builders for records, assets, terms and funded buyers.
abstract contract RightsTestBase is RegistryTestBase {
    uint8 internal constant WORK = uint8(IIPAssetRegistry.AssetKind.Work);
    uint8 internal constant DATASET = uint8(IIPAssetRegistry.AssetKind.Dataset);
    uint8 internal constant DATA_MINING = uint8(IIPAssetRegistry.AIUse.DataMining);
    uint8 internal constant INFERENCE = uint8(IIPAssetRegistry.AIUse.Inference);
    uint8 internal constant GENERATIVE_TRAINING = uint8(IIPAssetRegistry.AIUse.GenerativeTraining);
    uint8 internal constant OTHER_TRAINING = uint8(IIPAssetRegistry.AIUse.OtherTraining);
    uint128 internal constant USD = 1e6;

    TestStablecoin internal usd;
    IPAssetRegistry internal assets;
    LicenseToken internal licenses;
    ConsentRegistry internal consents;

    uint256 internal buyerKey = 0xB0B;
    address internal buyer;

    function setUp() public virtual override {
        super.setUp();
        usd = new TestStablecoin();
        assets = new IPAssetRegistry(IProvenanceRegistry(address(registry)), usd);
        licenses = LicenseToken(assets.licenseToken());
        consents = new ConsentRegistry(IIPAssetRegistry(address(assets)));
        buyer = vm.addr(buyerKey);
        vm.label(address(usd), "usd");
        vm.label(address(assets), "assets");
        vm.label(address(licenses), "licenses");
        vm.label(address(consents), "consents");
        vm.label(buyer, "buyer");
    }

    /// @dev Registers a fresh record of `key`'s account directly on the provenance registry.
    function _registerRecordOf(uint256 key) internal returns (RecordId) {
        IProvenanceRegistry.Record memory r = _record(vm.addr(key));
        return registry.register(r, _sign(key, r));
    }

    /// @dev A fresh asset of kind `kind` owned by `key`'s account.
    function _createAsset(uint256 key, uint8 kind) internal returns (uint256 assetId) {
        RecordId record = _registerRecordOf(key);
        vm.prank(vm.addr(key));
        assetId = assets.createAsset(record, kind);
    }

    function _vault(uint256 assetId) internal view returns (IRevenueVault) {
        return assets.assetOf(assetId).vault;
    }

    /// @dev Every use allowed at `price`, derivatives allowed with `bps`, transferable, no expiry.
    function _terms(uint128 price, uint16 bps) internal pure returns (IIPAssetRegistry.Terms memory t) {
        for (uint256 i; i < 4; ++i) {
            t.uses[i] = IIPAssetRegistry.UseTerms({allowed: true, price: price});
        }
        t.commercialUse = true;
        t.derivativesAllowed = true;
        t.derivativeRevenueShareBps = bps;
        t.attributionRequired = true;
        t.transferable = true;
    }

    function _setTerms(uint256 assetId, IIPAssetRegistry.Terms memory t) internal returns (uint256 termsId) {
        vm.prank(assets.ownerOf(assetId));
        termsId = assets.setTerms(assetId, t);
    }

    /// @dev Mints `amount` test dollars to `account` and approves the asset registry for all of it.
    function _fund(address account, uint256 amount) internal {
        usd.mint(account, amount);
        vm.prank(account);
        usd.approve(address(assets), amount);
    }

    /// @dev `account` buys `use` under `termsId` for itself, accepting any price and share.
    function _buy(address account, uint256 termsId, uint8 use) internal returns (uint256 licenseId) {
        vm.prank(account);
        licenseId = assets.buyLicense(termsId, use, account, type(uint256).max, type(uint16).max);
    }

    /// @dev `key`'s account creates a derivative of the assets behind `licenseIds` (which it must hold).
    function _createDerivative(uint256 key, uint256[] memory licenseIds) internal returns (uint256 assetId) {
        RecordId record = _registerRecordOf(key);
        vm.prank(vm.addr(key));
        assetId = assets.createDerivative(record, WORK, licenseIds);
    }

    function _consentDigest(IConsentRegistry.Consent memory c) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Rightflow Consent"), keccak256("1"), block.chainid, address(consents)
            )
        );
        bytes32 structHash = keccak256(abi.encode(consents.CONSENT_TYPEHASH(), c));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }
}
