// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IIPAssetRegistry} from "../interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../interfaces/IRevenueVault.sol";
import {RecordId} from "../types/RecordId.sol";
import {LicenseIds} from "./LicenseIds.sol";
import {LicenseToken} from "./LicenseToken.sol";
import {RevenueVault} from "./RevenueVault.sol";

/// @title Rightflow IP asset registry
/// @notice See {IIPAssetRegistry}. Ownerless and immutable: no admin, no fees, no upgrade.
/// @dev The constructor creates the license token and the vault implementation, so the three are bound to each
///      other for good and the registry's address depends only on the provenance registry and the payment
///      token. `createAsset` and `createDerivative` funnel into `_create`, and both license purchases into
///      `_buy`, so each rule lives in one place. Payments follow checks-effects-interactions and every
///      external entry point that moves tokens is nonReentrant (transient storage: ~200 gas).
contract IPAssetRegistry is IIPAssetRegistry, ERC721, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using LicenseIds for uint256;

    /// @notice Most parents a derivative may have; bounds the gas of creating and paying it.
    uint256 public constant MAX_PARENTS = 16;
    uint256 private constant BPS = 10_000;
    uint8 private constant USE_COUNT = 4;

    IProvenanceRegistry private immutable _provenance;
    IERC20 private immutable _token;
    LicenseToken private immutable _licenses;
    address private immutable _vaultImplementation;

    /// @dev `vault` is never zero for an existing asset, so it doubles as the existence flag.
    mapping(uint256 assetId => Asset) private _assets;
    mapping(uint256 assetId => uint256[] parentAssetIds) private _parents;
    mapping(uint256 assetId => uint256[] termsIds) private _termsIds;
    /// @dev `assetId` is never zero for published terms (a record id is a keccak256 output).
    mapping(uint256 termsId => TermsRecord) private _terms;
    uint256 private _lastTermsId;
    /// @dev Zero for an asset that is not superseded (a record id is a keccak256 output, never zero).
    mapping(uint256 assetId => RecordId earlierRecord) private _supersededBy;

    constructor(IProvenanceRegistry provenance_, IERC20 paymentToken_) ERC721("Rightflow IP Asset", "RFIP") {
        _provenance = provenance_;
        _token = paymentToken_;
        _licenses = new LicenseToken();
        _vaultImplementation = address(new RevenueVault());
    }

    /// @inheritdoc IIPAssetRegistry
    function createAsset(RecordId record, uint8 kind) external returns (uint256 assetId) {
        assetId = _create(record, kind, new IRevenueVault.Parent[](0));
    }

    /// @inheritdoc IIPAssetRegistry
    function createDerivative(RecordId record, uint8 kind, uint256[] calldata parentLicenseIds)
        external
        returns (uint256 assetId)
    {
        uint256 count = parentLicenseIds.length;
        if (count == 0) revert NoParents();
        if (count > MAX_PARENTS) revert TooManyParents(count, MAX_PARENTS);
        IRevenueVault.Parent[] memory links = new IRevenueVault.Parent[](count);
        uint256[] memory parentIds = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 licenseId = parentLicenseIds[i];
            TermsRecord storage terms = _terms[licenseId.termsId()];
            if (!_holdsValid(msg.sender, licenseId, terms)) revert LicenseNotHeld(licenseId, msg.sender);
            if (!terms.terms.derivativesAllowed) revert DerivativesNotAllowed(licenseId);
            uint256 parentId = terms.assetId;
            _requireNotSuperseded(parentId);
            for (uint256 j; j < i; ++j) {
                if (parentIds[j] == parentId) revert DuplicateParent(parentId);
            }
            parentIds[i] = parentId;
            links[i] = IRevenueVault.Parent({
                vault: address(_assets[parentId].vault), bps: terms.terms.derivativeRevenueShareBps
            });
        }
        assetId = _create(record, kind, links);
        _parents[assetId] = parentIds;
        for (uint256 i; i < count; ++i) {
            emit ParentLinked(assetId, parentIds[i], parentLicenseIds[i], links[i].bps);
        }
    }

    /// @inheritdoc IIPAssetRegistry
    function setTerms(uint256 assetId, Terms calldata terms) external returns (uint256 termsId) {
        _requireOwner(assetId);
        _requireNotSuperseded(assetId);
        _validateTerms(terms);
        termsId = ++_lastTermsId;
        TermsRecord storage stored = _terms[termsId];
        stored.assetId = assetId;
        stored.terms = terms;
        _termsIds[assetId].push(termsId);
        emit TermsSet(assetId, termsId, terms);
    }

    /// @inheritdoc IIPAssetRegistry
    function retireTerms(uint256 termsId) external {
        TermsRecord storage stored = _terms[termsId];
        if (stored.assetId == 0) revert UnknownTerms(termsId);
        _requireOwner(stored.assetId);
        if (stored.retired) revert TermsRetired(termsId);
        stored.retired = true;
        emit TermsRetiredBy(stored.assetId, termsId);
    }

    /// @inheritdoc IIPAssetRegistry
    function buyLicense(uint256 termsId, uint8 use, address recipient, uint256 maxPrice, uint16 maxRevenueShareBps)
        external
        nonReentrant
        returns (uint256 licenseId)
    {
        licenseId = _buy(termsId, use, recipient, maxPrice, maxRevenueShareBps);
    }

    /// @inheritdoc IIPAssetRegistry
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
    ) external nonReentrant returns (uint256 licenseId) {
        // A permit can be front-run by anyone who saw it in the mempool; the allowance it set is then already
        // there, so a failed permit is not an error by itself (transferFrom still checks the allowance).
        try IERC20Permit(address(_token)).permit(msg.sender, address(this), maxPrice, deadline, v, r, s) {} catch {}
        licenseId = _buy(termsId, use, recipient, maxPrice, maxRevenueShareBps);
    }

    /// @inheritdoc IIPAssetRegistry
    function payRoyalty(uint256 assetId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        IRevenueVault vault = _requireAsset(assetId).vault;
        _requireNotSuperseded(assetId);
        emit RoyaltyPaid(assetId, msg.sender, amount);
        _token.safeTransferFrom(msg.sender, address(vault), amount);
        vault.collect();
    }

    /// @inheritdoc IIPAssetRegistry
    function supersede(
        uint256 assetId,
        IProvenanceRegistry.Record calldata assetRecord,
        IProvenanceRegistry.Record calldata earlierRecord
    ) external {
        _requireAsset(assetId);
        _requireNotSuperseded(assetId);
        RecordId assetRecordId = _provenance.recordId(assetRecord);
        if (uint256(RecordId.unwrap(assetRecordId)) != assetId) revert RecordMismatch(assetId, assetRecordId);
        if (assetRecord.contentHash != earlierRecord.contentHash) {
            revert DifferentContent(assetRecord.contentHash, earlierRecord.contentHash);
        }
        RecordId earlierId = _provenance.recordId(earlierRecord);
        uint64 earlierTime = _provenance.recordOf(earlierId).timestamp;
        if (earlierTime == 0) revert RecordNotOnChain(earlierId);
        // Read live: the provenance registry only ever lowers a record's time, to its earliest anchor.
        uint64 assetTime = _provenance.recordOf(assetRecordId).timestamp;
        if (earlierTime >= assetTime) revert NotEarlier(earlierId, earlierTime, assetTime);
        _supersededBy[assetId] = earlierId;
        emit Superseded(assetId, earlierId, earlierTime, assetTime);
    }

    /// @inheritdoc IIPAssetRegistry
    function reinstate(uint256 assetId) external {
        _requireAsset(assetId);
        RecordId earlierId = _supersededBy[assetId];
        if (RecordId.unwrap(earlierId) == bytes32(0)) revert NotSuperseded(assetId);
        uint64 earlierTime = _provenance.recordOf(earlierId).timestamp;
        uint64 assetTime = _provenance.recordOf(RecordId.wrap(bytes32(assetId))).timestamp;
        if (earlierTime < assetTime) revert AssetSuperseded(assetId, earlierId);
        _supersededBy[assetId] = RecordId.wrap(bytes32(0));
        emit Reinstated(assetId, earlierId);
    }

    /// @inheritdoc IIPAssetRegistry
    function supersededBy(uint256 assetId) external view returns (RecordId) {
        return _supersededBy[assetId];
    }

    /// @inheritdoc IIPAssetRegistry
    function checkLicense(uint256 assetId, uint8 use, address account)
        external
        view
        returns (bool licensed, uint256 licenseId)
    {
        // A superseded asset's licenses were sold by a later claimant: they grant nothing.
        if (RecordId.unwrap(_supersededBy[assetId]) != bytes32(0)) return (false, 0);
        uint256[] storage termsIds = _termsIds[assetId];
        for (uint256 i; i < termsIds.length; ++i) {
            uint256 candidate = LicenseIds.encode(termsIds[i], use);
            if (_holdsValid(account, candidate, _terms[termsIds[i]])) return (true, candidate);
        }
        return (false, 0);
    }

    /// @inheritdoc IIPAssetRegistry
    function assetOf(uint256 assetId) external view returns (Asset memory) {
        return _requireAsset(assetId);
    }

    /// @inheritdoc IIPAssetRegistry
    function assetExists(uint256 assetId) external view returns (bool) {
        return address(_assets[assetId].vault) != address(0);
    }

    /// @inheritdoc IIPAssetRegistry
    function parentsOf(uint256 assetId) external view returns (uint256[] memory) {
        return _parents[assetId];
    }

    /// @inheritdoc IIPAssetRegistry
    function termsIdsOf(uint256 assetId) external view returns (uint256[] memory) {
        return _termsIds[assetId];
    }

    /// @inheritdoc IIPAssetRegistry
    function termsOf(uint256 termsId) external view returns (TermsRecord memory) {
        TermsRecord storage stored = _terms[termsId];
        if (stored.assetId == 0) revert UnknownTerms(termsId);
        return stored;
    }

    /// @inheritdoc IIPAssetRegistry
    function licenseIdOf(uint256 termsId, uint8 use) external pure returns (uint256) {
        return LicenseIds.encode(termsId, use);
    }

    /// @inheritdoc IIPAssetRegistry
    function licenseTransferable(uint256 licenseId) external view returns (bool) {
        return _terms[licenseId.termsId()].terms.transferable;
    }

    /// @inheritdoc IIPAssetRegistry
    function licenseToken() external view returns (address) {
        return address(_licenses);
    }

    /// @inheritdoc IIPAssetRegistry
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IIPAssetRegistry
    function provenance() external view returns (address) {
        return address(_provenance);
    }

    function _create(RecordId record, uint8 kind, IRevenueVault.Parent[] memory links)
        private
        returns (uint256 assetId)
    {
        if (kind > uint8(type(AssetKind).max)) revert InvalidKind(kind);
        address creator = _provenance.recordOf(record).creator;
        if (creator == address(0)) revert RecordNotOnChain(record);
        if (creator != msg.sender) revert NotRecordCreator(msg.sender, creator);
        assetId = uint256(RecordId.unwrap(record));
        if (address(_assets[assetId].vault) != address(0)) revert AssetExists(assetId);
        address vault = Clones.cloneDeterministic(_vaultImplementation, bytes32(assetId));
        _assets[assetId] =
            Asset({vault: IRevenueVault(vault), kind: AssetKind(kind), createdAt: uint64(block.timestamp)});
        _mint(msg.sender, assetId);
        emit AssetCreated(assetId, msg.sender, AssetKind(kind), vault);
        IRevenueVault(vault).initialize(assetId, _token, msg.sender, links);
    }

    function _buy(uint256 termsId, uint8 use, address recipient, uint256 maxPrice, uint16 maxRevenueShareBps)
        private
        returns (uint256 licenseId)
    {
        if (use >= USE_COUNT) revert InvalidUse(use);
        if (recipient == address(0)) revert ZeroRecipient();
        TermsRecord storage stored = _terms[termsId];
        uint256 assetId = stored.assetId;
        if (assetId == 0) revert UnknownTerms(termsId);
        _requireNotSuperseded(assetId);
        if (stored.retired) revert TermsRetired(termsId);
        uint64 expiresAt = stored.terms.expiresAt;
        if (expiresAt != 0 && block.timestamp >= expiresAt) revert TermsExpired(termsId, expiresAt);
        UseTerms memory useTerms = stored.terms.uses[use];
        if (!useTerms.allowed) revert UseNotAllowed(termsId, use);
        if (useTerms.price > maxPrice) revert PriceAboveMaximum(useTerms.price, maxPrice);
        uint16 bps = stored.terms.derivativeRevenueShareBps;
        if (bps > maxRevenueShareBps) revert RevenueShareAboveMaximum(bps, maxRevenueShareBps);

        stored.sold += 1;
        licenseId = LicenseIds.encode(termsId, use);
        emit LicenseSold(assetId, licenseId, recipient, msg.sender, useTerms.price);

        if (useTerms.price > 0) {
            IRevenueVault vault = _assets[assetId].vault;
            _token.safeTransferFrom(msg.sender, address(vault), useTerms.price);
            vault.collect();
        }
        // Last: minting calls onERC1155Received on contract recipients.
        _licenses.mint(recipient, licenseId);
    }

    function _holdsValid(address account, uint256 licenseId, TermsRecord storage terms) private view returns (bool) {
        if (terms.assetId == 0) return false;
        uint64 expiresAt = terms.terms.expiresAt;
        if (expiresAt != 0 && block.timestamp >= expiresAt) return false;
        return _licenses.balanceOf(account, licenseId) > 0;
    }

    function _validateTerms(Terms calldata terms) private view {
        for (uint256 i; i < USE_COUNT; ++i) {
            if (!terms.uses[i].allowed && terms.uses[i].price != 0) revert InvalidTerms("price for a use not allowed");
        }
        if (terms.derivativeRevenueShareBps > BPS) revert InvalidTerms("derivative revenue share above 10000 bps");
        if (!terms.derivativesAllowed && terms.derivativeRevenueShareBps != 0) {
            revert InvalidTerms("derivative revenue share without derivatives allowed");
        }
        if (terms.expiresAt != 0 && terms.expiresAt <= block.timestamp) {
            revert InvalidTerms("expiresAt not in the future");
        }
    }

    function _requireAsset(uint256 assetId) private view returns (Asset storage asset) {
        asset = _assets[assetId];
        if (address(asset.vault) == address(0)) revert UnknownAsset(assetId);
    }

    function _requireNotSuperseded(uint256 assetId) private view {
        RecordId earlierId = _supersededBy[assetId];
        if (RecordId.unwrap(earlierId) != bytes32(0)) revert AssetSuperseded(assetId, earlierId);
    }

    function _requireOwner(uint256 assetId) private view {
        _requireAsset(assetId);
        if (ownerOf(assetId) != msg.sender) revert NotAssetOwner(assetId, msg.sender);
    }
}
