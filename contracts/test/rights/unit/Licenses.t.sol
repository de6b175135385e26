// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice `buyLicense`: payment to the vault, the minted license, and every reason a purchase is refused.
contract LicensesTest is RightsUnitBase {
    uint128 internal constant PRICE = 10 * USD;
    uint256 internal assetId;
    uint256 internal termsId;
    IRevenueVault internal vault;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
        termsId = _setTerms(assetId, _terms(PRICE, 1_000));
        vault = _vault(assetId);
    }

    function test_buyLicense_paysVaultMintsLicenseAndEmits() public {
        _fund(buyer, PRICE);
        uint256 licenseId = assets.licenseIdOf(termsId, INFERENCE);
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.LicenseSold(assetId, licenseId, buyer, buyer, PRICE);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(buyer, address(vault), PRICE);
        vm.expectEmit(address(vault));
        emit IRevenueVault.RevenueReceived(PRICE, PRICE, 0);
        vm.expectEmit(address(licenses));
        emit IERC1155.TransferSingle(address(assets), address(0), buyer, licenseId, 1);
        vm.prank(buyer);
        assertEq(assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 1_000), licenseId, "license id");

        assertEq(licenses.balanceOf(buyer, licenseId), 1, "license held");
        assertEq(assets.termsOf(termsId).sold, 1, "sold");
        assertEq(usd.balanceOf(buyer), 0, "buyer paid");
        assertEq(usd.balanceOf(address(vault)), PRICE, "vault paid");
        assertEq(vault.accounted(), PRICE, "accounted at once");
        assertEq(vault.claimable(creator), PRICE, "holders credited at once");
        (bool ok, uint256 held) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertTrue(ok, "licensed");
        assertEq(held, licenseId, "license found");
    }

    function test_buyLicense_mintsToRecipientOtherThanPayer() public {
        _fund(buyer, PRICE);
        uint256 licenseId = assets.licenseIdOf(termsId, DATA_MINING);
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.LicenseSold(assetId, licenseId, carol, buyer, PRICE);
        vm.prank(buyer);
        assets.buyLicense(termsId, DATA_MINING, carol, PRICE, 1_000);
        assertEq(licenses.balanceOf(carol, licenseId), 1, "recipient holds");
        assertEq(licenses.balanceOf(buyer, licenseId), 0, "payer does not");
        assertEq(usd.balanceOf(buyer), 0, "payer paid");
    }

    function test_buyLicense_freeLicenseMovesNoTokens() public {
        uint256 freeTerms = _setTerms(assetId, _terms(0, 0));
        vm.expectEmit(address(assets));
        emit IIPAssetRegistry.LicenseSold(assetId, assets.licenseIdOf(freeTerms, INFERENCE), buyer, buyer, 0);
        uint256 licenseId = _buy(buyer, freeTerms, INFERENCE); // no allowance at all
        assertEq(licenses.balanceOf(buyer, licenseId), 1, "free license minted");
        assertEq(usd.balanceOf(address(vault)), 0, "nothing paid");
        assertEq(assets.termsOf(freeTerms).sold, 1, "still counted");
    }

    function test_buyLicense_revertsInsufficientAllowanceWithoutStateChange() public {
        usd.mint(buyer, PRICE);
        vm.prank(buyer);
        usd.approve(address(assets), PRICE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(assets), PRICE - 1, PRICE)
        );
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 1_000);

        assertEq(licenses.balanceOf(buyer, assets.licenseIdOf(termsId, INFERENCE)), 0, "license not minted");
        assertEq(assets.termsOf(termsId).sold, 0, "not sold");
        assertEq(usd.balanceOf(buyer), PRICE, "buyer keeps funds");
        assertEq(usd.balanceOf(address(vault)), 0, "vault unpaid");
        assertEq(vault.accounted(), 0, "vault unchanged");
        (bool ok,) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertFalse(ok, "not licensed");
    }

    function test_buyLicense_revertsInvalidUse() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.InvalidUse.selector, uint8(4)));
        vm.prank(buyer);
        assets.buyLicense(termsId, 4, buyer, PRICE, 1_000);
    }

    function test_buyLicense_revertsZeroRecipient() public {
        vm.expectRevert(IIPAssetRegistry.ZeroRecipient.selector);
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, address(0), PRICE, 1_000);
    }

    function test_buyLicense_revertsUnknownTerms() public {
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownTerms.selector, 99));
        vm.prank(buyer);
        assets.buyLicense(99, INFERENCE, buyer, PRICE, 1_000);
    }

    function test_buyLicense_revertsTermsRetired() public {
        vm.prank(creator);
        assets.retireTerms(termsId);
        _fund(buyer, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.TermsRetired.selector, termsId));
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 1_000);
    }

    function test_buyLicense_licensesSoldBeforeRetirementStayValid() public {
        _fund(buyer, PRICE);
        uint256 licenseId = _buy(buyer, termsId, INFERENCE);
        vm.prank(creator);
        assets.retireTerms(termsId);
        (bool ok, uint256 held) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertTrue(ok, "still licensed");
        assertEq(held, licenseId, "same license");
    }

    function test_buyLicense_revertsTermsExpired() public {
        IIPAssetRegistry.Terms memory t = _terms(PRICE, 0);
        t.expiresAt = uint64(block.timestamp + 1 days);
        uint256 expiring = _setTerms(assetId, t);
        _fund(buyer, PRICE);
        vm.warp(t.expiresAt); // expiry is exclusive: the terms end at expiresAt
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.TermsExpired.selector, expiring, t.expiresAt));
        vm.prank(buyer);
        assets.buyLicense(expiring, INFERENCE, buyer, PRICE, 0);
    }

    function test_checkLicense_falseOnceTermsExpire() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.expiresAt = uint64(block.timestamp + 1 days);
        uint256 expiring = _setTerms(assetId, t);
        uint256 licenseId = _buy(buyer, expiring, INFERENCE);
        vm.warp(t.expiresAt - 1);
        (bool ok,) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertTrue(ok, "valid until the last second");
        vm.warp(t.expiresAt);
        (bool stillOk, uint256 held) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertFalse(stillOk, "expired");
        assertEq(held, 0, "no license id");
        assertEq(licenses.balanceOf(buyer, licenseId), 1, "token still held, just not valid");
    }

    function test_checkLicense_findsValidLicenseUnderLaterTerms() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.expiresAt = uint64(block.timestamp + 1 days);
        _buy(buyer, _setTerms(assetId, t), INFERENCE);
        uint256 current = _buy(buyer, _setTerms(assetId, _terms(0, 0)), INFERENCE);
        vm.warp(t.expiresAt);
        (bool ok, uint256 held) = assets.checkLicense(assetId, INFERENCE, buyer);
        assertTrue(ok, "licensed");
        assertEq(held, current, "the unexpired license");
    }

    function test_checkLicense_falseForOtherUseOrAccount() public {
        uint256 freeTerms = _setTerms(assetId, _terms(0, 0));
        _buy(buyer, freeTerms, INFERENCE);
        (bool otherUse,) = assets.checkLicense(assetId, GENERATIVE_TRAINING, buyer);
        (bool otherAccount,) = assets.checkLicense(assetId, INFERENCE, carol);
        (bool otherAsset,) = assets.checkLicense(_createAsset(creatorKey, WORK), INFERENCE, buyer);
        assertFalse(otherUse, "other use");
        assertFalse(otherAccount, "other account");
        assertFalse(otherAsset, "other asset");
    }

    function test_buyLicense_revertsUseNotAllowed() public {
        IIPAssetRegistry.Terms memory t = _terms(0, 0);
        t.uses[uint8(GENERATIVE_TRAINING)] = IIPAssetRegistry.UseTerms({allowed: false, price: 0});
        uint256 restricted = _setTerms(assetId, t);
        vm.expectRevert(
            abi.encodeWithSelector(IIPAssetRegistry.UseNotAllowed.selector, restricted, GENERATIVE_TRAINING)
        );
        vm.prank(buyer);
        assets.buyLicense(restricted, GENERATIVE_TRAINING, buyer, 0, 0);
        _buy(buyer, restricted, INFERENCE); // other uses still sold
    }

    function test_buyLicense_revertsPriceAboveMaximum() public {
        _fund(buyer, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.PriceAboveMaximum.selector, PRICE, PRICE - 1));
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE - 1, 1_000);
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 1_000); // the exact price is accepted
    }

    function test_buyLicense_revertsRevenueShareAboveMaximum() public {
        _fund(buyer, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.RevenueShareAboveMaximum.selector, 1_000, 999));
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 999);
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, buyer, PRICE, 1_000); // the exact share is accepted
    }

    function test_buyLicense_feeOnDerivativeReachesParentAtOnce() public {
        uint256 child = _derivativeOf(buyerKey, assetId, 1_000);
        uint256 childTerms = _setTerms(child, _terms(PRICE, 0));
        _fund(carol, PRICE);
        _buy(carol, childTerms, INFERENCE);
        assertEq(_vault(child).claimable(buyer), 9 * USD, "child holders: 90%");
        assertEq(_vault(child).pendingAncestors(), 0, "parent share passed on");
        assertEq(vault.claimable(creator), 1 * USD, "parent holders: 10%");
    }
}
