// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {RecordId} from "../types/RecordId.sol";
import {IProvenanceRegistry} from "./IProvenanceRegistry.sol";
import {IRevenueVault} from "./IRevenueVault.sol";

/// @title Rightflow IP asset registry
/// @notice Turns a provenance record into an IP asset (ERC-721, token id = the record id) owned by its creator,
///         with machine-readable AI-use terms, licenses sold as ERC-1155 tokens, a revenue vault whose shares are
///         an ERC-20, and derivatives that pay their ancestors.
///
///         Terms are immutable: `setTerms` publishes a new set with a new id and `retireTerms` stops selling a
///         set. Licenses already sold stay valid under the terms they were sold with until those terms expire.
///
///         A license id packs the terms id and the use: `licenseId = termsId << 8 | use`.
///
///         Rights in a set of bytes belong to the earliest anchored claim on them. Anyone may record a later
///         claim on the same bytes (a record with the same content hash) and make it an asset, but once the
///         earlier record is shown (`supersede`), that asset is superseded: it sells no license, takes no terms,
///         no royalty and no derivative, and its licenses no longer count in `checkLicense`. Licenses it sold
///         before stay as tokens (a record of what was paid, to whom), but grant nothing. The registry knows
///         record ids, not content hashes, so it cannot refuse such an asset at creation: the earlier claimant
///         (or anyone) supersedes it with both records.
/// @dev `kind` and `use` parameters are uint8 so that out-of-range values get a named error (InvalidKind,
///      InvalidUse) instead of an ABI decoding failure. Every payment goes straight from the payer to the asset's vault; the registry never holds funds.
interface IIPAssetRegistry {
    /// @notice What an asset is.
    enum AssetKind {
        Work,
        Dataset,
        Model,
        Agent
    }

    /// @notice The AI uses of the CAWG training-and-data-mining assertion: cawg.data_mining,
    ///         cawg.ai_inference, cawg.ai_generative_training, cawg.ai_training.
    enum AIUse {
        DataMining,
        Inference,
        GenerativeTraining,
        OtherTraining
    }

    /// @notice The terms for one AI use.
    /// @param allowed Whether the use may be licensed at all.
    /// @param price Price of a license for this use in payment token units; zero means a free license (which
    ///        must still be taken, so every use is on record).
    struct UseTerms {
        bool allowed;
        uint128 price;
    }

    /// @notice License terms, machine-readable.
    /// @param uses Terms per `AIUse`, indexed by its value.
    /// @param commercialUse Whether licensees may use the work commercially.
    /// @param derivativesAllowed Whether licensees may register derivatives of the work.
    /// @param derivativeRevenueShareBps Part of a derivative's revenue owed to this asset, basis points.
    /// @param attributionRequired Whether licensees must credit the creator.
    /// @param expiresAt Unix time after which these terms are no longer sold and their licenses no longer
    ///        valid; zero for never.
    /// @param transferable Whether licenses under these terms can be transferred.
    struct Terms {
        UseTerms[4] uses;
        bool commercialUse;
        bool derivativesAllowed;
        uint16 derivativeRevenueShareBps;
        bool attributionRequired;
        uint64 expiresAt;
        bool transferable;
    }

    /// @notice A published set of terms.
    /// @param assetId The asset the terms license.
    /// @param retired Whether the owner stopped selling them.
    /// @param sold Number of licenses sold under them.
    /// @param terms The terms.
    struct TermsRecord {
        uint256 assetId;
        bool retired;
        uint64 sold;
        Terms terms;
    }

    /// @notice What the registry keeps per asset.
    /// @param vault The revenue vault, which is also the revenue-share ERC-20.
    /// @param kind The asset kind.
    /// @param createdAt Block time of creation.
    struct Asset {
        IRevenueVault vault;
        AssetKind kind;
        uint64 createdAt;
    }

    /// @notice The record is not known on chain (register it directly, or prove its batch, first).
    error RecordNotOnChain(RecordId record);
    /// @notice Only a record's creator may turn it into an asset.
    error NotRecordCreator(address caller, address creator);
    /// @notice The record is already an asset.
    error AssetExists(uint256 assetId);
    /// @notice No asset with this id.
    error UnknownAsset(uint256 assetId);
    /// @notice The kind is not an `AssetKind`.
    error InvalidKind(uint8 kind);
    /// @notice The use is not an `AIUse`.
    error InvalidUse(uint8 use);
    /// @notice Only the asset's owner may do this.
    error NotAssetOwner(uint256 assetId, address caller);
    /// @notice The terms are inconsistent; `reason` says how.
    error InvalidTerms(string reason);
    /// @notice No terms with this id.
    error UnknownTerms(uint256 termsId);
    /// @notice The terms were retired and are no longer sold.
    error TermsRetired(uint256 termsId);
    /// @notice The terms expired at `expiresAt`.
    error TermsExpired(uint256 termsId, uint64 expiresAt);
    /// @notice The terms do not allow this use.
    error UseNotAllowed(uint256 termsId, uint8 use);
    /// @notice The price is above the buyer's maximum.
    error PriceAboveMaximum(uint256 price, uint256 maxPrice);
    /// @notice The derivative revenue share is above the buyer's maximum.
    error RevenueShareAboveMaximum(uint16 bps, uint16 maxBps);
    /// @notice The license recipient is the zero address.
    error ZeroRecipient();
    /// @notice More parents than `MAX_PARENTS`.
    error TooManyParents(uint256 count, uint256 max);
    /// @notice A derivative names no parent.
    error NoParents();
    /// @notice The caller holds no valid license `licenseId`.
    error LicenseNotHeld(uint256 licenseId, address caller);
    /// @notice The license's terms do not allow derivatives.
    error DerivativesNotAllowed(uint256 licenseId);
    /// @notice Two licenses name the same parent asset.
    error DuplicateParent(uint256 parentAssetId);
    /// @notice A royalty payment of zero.
    error ZeroAmount();
    /// @notice The asset was superseded by `earlierRecord`, an earlier on-chain claim on the same bytes.
    error AssetSuperseded(uint256 assetId, RecordId earlierRecord);
    /// @notice The record given as the asset's is not: its id is `record`, not `assetId`.
    error RecordMismatch(uint256 assetId, RecordId record);
    /// @notice The two records are not claims on the same bytes.
    error DifferentContent(bytes32 assetContentHash, bytes32 earlierContentHash);
    /// @notice `earlierRecord`'s on-chain time is not strictly before the asset record's.
    error NotEarlier(RecordId earlierRecord, uint64 earlierTime, uint64 assetTime);
    /// @notice The asset is not superseded.
    error NotSuperseded(uint256 assetId);

    /// @notice A record became IP asset `assetId` (= the record id), owned by `owner`.
    event AssetCreated(uint256 indexed assetId, address indexed owner, AssetKind kind, address vault);
    /// @notice `assetId` is a derivative of `parentAssetId`, which is owed `bps` of its revenue.
    event ParentLinked(uint256 indexed assetId, uint256 indexed parentAssetId, uint256 licenseId, uint16 bps);
    /// @notice The owner published terms `termsId` for `assetId`.
    event TermsSet(uint256 indexed assetId, uint256 indexed termsId, Terms terms);
    /// @notice The owner stopped selling terms `termsId`.
    event TermsRetiredBy(uint256 indexed assetId, uint256 indexed termsId);
    /// @notice `buyer` bought license `licenseId` for `recipient`, paying `price`.
    event LicenseSold(
        uint256 indexed assetId, uint256 indexed licenseId, address indexed recipient, address buyer, uint256 price
    );
    /// @notice `payer` paid `amount` of royalties to `assetId`.
    event RoyaltyPaid(uint256 indexed assetId, address indexed payer, uint256 amount);
    /// @notice `assetId` was superseded by `earlierRecord`, on chain at `earlierTime`, before the asset's record
    ///         (on chain at `assetTime`), with the same content hash.
    event Superseded(uint256 indexed assetId, RecordId indexed earlierRecord, uint64 earlierTime, uint64 assetTime);
    /// @notice `assetId` is no longer superseded: its record was since proven at least as early as
    ///         `formerEarlierRecord` (see IProvenanceRegistry.prove).
    event Reinstated(uint256 indexed assetId, RecordId indexed formerEarlierRecord);

    /// @notice Turn a record known on chain into an IP asset owned by the caller, who must be its creator.
    ///         All revenue shares go to the caller.
    /// @return assetId The asset id, equal to the record id.
    function createAsset(RecordId record, uint8 kind) external returns (uint256 assetId);

    /// @notice Like `createAsset`, for a derivative of licensed parents: for each license the caller holds a
    ///         valid license whose terms allow derivatives; the license's asset becomes a parent and is owed
    ///         the terms' derivative revenue share. At most `MAX_PARENTS` parents, whose shares add up to at
    ///         most 10,000 bps (the vault reverts RevenueShareTooHigh otherwise).
    ///
    ///         A superseded parent reverts AssetSuperseded.
    ///
    ///         The graph cannot have cycles: parents are fixed at creation and must already exist (a license
    ///         names an existing asset), so closing a loop would need an asset that exists already (AssetExists).
    function createDerivative(RecordId record, uint8 kind, uint256[] calldata parentLicenseIds)
        external
        returns (uint256 assetId);

    /// @notice Mark `assetId` superseded: its record is a later claim on bytes an earlier on-chain record claims.
    /// @dev Permissionless; the caller pays the gas. Both records are given in full because the asset registry
    ///      knows only record ids; times are read live from the provenance registry (whose `prove` can lower a
    ///      record's time to its earliest anchor). Checks in order: UnknownAsset, AssetSuperseded (already),
    ///      RecordMismatch (recordId(assetRecord) != assetId), DifferentContent, RecordNotOnChain (earlierRecord),
    ///      NotEarlier (earlier's time must be strictly before the asset record's; equal times supersede neither).
    ///      Anything can be superseded this way, an original or a derivative; the asset token itself stays.
    function supersede(
        uint256 assetId,
        IProvenanceRegistry.Record calldata assetRecord,
        IProvenanceRegistry.Record calldata earlierRecord
    ) external;

    /// @notice Undo a supersession that no longer holds: the asset's record has since been proven against a
    ///         batch at least as early as the record that superseded it (so that record is no longer strictly
    ///         earlier). Permissionless. Reverts UnknownAsset, NotSuperseded, then AssetSuperseded while the
    ///         superseding record is still strictly earlier.
    function reinstate(uint256 assetId) external;

    /// @notice The earlier record that superseded `assetId`; zero when it is not superseded.
    function supersededBy(uint256 assetId) external view returns (RecordId);

    /// @notice Publish new terms for an asset. Only its owner; reverts AssetSuperseded for a superseded asset.
    /// @return termsId The id of the new terms.
    function setTerms(uint256 assetId, Terms calldata terms) external returns (uint256 termsId);

    /// @notice Stop selling terms. Only the asset's owner. Licenses already sold stay valid.
    function retireTerms(uint256 termsId) external;

    /// @notice Buy a license for `use` under `termsId`, minted to `recipient` and paid by the caller (needs an
    ///         allowance on the payment token for the price). The fee goes to the asset's vault and on to the
    ///         asset's direct parents at once. Checks in order: InvalidUse, ZeroRecipient, UnknownTerms,
    ///         AssetSuperseded, TermsRetired, TermsExpired, UseNotAllowed, PriceAboveMaximum,
    ///         RevenueShareAboveMaximum.
    /// @param maxPrice The most the buyer will pay; reverts PriceAboveMaximum otherwise.
    /// @param maxRevenueShareBps The largest derivative revenue share the buyer accepts.
    /// @return licenseId The ERC-1155 id of the license.
    function buyLicense(uint256 termsId, uint8 use, address recipient, uint256 maxPrice, uint16 maxRevenueShareBps)
        external
        returns (uint256 licenseId);

    /// @notice `buyLicense` with an EIP-2612 permit for the price instead of a prior approval. A permit that
    ///         fails (front-run, say) is ignored when the allowance is already enough.
    function buyLicenseWithPermit(
        uint256 termsId,
        uint8 use,
        address recipient,
        uint256 maxPrice,
        uint16 maxRevenueShareBps,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 licenseId);

    /// @notice Pay `amount` of royalties to an asset from the caller (needs an allowance). The asset's direct
    ///         parents are paid their shares at once. Reverts ZeroAmount, UnknownAsset, AssetSuperseded.
    function payRoyalty(uint256 assetId, uint256 amount) external;

    /// @notice Whether `account` holds a valid license for `use` of `assetId`, and which.
    /// @return licensed True when a license under unexpired terms is held and the asset is not superseded.
    /// @return licenseId The license held (zero when none).
    function checkLicense(uint256 assetId, uint8 use, address account)
        external
        view
        returns (bool licensed, uint256 licenseId);

    /// @notice The asset; reverts UnknownAsset.
    function assetOf(uint256 assetId) external view returns (Asset memory);

    /// @notice Whether an asset with this id exists.
    function assetExists(uint256 assetId) external view returns (bool);

    /// @notice The asset's parents (empty for originals).
    function parentsOf(uint256 assetId) external view returns (uint256[] memory);

    /// @notice Every terms id ever published for the asset, oldest first.
    function termsIdsOf(uint256 assetId) external view returns (uint256[] memory);

    /// @notice Published terms; reverts UnknownTerms.
    function termsOf(uint256 termsId) external view returns (TermsRecord memory);

    /// @notice The license id for `use` under `termsId`.
    function licenseIdOf(uint256 termsId, uint8 use) external pure returns (uint256);

    /// @notice Whether licenses with this id may change hands; false for unknown ids.
    function licenseTransferable(uint256 licenseId) external view returns (bool);

    /// @notice The ERC-1155 license token.
    function licenseToken() external view returns (address);

    /// @notice The payment token (a stablecoin).
    function paymentToken() external view returns (address);

    /// @notice The provenance registry whose records become assets.
    function provenance() external view returns (address);
}
