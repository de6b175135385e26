// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {LicenseIds} from "../../../src/rights/LicenseIds.sol";
import {RightsTestBase} from "../RightsTestBase.sol";

/// @notice A license id names its terms and use and nothing else: it decodes to both, and no two pairs share one.
contract LicenseIdsFuzzTest is RightsTestBase {
    /// @dev Terms ids below 2^248 (the registry counts up from one) round-trip through the library and the registry.
    function testFuzz_licenseIds_roundTrip(uint248 termsId, uint8 use) public view {
        uint256 id = LicenseIds.encode(termsId, use);
        assertEq(LicenseIds.termsId(id), termsId, "terms id");
        assertEq(LicenseIds.use(id), use, "use");
        assertEq(assets.licenseIdOf(termsId, use), id, "registry encodes the same");
    }

    function testFuzz_licenseIds_distinctPairsGiveDistinctIds(uint248 termsA, uint8 useA, uint248 termsB, uint8 useB)
        public
        pure
    {
        bool samePair = termsA == termsB && useA == useB;
        assertEq(LicenseIds.encode(termsA, useA) == LicenseIds.encode(termsB, useB), samePair, "collision");
    }

    /// @dev The id of a license sold under real terms leads back to those terms: its transferability is theirs.
    function testFuzz_licenseIds_leadBackToTheirTerms(uint8 use, bool transferable, uint128 price) public {
        use = uint8(bound(use, 0, 3));
        price = uint128(bound(price, 0, usd.MAX_MINT()));
        uint256 assetId = _createAsset(creatorKey, WORK);
        _setTerms(assetId, _terms(1, 0));
        IIPAssetRegistry.Terms memory t = _terms(price, 500);
        t.transferable = transferable;
        uint256 termsId = _setTerms(assetId, t);
        _fund(buyer, price);
        uint256 licenseId = _buy(buyer, termsId, use);
        assertEq(LicenseIds.termsId(licenseId), termsId, "terms id");
        assertEq(LicenseIds.use(licenseId), use, "use");
        assertEq(assets.licenseTransferable(licenseId), transferable, "transferable");
        (bool licensed, uint256 held) = assets.checkLicense(assetId, use, buyer);
        assertTrue(licensed, "licensed");
        assertEq(held, licenseId, "license held");
    }
}
