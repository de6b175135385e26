// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {ReentrantLicenseReceiver} from "../../mocks/rights/ReentrantLicenseReceiver.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice A license recipient re-enters the registry from `onERC1155Received`. The receiver is funded and
///         has approved the registry, so nothing but the reentrancy guard stands between it and a second
///         purchase or payment.
contract ReentrancyReceiverTest is RightsUnitBase {
    uint128 internal constant PRICE = 10 * USD;

    uint256 internal assetId;
    uint256 internal termsId;
    uint256 internal licenseId;
    IRevenueVault internal vault;
    ReentrantLicenseReceiver internal receiver;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
        termsId = _setTerms(assetId, _terms(PRICE, 0));
        licenseId = assets.licenseIdOf(termsId, INFERENCE);
        vault = _vault(assetId);
        receiver = new ReentrantLicenseReceiver(address(assets));
        _fund(address(receiver), PRICE);
        _fund(buyer, PRICE);
    }

    function test_buyLicense_rejectsBuyLicenseReentryFromReceiver() public {
        receiver.arm(_buyCall(termsId), false);
        _buyFor(termsId);
        _assertRejected();
        assertEq(licenses.balanceOf(address(receiver), licenseId), 1, "no double mint");
        assertEq(assets.termsOf(termsId).sold, 1, "sold once");
        assertEq(usd.balanceOf(address(vault)), PRICE, "paid once");
        assertEq(usd.balanceOf(address(receiver)), PRICE, "receiver's own funds untouched");
    }

    function test_buyLicense_rejectsPayRoyaltyReentryFromReceiver() public {
        receiver.arm(abi.encodeCall(IIPAssetRegistry.payRoyalty, (assetId, PRICE)), false);
        _buyFor(termsId);
        _assertRejected();
        assertEq(usd.balanceOf(address(vault)), PRICE, "only the license fee arrived");
        assertEq(vault.claimable(creator), PRICE, "counted once");
        assertEq(usd.balanceOf(address(receiver)), PRICE, "receiver's own funds untouched");
    }

    function test_buyLicense_rejectsReentryForFreeLicense() public {
        uint256 freeTerms = _setTerms(assetId, _terms(0, 0));
        receiver.arm(_buyCall(freeTerms), false);
        _buyFor(freeTerms);
        _assertRejected();
        assertEq(licenses.balanceOf(address(receiver), assets.licenseIdOf(freeTerms, INFERENCE)), 1, "one license");
        assertEq(assets.termsOf(freeTerms).sold, 1, "sold once");
    }

    function test_buyLicenseWithPermit_rejectsReentryFromReceiver() public {
        receiver.arm(_buyCall(termsId), false);
        vm.prank(buyer); // the allowance is already there; an empty permit is ignored
        assets.buyLicenseWithPermit(termsId, INFERENCE, address(receiver), PRICE, 0, 0, 0, 0, 0);
        _assertRejected();
        assertEq(licenses.balanceOf(address(receiver), licenseId), 1, "no double mint");
    }

    /// @dev A receiver that refuses the license when its re-entry fails undoes the whole purchase; its error
    ///      carries the attempt count and the guard's refusal, since its own counter rolls back with it.
    function test_buyLicense_revertsWholePurchaseWhenReceiverBubbles() public {
        receiver.arm(_buyCall(termsId), true);
        vm.expectRevert(abi.encodeWithSelector(ReentrantLicenseReceiver.ReentryFailed.selector, 1, _guardError()));
        vm.prank(buyer);
        assets.buyLicense(termsId, INFERENCE, address(receiver), PRICE, 0);
        assertEq(licenses.balanceOf(address(receiver), licenseId), 0, "nothing minted");
        assertEq(usd.balanceOf(buyer), PRICE, "buyer refunded by the revert");
        assertEq(assets.termsOf(termsId).sold, 0, "not sold");
    }

    function _buyCall(uint256 terms) private view returns (bytes memory) {
        return abi.encodeCall(IIPAssetRegistry.buyLicense, (terms, INFERENCE, address(receiver), PRICE, 0));
    }

    function _buyFor(uint256 terms) private {
        vm.prank(buyer);
        assets.buyLicense(terms, INFERENCE, address(receiver), PRICE, 0);
    }

    function _assertRejected() private view {
        assertEq(receiver.attempts(), 1, "attack attempted");
        assertFalse(receiver.lastSucceeded(), "re-entry failed");
        assertEq(receiver.lastResult(), _guardError(), "refused by the guard");
    }

    function _guardError() private pure returns (bytes memory) {
        return abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }
}
