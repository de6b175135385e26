// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";

/// @title Channel account of one agent
/// @notice The payer of an agent's payment channels, commanded only by the agent wallets contract that created it:
///         it opens channels with funds the wallets contract just sent, asks for closes, and returns refunds.
///         Keeping each agent's refunds at an address of its own is what lets the wallets contract credit a refund
///         only when the tokens really came back.
/// @dev Deployed once as an implementation; every agent gets an EIP-1167 clone (CREATE2, salt = the agent). The
///      immutables live in the implementation's code, which the clones run: `_wallets` is the deployer.
contract AgentChannelAccount {
    using SafeERC20 for IERC20;

    /// @notice Only the wallets contract may command the account.
    error NotWallets(address caller);

    address private immutable _wallets;
    IERC20 private immutable _token;

    constructor(IERC20 token) {
        _wallets = msg.sender;
        _token = token;
    }

    modifier onlyWallets() {
        if (msg.sender != _wallets) revert NotWallets(msg.sender);
        _;
    }

    /// @notice Open a channel with this account as payer, for exactly `deposit`.
    function open(
        IPaymentChannels channels,
        address payee,
        address voucherSigner,
        uint256 deposit,
        uint256 royaltyAsset,
        uint16 royaltyBps,
        bytes32 salt
    ) external onlyWallets returns (bytes32 channelId) {
        _token.forceApprove(address(channels), deposit);
        channelId = channels.open(payee, voucherSigner, deposit, royaltyAsset, royaltyBps, salt);
        // A channel contract that did not take the whole deposit must not keep a claim on later refunds.
        if (_token.allowance(address(this), address(channels)) != 0) _token.forceApprove(address(channels), 0);
    }

    function requestClose(IPaymentChannels channels, bytes32 channelId) external onlyWallets {
        channels.requestClose(channelId);
    }

    /// @notice Return `amount` of refunds to the wallets contract.
    function sweep(uint256 amount) external onlyWallets {
        _token.safeTransfer(_wallets, amount);
    }
}
