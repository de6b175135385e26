// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC3009} from "@openzeppelin/contracts/token/ERC20/extensions/draft-ERC3009.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title Test stablecoin for local chains
/// @notice A USDC stand-in: 6 decimals, EIP-2612 `permit` and EIP-3009 `transferWithAuthorization` /
///         `receiveWithAuthorization` with unordered nonces (what x402's `exact` scheme signs). On a real chain
///         the payment token is configuration (USDC) and this contract is not deployed.
/// @dev Anyone may mint: it is a faucet for development chains and has no value anywhere. EIP-712 domain:
///      name "Rightflow Test USD", version "1".
contract TestStablecoin is ERC20, ERC20Permit, ERC3009 {
    /// @notice Most one `mint` may create: one million dollars. Keeps a single call from minting amounts no real
    ///         stablecoin could ever have, which would overflow revenue arithmetic sized for real supplies.
    uint256 public constant MAX_MINT = 1_000_000e6;

    /// @notice A mint above `MAX_MINT`.
    error MintTooLarge(uint256 amount, uint256 max);

    constructor() ERC20("Rightflow Test USD", "tUSD") ERC20Permit("Rightflow Test USD") {}

    /// @notice Mint test tokens to `to`. Open to anyone: development chains only.
    function mint(address to, uint256 amount) external {
        if (amount > MAX_MINT) revert MintTooLarge(amount, MAX_MINT);
        _mint(to, amount);
    }

    /// @notice Six decimals, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
