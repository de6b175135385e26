// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

import {IIPAssetRegistry} from "../interfaces/IIPAssetRegistry.sol";
import {ILicenseToken} from "../interfaces/ILicenseToken.sol";

/// @title Rightflow license token
/// @notice See {ILicenseToken}. Created by the asset registry in its constructor, so the two are bound for good.
contract LicenseToken is ILicenseToken, ERC1155 {
    address private immutable _registry;

    constructor() ERC1155("") {
        _registry = msg.sender;
    }

    /// @inheritdoc ILicenseToken
    function mint(address to, uint256 licenseId) external {
        if (msg.sender != _registry) revert NotRegistry(msg.sender);
        _mint(to, licenseId, 1, "");
    }

    /// @inheritdoc ILicenseToken
    function burn(uint256 licenseId, uint256 amount) external {
        _burn(msg.sender, licenseId, amount);
    }

    /// @inheritdoc ILicenseToken
    function registry() external view returns (address) {
        return _registry;
    }

    /// @dev Mints and burns always pass; moves between holders only for transferable terms.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (from != address(0) && to != address(0)) {
            for (uint256 i; i < ids.length; ++i) {
                if (!IIPAssetRegistry(_registry).licenseTransferable(ids[i])) {
                    revert LicenseNotTransferable(ids[i]);
                }
            }
        }
        super._update(from, to, ids, values);
    }
}
