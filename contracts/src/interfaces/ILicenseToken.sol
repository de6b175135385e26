// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @title Rightflow license token
/// @notice ERC-1155 licenses: id = `termsId << 8 | use` (see {IIPAssetRegistry}). Minted only by the asset
///         registry when a license is sold. Licenses under terms that are not transferable can be held and
///         burned by their holder, never moved.
interface ILicenseToken is IERC1155 {
    /// @notice Only the asset registry mints.
    error NotRegistry(address caller);
    /// @notice The license's terms forbid transfers.
    error LicenseNotTransferable(uint256 licenseId);

    /// @notice Mint one license `licenseId` to `to`. Only the registry.
    function mint(address to, uint256 licenseId) external;

    /// @notice Give up `amount` of license `licenseId` held by the caller.
    function burn(uint256 licenseId, uint256 amount) external;

    /// @notice The asset registry.
    function registry() external view returns (address);
}
