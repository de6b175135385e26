// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @notice A license recipient whose `onERC1155Received` calls back into the asset registry (buyLicense,
///         payRoyalty, ...) once. With `bubble` a failed call makes it refuse the license with ReentryFailed,
///         which undoes the whole purchase; otherwise it records the outcome and accepts the license.
contract ReentrantLicenseReceiver is IERC1155Receiver {
    /// @notice The re-entry (attempt number `attempts`) failed with `reason`.
    error ReentryFailed(uint256 attempts, bytes reason);

    address public immutable target;
    bytes public data;
    bool public bubble;

    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastResult;

    constructor(address target_) {
        target = target_;
    }

    function arm(bytes calldata data_, bool bubble_) external {
        (data, bubble) = (data_, bubble_);
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        if (data.length != 0) {
            bytes memory call = data;
            delete data;
            ++attempts;
            (lastSucceeded, lastResult) = target.call(call);
            if (bubble && !lastSucceeded) revert ReentryFailed(attempts, lastResult);
        }
        return IERC1155Receiver.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}
