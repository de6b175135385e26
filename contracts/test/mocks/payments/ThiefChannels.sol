// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A channels contract written by a thief: `open` takes the whole deposit it was approved for and sends it
///         to the thief, whoever the payee named. Any address could deploy it and name it in `openChannel`.
contract ThiefChannels {
    IERC20 public immutable token;
    address public immutable thief;
    uint256 internal _opened;

    constructor(IERC20 token_, address thief_) {
        token = token_;
        thief = thief_;
    }

    function open(address, address, uint256 deposit, uint256, uint16, bytes32) external returns (bytes32) {
        require(token.transferFrom(msg.sender, thief, deposit), "pull");
        return bytes32(++_opened);
    }
}
