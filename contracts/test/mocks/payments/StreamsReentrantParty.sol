// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStreams} from "../../../src/interfaces/IStreams.sol";

/// @notice A stream's sender or recipient that re-enters the streams contract when a hostile token calls it back
///         mid-transfer (as an ERC-777 hook would). It acts as itself, so the re-entry passes every check but the
///         reentrancy guard; the outcome is recorded rather than bubbled, so a test can assert both that the attack
///         happened and how it was turned away while the outer call carries on.
contract StreamsReentrantParty {
    IStreams public immutable streams;

    bytes public reentry;
    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastResult;

    constructor(IStreams streams_) {
        streams = streams_;
    }

    /// @notice The call to make on the next `reenter`.
    function arm(bytes calldata reentry_) external {
        reentry = reentry_;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(streams), amount);
    }

    function open(address recipient, uint256 rate, uint256 deposit) external returns (uint256) {
        return streams.open(recipient, rate, deposit);
    }

    function topUp(uint256 streamId, uint256 amount) external {
        streams.topUp(streamId, amount);
    }

    function withdraw(uint256 streamId, uint256 amount) external returns (uint256) {
        return streams.withdraw(streamId, amount);
    }

    function cancel(uint256 streamId) external returns (uint256, uint256) {
        return streams.cancel(streamId);
    }

    /// @notice Called by the token from inside a transfer.
    function reenter() external {
        ++attempts;
        (lastSucceeded, lastResult) = address(streams).call(reentry);
    }
}
