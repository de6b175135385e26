// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Bench only: sends `amount` of `token` from the caller to every address in `to`, so that a benchmark
///         can spread an asset's revenue shares over thousands of holders in a few transactions. Plain ERC-20
///         transfers, as if each holder had been sent shares one by one; the caller approves this contract first.
contract Scatter {
    using SafeERC20 for IERC20;

    function scatter(IERC20 token, address[] calldata to, uint256 amount) external {
        for (uint256 i; i < to.length; ++i) {
            token.safeTransferFrom(msg.sender, to[i], amount);
        }
    }
}
