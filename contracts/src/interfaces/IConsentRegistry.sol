// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Rightflow data consent registry
/// @notice A data owner (the owner of a dataset IP asset) grants a named grantee a named AI use of the dataset
///         for a time window, and can revoke it. A grant is an EIP-712 statement signed by the owner (EOA or
///         ERC-1271 wallet) that anyone may submit, so no key is shared with whoever relays it.
///
///         `checkUse` is the one question AI pipelines ask: may `account` use the asset this way now? It answers
///         from licenses first (any asset kind) and from consents for datasets.
/// @dev A consent id is the EIP-712 struct hash of the grant, so each signed grant is accepted once: replaying
///      it, or re-submitting it after revocation, reverts ConsentExists. Consent stays valid when the dataset
///      changes hands; the new owner may revoke it.
interface IConsentRegistry {
    /// @notice A grant. EIP-712 type:
    ///         Consent(uint256 assetId,address grantee,uint8 use,uint64 validFrom,uint64 validUntil,bytes32 salt)
    /// @param assetId The dataset asset.
    /// @param grantee Who may use it.
    /// @param use An `IIPAssetRegistry.AIUse` value.
    /// @param validFrom Unix time the consent starts.
    /// @param validUntil Unix time the consent ends (exclusive).
    /// @param salt Any value, so the same grant can be made again after a revocation.
    struct Consent {
        uint256 assetId;
        address grantee;
        uint8 use;
        uint64 validFrom;
        uint64 validUntil;
        bytes32 salt;
    }

    /// @notice What the registry keeps per consent.
    struct ConsentRecord {
        Consent consent;
        address grantor;
        bool revoked;
    }

    /// @notice Why `checkUse` said yes.
    enum Basis {
        None,
        License,
        Consent
    }

    /// @notice The asset is not a dataset.
    error NotADataset(uint256 assetId);
    /// @notice The signer (or caller) does not own the dataset.
    error NotDataOwner(uint256 assetId, address account);
    /// @notice The signature is not the dataset owner's over this grant.
    error InvalidSignature(uint256 assetId);
    /// @notice `validUntil` is not after `validFrom`, or already past.
    error InvalidWindow(uint64 validFrom, uint64 validUntil);
    /// @notice The grantee is the zero address.
    error ZeroGrantee();
    /// @notice The use is not an `AIUse`.
    error InvalidUse(uint8 use);
    /// @notice This grant was accepted before (it may since have been revoked).
    error ConsentExists(bytes32 consentId);
    /// @notice No consent with this id.
    error UnknownConsent(bytes32 consentId);
    /// @notice The consent was already revoked.
    error ConsentAlreadyRevoked(bytes32 consentId);

    /// @notice `grantor` consented to `grantee` using `assetId` for `use` in [validFrom, validUntil).
    event ConsentGranted(
        bytes32 indexed consentId,
        uint256 indexed assetId,
        address indexed grantee,
        address grantor,
        uint8 use,
        uint64 validFrom,
        uint64 validUntil
    );
    /// @notice `by` revoked the consent.
    event ConsentRevoked(bytes32 indexed consentId, uint256 indexed assetId, address indexed by);

    /// @notice Record a grant signed by the dataset's owner. Anyone may submit it.
    /// @return consentId The consent id (the grant's struct hash).
    function grantConsentBySig(Consent calldata consent, bytes calldata signature) external returns (bytes32 consentId);

    /// @notice Record a grant by the dataset's owner, who is the caller.
    function grantConsent(Consent calldata consent) external returns (bytes32 consentId);

    /// @notice Revoke a consent. Only its grantor or the dataset's current owner.
    function revokeConsent(bytes32 consentId) external;

    /// @notice Whether `account` may use `assetId` for `use` now: by a license held (any asset kind) or by an
    ///         active consent (datasets). Never for a superseded asset (IIPAssetRegistry.supersede): a later
    ///         claim's licenses and consents grant nothing.
    /// @return allowed The answer.
    /// @return basis Why.
    /// @return ref The license id or the consent id behind a yes.
    function checkUse(uint256 assetId, uint8 use, address account)
        external
        view
        returns (bool allowed, Basis basis, bytes32 ref);

    /// @notice An active consent of `grantee` for `use` of `assetId`, if any.
    function activeConsent(uint256 assetId, uint8 use, address grantee)
        external
        view
        returns (bool found, bytes32 consentId);

    /// @notice Every consent ever granted on the asset, oldest first.
    function consentIdsOf(uint256 assetId) external view returns (bytes32[] memory);

    /// @notice A consent; reverts UnknownConsent.
    function consentOf(bytes32 consentId) external view returns (ConsentRecord memory);

    /// @notice The id (struct hash) of a grant.
    function consentId(Consent calldata consent) external pure returns (bytes32);

    /// @notice The EIP-712 digest the dataset owner signs for a grant.
    function consentDigest(Consent calldata consent) external view returns (bytes32);

    /// @notice The IP asset registry.
    function assets() external view returns (address);
}
