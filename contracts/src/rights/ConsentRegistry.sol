// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IConsentRegistry} from "../interfaces/IConsentRegistry.sol";
import {IIPAssetRegistry} from "../interfaces/IIPAssetRegistry.sol";
import {RecordId} from "../types/RecordId.sol";

/// @title Rightflow data consent registry
/// @notice See {IConsentRegistry}. Ownerless and immutable. EIP-712 domain: "Rightflow Consent", version "1".
/// @dev Both ways of granting funnel into `_grant`, so the rules live in one place.
contract ConsentRegistry is IConsentRegistry, EIP712 {
    /// @notice EIP-712 type hash of `Consent`.
    bytes32 public constant CONSENT_TYPEHASH =
        keccak256("Consent(uint256 assetId,address grantee,uint8 use,uint64 validFrom,uint64 validUntil,bytes32 salt)");
    uint8 private constant USE_COUNT = 4;

    IIPAssetRegistry private immutable _assets;

    /// @dev `grantor` is never zero for an accepted consent, so it doubles as the existence flag.
    mapping(bytes32 consentId => ConsentRecord) private _consents;
    mapping(uint256 assetId => bytes32[] consentIds) private _byAsset;
    mapping(uint256 assetId => mapping(address grantee => bytes32[] consentIds)) private _byGrantee;

    constructor(IIPAssetRegistry assets_) EIP712("Rightflow Consent", "1") {
        _assets = assets_;
    }

    /// @inheritdoc IConsentRegistry
    function grantConsentBySig(Consent calldata consent, bytes calldata signature) external returns (bytes32 id) {
        address owner = _requireDataset(consent.assetId);
        id = _consentId(consent);
        if (!SignatureChecker.isValidSignatureNow(owner, _hashTypedDataV4(id), signature)) {
            revert InvalidSignature(consent.assetId);
        }
        _grant(consent, id, owner);
    }

    /// @inheritdoc IConsentRegistry
    function grantConsent(Consent calldata consent) external returns (bytes32 id) {
        address owner = _requireDataset(consent.assetId);
        if (owner != msg.sender) revert NotDataOwner(consent.assetId, msg.sender);
        id = _consentId(consent);
        _grant(consent, id, owner);
    }

    /// @inheritdoc IConsentRegistry
    function revokeConsent(bytes32 id) external {
        ConsentRecord storage stored = _consents[id];
        if (stored.grantor == address(0)) revert UnknownConsent(id);
        uint256 assetId = stored.consent.assetId;
        if (msg.sender != stored.grantor && msg.sender != IERC721(address(_assets)).ownerOf(assetId)) {
            revert NotDataOwner(assetId, msg.sender);
        }
        if (stored.revoked) revert ConsentAlreadyRevoked(id);
        stored.revoked = true;
        emit ConsentRevoked(id, assetId, msg.sender);
    }

    /// @inheritdoc IConsentRegistry
    function checkUse(uint256 assetId, uint8 use, address account)
        external
        view
        returns (bool allowed, Basis basis, bytes32 ref)
    {
        (bool licensed, uint256 licenseId) = _assets.checkLicense(assetId, use, account);
        if (licensed) return (true, Basis.License, bytes32(licenseId));
        // A superseded dataset is a later claim on someone else's bytes: its owner's consents grant nothing.
        if (RecordId.unwrap(_assets.supersededBy(assetId)) != bytes32(0)) return (false, Basis.None, bytes32(0));
        (bool consented, bytes32 id) = _activeConsent(assetId, use, account);
        if (consented) return (true, Basis.Consent, id);
        return (false, Basis.None, bytes32(0));
    }

    /// @inheritdoc IConsentRegistry
    function activeConsent(uint256 assetId, uint8 use, address grantee) external view returns (bool, bytes32) {
        return _activeConsent(assetId, use, grantee);
    }

    /// @inheritdoc IConsentRegistry
    function consentIdsOf(uint256 assetId) external view returns (bytes32[] memory) {
        return _byAsset[assetId];
    }

    /// @inheritdoc IConsentRegistry
    function consentOf(bytes32 id) external view returns (ConsentRecord memory) {
        ConsentRecord storage stored = _consents[id];
        if (stored.grantor == address(0)) revert UnknownConsent(id);
        return stored;
    }

    /// @inheritdoc IConsentRegistry
    function consentId(Consent calldata consent) external pure returns (bytes32) {
        return _consentId(consent);
    }

    /// @inheritdoc IConsentRegistry
    function consentDigest(Consent calldata consent) external view returns (bytes32) {
        return _hashTypedDataV4(_consentId(consent));
    }

    /// @inheritdoc IConsentRegistry
    function assets() external view returns (address) {
        return address(_assets);
    }

    function _grant(Consent calldata consent, bytes32 id, address grantor) private {
        if (consent.grantee == address(0)) revert ZeroGrantee();
        if (consent.use >= USE_COUNT) revert InvalidUse(consent.use);
        if (consent.validUntil <= consent.validFrom || consent.validUntil <= block.timestamp) {
            revert InvalidWindow(consent.validFrom, consent.validUntil);
        }
        if (_consents[id].grantor != address(0)) revert ConsentExists(id);
        _consents[id] = ConsentRecord({consent: consent, grantor: grantor, revoked: false});
        _byAsset[consent.assetId].push(id);
        _byGrantee[consent.assetId][consent.grantee].push(id);
        emit ConsentGranted(
            id, consent.assetId, consent.grantee, grantor, consent.use, consent.validFrom, consent.validUntil
        );
    }

    function _activeConsent(uint256 assetId, uint8 use, address grantee) private view returns (bool, bytes32) {
        bytes32[] storage ids = _byGrantee[assetId][grantee];
        for (uint256 i; i < ids.length; ++i) {
            ConsentRecord storage stored = _consents[ids[i]];
            Consent storage consent = stored.consent;
            if (
                !stored.revoked && consent.use == use && consent.validFrom <= block.timestamp
                    && block.timestamp < consent.validUntil
            ) return (true, ids[i]);
        }
        return (false, bytes32(0));
    }

    function _requireDataset(uint256 assetId) private view returns (address owner) {
        if (!_assets.assetExists(assetId)) revert IIPAssetRegistry.UnknownAsset(assetId);
        if (_assets.assetOf(assetId).kind != IIPAssetRegistry.AssetKind.Dataset) revert NotADataset(assetId);
        owner = IERC721(address(_assets)).ownerOf(assetId);
    }

    function _consentId(Consent calldata consent) private pure returns (bytes32) {
        return keccak256(abi.encode(CONSENT_TYPEHASH, consent));
    }
}
