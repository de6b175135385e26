// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC3009} from "@openzeppelin/contracts/interfaces/draft-IERC3009.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC3009} from "@openzeppelin/contracts/token/ERC20/extensions/draft-ERC3009.sol";

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {TestStablecoin} from "../../../src/token/TestStablecoin.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice The test stablecoin (6 decimals, EIP-2612, EIP-3009) and paying for licenses with a permit. Digests
///         are built here from the EIPs, not read from the token.
contract StablecoinTest is RightsUnitBase {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    uint128 internal constant PRICE = 4 * USD;

    uint256 internal assetId;
    uint256 internal termsId;

    function setUp() public override {
        super.setUp();
        assetId = _createAsset(creatorKey, WORK);
        termsId = _setTerms(assetId, _terms(PRICE, 0));
    }

    function test_metadata_isSixDecimalUsd() public view {
        assertEq(usd.decimals(), 6, "decimals");
        assertEq(usd.name(), "Rightflow Test USD", "name");
        assertEq(usd.symbol(), "tUSD", "symbol");
        assertEq(usd.DOMAIN_SEPARATOR(), _domain(), "EIP-712 domain");
    }

    function test_mint_isOpenFaucet() public {
        vm.prank(stranger);
        usd.mint(carol, 3 * USD);
        assertEq(usd.balanceOf(carol), 3 * USD, "minted");
    }

    function test_mint_revertsMintTooLarge() public {
        uint256 max = usd.MAX_MINT();
        vm.expectRevert(abi.encodeWithSelector(TestStablecoin.MintTooLarge.selector, max + 1, max));
        usd.mint(buyer, max + 1);
    }

    function test_permit_setsAllowanceFromSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = _permit(buyerKey, address(assets), PRICE, 0, block.timestamp + 1 hours);
        vm.expectEmit(address(usd));
        emit IERC20.Approval(buyer, address(assets), PRICE);
        vm.prank(stranger);
        usd.permit(buyer, address(assets), PRICE, block.timestamp + 1 hours, v, r, s);
        assertEq(usd.allowance(buyer, address(assets)), PRICE, "allowance");
        assertEq(usd.nonces(buyer), 1, "nonce used");
    }

    function test_buyLicenseWithPermit_paysWithPermitSignature() public {
        usd.mint(buyer, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(buyerKey, address(assets), PRICE, 0, deadline);
        vm.prank(buyer);
        uint256 licenseId = assets.buyLicenseWithPermit(termsId, INFERENCE, buyer, PRICE, 0, deadline, v, r, s);
        assertEq(licenses.balanceOf(buyer, licenseId), 1, "licensed");
        assertEq(usd.balanceOf(address(_vault(assetId))), PRICE, "vault paid");
        assertEq(usd.nonces(buyer), 1, "permit consumed");
        assertEq(usd.allowance(buyer, address(assets)), 0, "allowance spent");
    }

    /// @dev Someone copies the permit from the mempool and submits it first: the allowance is there, so the
    ///      purchase still goes through.
    function test_buyLicenseWithPermit_succeedsWhenPermitFrontRun() public {
        usd.mint(buyer, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(buyerKey, address(assets), PRICE, 0, deadline);
        vm.prank(stranger);
        usd.permit(buyer, address(assets), PRICE, deadline, v, r, s);
        vm.prank(buyer);
        uint256 licenseId = assets.buyLicenseWithPermit(termsId, INFERENCE, buyer, PRICE, 0, deadline, v, r, s);
        assertEq(licenses.balanceOf(buyer, licenseId), 1, "licensed");
        assertEq(usd.nonces(buyer), 1, "permit used once");
    }

    function test_buyLicenseWithPermit_revertsInsufficientAllowanceOnBadPermit() public {
        usd.mint(buyer, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(carolKey, address(assets), PRICE, 0, deadline); // not buyer's
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(assets), 0, PRICE)
        );
        vm.prank(buyer);
        assets.buyLicenseWithPermit(termsId, INFERENCE, buyer, PRICE, 0, deadline, v, r, s);
        assertEq(usd.balanceOf(buyer), PRICE, "buyer keeps funds");
        assertEq(assets.termsOf(termsId).sold, 0, "not sold");
    }

    /// @dev A payment straight to a vault by EIP-3009, relayed by someone else (as an x402 facilitator does).
    function test_transferWithAuthorization_paysVaultDirectly() public {
        usd.mint(buyer, PRICE);
        IRevenueVault vault = _vault(assetId);
        bytes32 nonce = keccak256("x402 nonce");
        (uint8 v, bytes32 r, bytes32 s) = _authorize(buyerKey, address(vault), PRICE, nonce);
        vm.expectEmit(address(usd));
        emit IERC3009.AuthorizationUsed(buyer, nonce);
        vm.prank(stranger);
        usd.transferWithAuthorization(buyer, address(vault), PRICE, 0, block.timestamp + 1 hours, nonce, v, r, s);
        assertTrue(usd.authorizationState(buyer, nonce), "nonce used");
        assertEq(usd.balanceOf(address(vault)), PRICE, "vault paid");
        vault.sync();
        assertEq(vault.claimable(creator), PRICE, "credited once synced");
    }

    function test_transferWithAuthorization_revertsReplay() public {
        usd.mint(buyer, 2 * PRICE);
        bytes32 nonce = keccak256("once");
        uint256 validBefore = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _authorize(buyerKey, carol, PRICE, nonce);
        usd.transferWithAuthorization(buyer, carol, PRICE, 0, validBefore, nonce, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC3009.ERC3009UsedAuthorization.selector, buyer, nonce));
        usd.transferWithAuthorization(buyer, carol, PRICE, 0, validBefore, nonce, v, r, s);
        assertEq(usd.balanceOf(carol), PRICE, "paid once");
    }

    function _domain() private view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Rightflow Test USD"), keccak256("1"), block.chainid, address(usd))
        );
    }

    function _permit(uint256 key, address spender, uint256 value, uint256 nonce, uint256 deadline)
        private
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, vm.addr(key), spender, value, nonce, deadline));
        return vm.sign(key, keccak256(abi.encodePacked(hex"1901", _domain(), structHash)));
    }

    /// @dev Valid from 0 (any time so far) for an hour.
    function _authorize(uint256 key, address to, uint256 value, bytes32 nonce)
        private
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                TRANSFER_WITH_AUTHORIZATION_TYPEHASH, vm.addr(key), to, value, 0, block.timestamp + 1 hours, nonce
            )
        );
        return vm.sign(key, keccak256(abi.encodePacked(hex"1901", _domain(), structHash)));
    }
}
