// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";

/// @notice A model of every revenue vault's books, kept apart from the contracts: the tokens each vault should
///         hold, what it accounted for, set aside for and paid to its parents, and, per holder, the exact pro-rata
///         entitlement (scaled by 1e36) credited at each sync with the share balances of that moment. The handler
///         drives the model next to the contracts; the invariants compare the two.
abstract contract VaultModel {
    uint256 internal constant PRECISION = 1e36;
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint256 internal constant BPS = 10_000;

    /// @dev One vault's books in the model. `paidIn` came from outside the graph (fees, royalties, direct sends),
    ///      `fromChildren` was passed up by derivatives.
    struct Book {
        uint256 balance;
        uint256 accounted;
        uint256 pending;
        uint256 received;
        uint256 paidIn;
        uint256 fromChildren;
        uint256 paidUp;
        uint256 claimed;
        uint256 ancestorCarry;
        uint16 parentsBps;
    }

    address[] public actors;
    IRevenueVault[] public vaults;
    mapping(address vault => Book) internal _books;
    mapping(address vault => IRevenueVault.Parent[]) internal _parentLinks;
    mapping(address vault => mapping(address holder => uint256)) public ghostShares;
    /// @dev Σ over syncs of toHolders * shares * PRECISION / SUPPLY: what the holder is owed, scaled.
    mapping(address vault => mapping(address holder => uint256)) public ghostEntitlement;
    mapping(address vault => mapping(address holder => uint256)) public ghostClaimedBy;
    /// @dev What the vault's parent link number `index` has been paid so far.
    mapping(address vault => mapping(uint256 index => uint256)) public ghostPaidToParent;

    /// @notice Times a vault paid its parents a non-zero amount, whatever triggered it.
    uint256 public ancestorFlows;

    function book(address vault) external view returns (Book memory) {
        return _books[vault];
    }

    function vaultCount() external view returns (uint256) {
        return vaults.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    /// @notice What the model says `holder` can claim from `vault` now.
    function modelClaimable(address vault, address holder) public view returns (uint256) {
        uint256 owed = ghostEntitlement[vault][holder] / PRECISION;
        uint256 claimed = ghostClaimedBy[vault][holder];
        return owed > claimed ? owed - claimed : 0;
    }

    function _modelDeposit(address vault, uint256 amount) internal {
        _books[vault].balance += amount;
        _books[vault].paidIn += amount;
    }

    /// @dev Mirrors `sync`: the parents' part is set aside (its sub-unit remainder carried to the next sync), the
    ///      rest credited to holders pro rata.
    function _modelSync(address vault) internal returns (uint256 received) {
        Book storage b = _books[vault];
        received = b.balance - b.accounted;
        if (received == 0) return 0;
        uint256 scaledAncestors = received * b.parentsBps + b.ancestorCarry;
        uint256 toAncestors = scaledAncestors / BPS;
        b.ancestorCarry = scaledAncestors % BPS;
        uint256 toHolders = received - toAncestors;
        for (uint256 i; i < actors.length; ++i) {
            address holder = actors[i];
            uint256 shares = ghostShares[vault][holder];
            if (shares != 0) ghostEntitlement[vault][holder] += Math.mulDiv(toHolders * shares, PRECISION, SUPPLY);
        }
        b.pending += toAncestors;
        b.accounted = b.balance;
        b.received += received;
    }

    /// @dev Mirrors `payAncestors`: each parent gets its own bps of everything the vault received, rounded down,
    ///      less what the model paid it before, and syncs; what the parents are owed together beyond that waits.
    function _modelPayAncestors(address vault) internal returns (uint256 paid) {
        Book storage b = _books[vault];
        if (b.pending == 0) return 0;
        IRevenueVault.Parent[] storage links = _parentLinks[vault];
        uint256[] memory shares = new uint256[](links.length);
        for (uint256 i; i < links.length; ++i) {
            shares[i] = b.received * links[i].bps / BPS - ghostPaidToParent[vault][i];
            paid += shares[i];
        }
        if (paid == 0) return 0;
        b.pending -= paid;
        b.accounted -= paid;
        b.balance -= paid;
        b.paidUp += paid;
        ++ancestorFlows;
        for (uint256 i; i < links.length; ++i) {
            if (shares[i] == 0) continue;
            ghostPaidToParent[vault][i] += shares[i];
            _books[links[i].vault].balance += shares[i];
            _books[links[i].vault].fromChildren += shares[i];
            _modelSync(links[i].vault);
        }
    }

    function _modelCollect(address vault) internal returns (uint256 received) {
        received = _modelSync(vault);
        _modelPayAncestors(vault);
    }

    function _modelClaim(address vault, address holder, uint256 amount) internal {
        _books[vault].balance -= amount;
        _books[vault].accounted -= amount;
        _books[vault].claimed += amount;
        ghostClaimedBy[vault][holder] += amount;
    }

    function _modelTransferShares(address vault, address from, address to, uint256 amount) internal {
        ghostShares[vault][from] -= amount;
        ghostShares[vault][to] += amount;
    }
}
