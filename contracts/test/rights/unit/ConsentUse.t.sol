// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../../../src/interfaces/IConsentRegistry.sol";
import {ConsentBase} from "./ConsentBase.sol";

/// @notice `checkUse` (licenses first, then consents inside their window) and `revokeConsent`.
contract ConsentUseTest is ConsentBase {
    function test_checkUse_licenseHolderByLicense() public {
        uint256 licenseId = _buy(carol, _setTerms(dataset, _terms(0, 0)), GENERATIVE_TRAINING);
        _assertUse(carol, IConsentRegistry.Basis.License, bytes32(licenseId), "license");
    }

    function test_checkUse_licenseOnWorkByLicense() public {
        uint256 work = _createAsset(creatorKey, WORK);
        uint256 licenseId = _buy(carol, _setTerms(work, _terms(0, 0)), INFERENCE);
        (bool allowed, IConsentRegistry.Basis basis, bytes32 ref) = consents.checkUse(work, INFERENCE, carol);
        assertTrue(allowed, "allowed");
        assertEq(uint8(basis), uint8(IConsentRegistry.Basis.License), "basis");
        assertEq(ref, bytes32(licenseId), "ref");
    }

    function test_checkUse_consentOnlyInsideWindow() public {
        IConsentRegistry.Consent memory c = _grant();
        c.validFrom = uint64(block.timestamp + 1 days);
        bytes32 id = _grantBySig(c);
        _assertUse(carol, IConsentRegistry.Basis.None, 0, "before validFrom");
        vm.warp(c.validFrom);
        _assertUse(carol, IConsentRegistry.Basis.Consent, id, "from validFrom");
        vm.warp(c.validUntil - 1);
        _assertUse(carol, IConsentRegistry.Basis.Consent, id, "last second");
        vm.warp(c.validUntil);
        _assertUse(carol, IConsentRegistry.Basis.None, 0, "validUntil is exclusive");
    }

    function test_checkUse_licenseTakesPrecedenceOverConsent() public {
        _grantBySig(_grant());
        uint256 licenseId = _buy(carol, _setTerms(dataset, _terms(0, 0)), GENERATIVE_TRAINING);
        _assertUse(carol, IConsentRegistry.Basis.License, bytes32(licenseId), "license first");
    }

    function test_checkUse_noneForOtherGranteeOrUse() public {
        _grantBySig(_grant());
        _assertUse(buyer, IConsentRegistry.Basis.None, 0, "other grantee");
        (bool allowed, IConsentRegistry.Basis basis,) = consents.checkUse(dataset, INFERENCE, carol);
        assertFalse(allowed, "other use");
        assertEq(uint8(basis), uint8(IConsentRegistry.Basis.None), "basis");
    }

    function test_revokeConsent_endsConsentAndEmits() public {
        bytes32 id = _grantBySig(_grant());
        vm.expectEmit(address(consents));
        emit IConsentRegistry.ConsentRevoked(id, dataset, creator);
        vm.prank(creator);
        consents.revokeConsent(id);
        assertTrue(consents.consentOf(id).revoked, "revoked");
        _assertUse(carol, IConsentRegistry.Basis.None, 0, "after revoke");
    }

    function test_revokeConsent_revertsNotDataOwner() public {
        bytes32 id = _grantBySig(_grant());
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.NotDataOwner.selector, dataset, stranger));
        vm.prank(stranger);
        consents.revokeConsent(id);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.NotDataOwner.selector, dataset, carol));
        vm.prank(carol); // nor the grantee
        consents.revokeConsent(id);
    }

    function test_revokeConsent_revertsConsentAlreadyRevoked() public {
        bytes32 id = _grantBySig(_grant());
        vm.prank(creator);
        consents.revokeConsent(id);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentAlreadyRevoked.selector, id));
        vm.prank(creator);
        consents.revokeConsent(id);
    }

    function test_revokeConsent_revertsUnknownConsent() public {
        bytes32 id = consents.consentId(_grant());
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.UnknownConsent.selector, id));
        vm.prank(creator);
        consents.revokeConsent(id);
    }

    function test_revokeConsent_newOwnerAfterTransferCanRevoke() public {
        bytes32 id = _grantBySig(_grant());
        vm.prank(creator);
        assets.transferFrom(creator, buyer, dataset);
        _assertUse(carol, IConsentRegistry.Basis.Consent, id, "consent survives the sale");
        vm.expectEmit(address(consents));
        emit IConsentRegistry.ConsentRevoked(id, dataset, buyer);
        vm.prank(buyer);
        consents.revokeConsent(id);
        _assertUse(carol, IConsentRegistry.Basis.None, 0, "revoked by the new owner");
    }

    function test_activeConsent_skipsRevokedForLaterGrant() public {
        IConsentRegistry.Consent memory c = _grant();
        bytes32 first = _grantBySig(c);
        c.salt = keccak256("salt 2");
        bytes32 second = _grantBySig(c);
        vm.prank(creator);
        consents.revokeConsent(first);
        _assertUse(carol, IConsentRegistry.Basis.Consent, second, "second grant still active");
        assertEq(consents.consentIdsOf(dataset).length, 2, "both listed");
    }
}
