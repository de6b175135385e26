// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IPaymentChannels} from "../../../src/interfaces/IPaymentChannels.sol";

/// @notice A lying channel contract, as any agent could deploy and name in `openChannel`: it takes the deposit (or,
///         if told to, leaves it) and reports whatever its deployer wants, such as a closed channel with a large
///         refund it never sent.
contract FakeChannels {
    IERC20 public immutable token;
    bool public immutable pulls;
    mapping(bytes32 channelId => IPaymentChannels.Channel) internal _reports;

    constructor(IERC20 token_, bool pulls_) {
        token = token_;
        pulls = pulls_;
    }

    function open(
        address payee,
        address voucherSigner,
        uint256 deposit,
        uint256 royaltyAsset,
        uint16 royaltyBps,
        bytes32 salt
    ) external returns (bytes32 channelId) {
        channelId = keccak256(abi.encode(msg.sender, payee, voucherSigner, salt));
        if (pulls) require(token.transferFrom(msg.sender, address(this), deposit), "pull");
        _reports[channelId] = IPaymentChannels.Channel({
            payer: msg.sender,
            payee: payee,
            voucherSigner: voucherSigner,
            deposit: uint128(deposit),
            claimed: 0,
            closeRequestedAt: 0,
            royaltyBps: royaltyBps,
            closed: false,
            royaltyAsset: royaltyAsset
        });
    }

    /// @notice Report anything for `channelId`.
    function lie(bytes32 channelId, IPaymentChannels.Channel calldata report) external {
        _reports[channelId] = report;
    }

    function channelOf(bytes32 channelId) external view returns (IPaymentChannels.Channel memory) {
        return _reports[channelId];
    }

    function requestClose(bytes32 channelId) external {}
}
