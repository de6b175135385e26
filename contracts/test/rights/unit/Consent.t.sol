// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../../../src/interfaces/IConsentRegistry.sol";
import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {MockERC1271Wallet} from "../../mocks/MockERC1271Wallet.sol";
import {ConsentBase} from "./ConsentBase.sol";

/// @notice Granting consent: signed by the dataset's owner (or sent by it), accepted once, within a sane window.
contract ConsentTest is ConsentBase {
    function test_grantConsentBySig_recordsOwnerSignedGrant() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes32 expectedId = keccak256(abi.encode(consents.CONSENT_TYPEHASH(), c));
        assertEq(consents.consentDigest(c), _consentDigest(c), "digest follows EIP-712");
        assertEq(consents.consentId(c), expectedId, "id is the struct hash");

        vm.expectEmit(address(consents));
        emit IConsentRegistry.ConsentGranted(
            expectedId, dataset, carol, creator, GENERATIVE_TRAINING, c.validFrom, c.validUntil
        );
        assertEq(_grantBySig(c), expectedId, "returned id");

        IConsentRegistry.ConsentRecord memory stored = consents.consentOf(expectedId);
        assertEq(abi.encode(stored.consent), abi.encode(c), "grant stored");
        assertEq(stored.grantor, creator, "grantor is the owner, not the relayer");
        assertFalse(stored.revoked, "not revoked");
        assertEq(consents.consentIdsOf(dataset).length, 1, "listed");
        assertEq(consents.assets(), address(assets), "assets");
    }

    function test_grantConsentBySig_revertsConsentExistsOnReplay() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes32 id = _grantBySig(c);
        bytes memory signature = _signConsent(creatorKey, c);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentExists.selector, id));
        consents.grantConsentBySig(c, signature);
    }

    function test_grantConsentBySig_revertsConsentExistsAfterRevokeUnlessNewSalt() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes32 id = _grantBySig(c);
        vm.prank(creator);
        consents.revokeConsent(id);
        bytes memory signature = _signConsent(creatorKey, c);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentExists.selector, id));
        consents.grantConsentBySig(c, signature);

        c.salt = keccak256("salt 2");
        bytes32 renewed = _grantBySig(c);
        assertTrue(renewed != id, "new id");
        (bool found, bytes32 active) = consents.activeConsent(dataset, GENERATIVE_TRAINING, carol);
        assertTrue(found, "active again");
        assertEq(active, renewed, "the new grant");
    }

    /// @dev A signed grant has no submission deadline of its own: its window bounds it. An owner who changes its
    ///      mind before anyone submits it withdraws it by recording the same grant itself (same id) and revoking
    ///      it; the signed copy is then refused.
    function test_grantConsentBySig_revertsConsentExistsOnceOwnerWithdrewUnsubmittedGrant() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes memory signature = _signConsent(creatorKey, c);
        vm.prank(creator);
        bytes32 id = consents.grantConsent(c);
        vm.prank(creator);
        consents.revokeConsent(id);

        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentExists.selector, id));
        vm.prank(carol);
        consents.grantConsentBySig(c, signature);
        (bool found,) = consents.activeConsent(dataset, GENERATIVE_TRAINING, carol);
        assertFalse(found, "no active consent");
    }

    /// @dev A signed grant submitted once its window is over is refused.
    function test_grantConsentBySig_revertsInvalidWindowOnceWindowOver() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes memory signature = _signConsent(creatorKey, c);
        vm.warp(c.validUntil);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidWindow.selector, c.validFrom, c.validUntil));
        vm.prank(carol);
        consents.grantConsentBySig(c, signature);
    }

    function test_grantConsentBySig_revertsInvalidSignatureOfOtherSigner() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes memory signature = _signConsent(buyerKey, c);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidSignature.selector, dataset));
        consents.grantConsentBySig(c, signature);
    }

    function test_grantConsentBySig_revertsInvalidSignatureOverOtherGrant() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes memory signature = _signConsent(creatorKey, c);
        c.validUntil += 1 days;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidSignature.selector, dataset));
        consents.grantConsentBySig(c, signature);
    }

    function test_grantConsentBySig_revertsInvalidSignatureOfPreviousOwner() public {
        vm.prank(creator);
        assets.transferFrom(creator, buyer, dataset);
        IConsentRegistry.Consent memory c = _grant();
        bytes memory signature = _signConsent(creatorKey, c);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidSignature.selector, dataset));
        consents.grantConsentBySig(c, signature);
    }

    function test_grantConsentBySig_acceptsContractWalletOwner() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(creator);
        vm.prank(creator);
        assets.transferFrom(creator, address(wallet), dataset);
        bytes32 id = _grantBySig(_grant()); // signed by the wallet's owner key
        assertEq(consents.consentOf(id).grantor, address(wallet), "grantor is the wallet");
    }

    function test_grantConsentBySig_revertsNotADataset() public {
        IConsentRegistry.Consent memory c = _grant();
        c.assetId = _createAsset(creatorKey, WORK);
        bytes memory signature = _signConsent(creatorKey, c);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.NotADataset.selector, c.assetId));
        consents.grantConsentBySig(c, signature);
    }

    function test_grantConsent_recordsCallersGrant() public {
        IConsentRegistry.Consent memory c = _grant();
        vm.prank(creator);
        bytes32 id = consents.grantConsent(c);
        assertEq(consents.consentOf(id).grantor, creator, "grantor");
    }

    function test_grantConsent_revertsNotDataOwner() public {
        IConsentRegistry.Consent memory c = _grant();
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.NotDataOwner.selector, dataset, stranger));
        vm.prank(stranger);
        consents.grantConsent(c);
    }

    function test_grantConsent_revertsUnknownAsset() public {
        IConsentRegistry.Consent memory c = _grant();
        c.assetId = 5;
        vm.expectRevert(abi.encodeWithSelector(IIPAssetRegistry.UnknownAsset.selector, 5));
        vm.prank(creator);
        consents.grantConsent(c);
    }

    function test_grantConsent_revertsZeroGrantee() public {
        IConsentRegistry.Consent memory c = _grant();
        c.grantee = address(0);
        vm.expectRevert(IConsentRegistry.ZeroGrantee.selector);
        vm.prank(creator);
        consents.grantConsent(c);
    }

    function test_grantConsent_revertsInvalidUse() public {
        IConsentRegistry.Consent memory c = _grant();
        c.use = 4;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidUse.selector, uint8(4)));
        vm.prank(creator);
        consents.grantConsent(c);
    }

    function test_grantConsent_revertsInvalidWindowEmpty() public {
        IConsentRegistry.Consent memory c = _grant();
        c.validFrom = c.validUntil;
        _expectInvalidWindow(c);
    }

    function test_grantConsent_revertsInvalidWindowReversed() public {
        IConsentRegistry.Consent memory c = _grant();
        c.validFrom = c.validUntil + 1;
        _expectInvalidWindow(c);
    }

    function test_grantConsent_revertsInvalidWindowAlreadyOver() public {
        IConsentRegistry.Consent memory c = _grant();
        c.validFrom = uint64(block.timestamp - 10 days);
        c.validUntil = uint64(block.timestamp); // exclusive: over now
        _expectInvalidWindow(c);
    }

    function test_grantConsent_acceptsWindowStartedInPast() public {
        IConsentRegistry.Consent memory c = _grant();
        c.validFrom = uint64(block.timestamp - 10 days);
        c.validUntil = uint64(block.timestamp + 1);
        vm.prank(creator);
        consents.grantConsent(c);
        (bool found,) = consents.activeConsent(dataset, GENERATIVE_TRAINING, carol);
        assertTrue(found, "active");
    }

    function test_consentOf_revertsUnknownConsent() public {
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.UnknownConsent.selector, bytes32(uint256(1))));
        consents.consentOf(bytes32(uint256(1)));
    }

    function _expectInvalidWindow(IConsentRegistry.Consent memory c) private {
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidWindow.selector, c.validFrom, c.validUntil));
        vm.prank(creator);
        consents.grantConsent(c);
    }
}
