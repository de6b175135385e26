// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {ILicenseToken} from "../../../src/interfaces/ILicenseToken.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice The ERC-1155 license token: only the registry mints; licenses move only under transferable terms;
///         a holder may always burn.
contract LicenseTokenTest is RightsUnitBase {
    uint256 internal assetId;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
    }

    function test_safeTransferFrom_movesTransferableLicense() public {
        uint256 licenseId = _buy(buyer, _setTerms(assetId, _terms(0, 0)), INFERENCE);
        assertTrue(assets.licenseTransferable(licenseId), "transferable");
        vm.expectEmit(address(licenses));
        emit IERC1155.TransferSingle(buyer, buyer, carol, licenseId, 1);
        vm.prank(buyer);
        licenses.safeTransferFrom(buyer, carol, licenseId, 1, "");
        (bool buyerLicensed,) = assets.checkLicense(assetId, INFERENCE, buyer);
        (bool carolLicensed,) = assets.checkLicense(assetId, INFERENCE, carol);
        assertFalse(buyerLicensed, "seller no longer licensed");
        assertTrue(carolLicensed, "new holder licensed");
    }

    function test_safeTransferFrom_revertsLicenseNotTransferable() public {
        uint256 licenseId = _buy(buyer, _setTerms(assetId, _nonTransferable()), INFERENCE);
        vm.expectRevert(abi.encodeWithSelector(ILicenseToken.LicenseNotTransferable.selector, licenseId));
        vm.prank(buyer);
        licenses.safeTransferFrom(buyer, carol, licenseId, 1, "");
        assertEq(licenses.balanceOf(buyer, licenseId), 1, "still held");
        assertEq(licenses.balanceOf(carol, licenseId), 0, "not moved");
    }

    function test_safeBatchTransferFrom_revertsWhenAnyLicenseNotTransferable() public {
        uint256 movable = _buy(buyer, _setTerms(assetId, _terms(0, 0)), INFERENCE);
        uint256 bound = _buy(buyer, _setTerms(assetId, _nonTransferable()), INFERENCE);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1, 1);
        vm.expectRevert(abi.encodeWithSelector(ILicenseToken.LicenseNotTransferable.selector, bound));
        vm.prank(buyer);
        licenses.safeBatchTransferFrom(buyer, carol, _two(movable, bound), amounts, "");
    }

    function test_burn_allowedForNonTransferableLicense() public {
        uint256 licenseId = _buy(buyer, _setTerms(assetId, _nonTransferable()), INFERENCE);
        vm.expectEmit(address(licenses));
        emit IERC1155.TransferSingle(buyer, buyer, address(0), licenseId, 1);
        vm.prank(buyer);
        licenses.burn(licenseId, 1);
        assertEq(licenses.balanceOf(buyer, licenseId), 0, "burned");
        (bool ok,) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertFalse(ok, "no longer licensed");
    }

    function test_mint_revertsNotRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(ILicenseToken.NotRegistry.selector, stranger));
        vm.prank(stranger);
        licenses.mint(stranger, 1 << 8);
    }

    function _nonTransferable() private pure returns (IIPAssetRegistry.Terms memory t) {
        t = _terms(0, 0);
        t.transferable = false;
    }
}
