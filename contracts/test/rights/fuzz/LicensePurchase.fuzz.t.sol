// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsTestBase} from "../RightsTestBase.sol";

/// @notice A purchase goes through exactly when the price and the derivative share are within the buyer's
///         maxima, and then moves exactly the price from the buyer to the asset's vault.
contract LicensePurchaseFuzzTest is RightsTestBase {
    function testFuzz_buyLicense_succeedsIffWithinBuyerMaxima(
        uint128 price,
        uint256 maxPrice,
        uint16 bps,
        uint16 maxBps,
        uint8 use
    ) public {
        price = uint128(bound(price, 0, usd.MAX_MINT()));
        bps = uint16(bound(bps, 0, 10_000));
        maxBps = uint16(bound(maxBps, 0, 12_000));
        maxPrice = bound(maxPrice, 0, 2 * uint256(price) + 1);
        use = uint8(bound(use, 0, 3));
        uint256 assetId = _createAsset(creatorKey, WORK);
        uint256 termsId = _setTerms(assetId, _terms(price, bps));
        IRevenueVault vault = _vault(assetId);
        _fund(buyer, price);
        uint256 licenseId = assets.licenseIdOf(termsId, use);

        bool ok = price <= maxPrice && bps <= maxBps;
        if (price > maxPrice) {
            vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.PriceAboveMaximum.selector, price, maxPrice));
        } else if (bps > maxBps) {
            vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.RevenueShareAboveMaximum.selector, bps, maxBps));
        } else {
            vm.expectEmit(address(assets));
            emit IIPAssetRegistry.LicenseSold(assetId, licenseId, buyer, buyer, price);
        }
        vm.prank(buyer);
        assets.buyLicense(termsId, use, buyer, maxPrice, maxBps);

        uint256 moved = ok ? price : 0;
        assertEq(usd.balanceOf(address(vault)), moved, "vault received");
        assertEq(vault.claimable(creator), moved, "holder credited");
        assertEq(usd.balanceOf(buyer), uint256(price) - moved, "buyer paid");
        assertEq(licenses.balanceOf(buyer, licenseId), ok ? 1 : 0, "license held");
        assertEq(assets.termsOf(termsId).sold, ok ? 1 : 0, "sales counted");
        (bool licensed,) = assets.checkLicense(assetId, use, buyer);
        assertEq(licensed, ok, "checkLicense");
    }
}
