// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {LicenseToken} from "../../../src/rights/LicenseToken.sol";
import {ReentrantERC20} from "../../mocks/rights/ReentrantERC20.sol";
import {ReentrancyBase} from "./ReentrancyBase.sol";

/// @notice A hostile payment token calls back into the registry and the vaults from inside every payment path.
contract ReentrancyTokenTest is ReentrancyBase {
    function test_buyLicense_rejectsRegistryReentryFromTransferFrom() public {
        bytes[2] memory calls = [
            abi.encodeCall(IIPAssetRegistry.buyLicense, (childTerms, INFERENCE, address(bad), PRICE, 0)),
            abi.encodeCall(IIPAssetRegistry.payRoyalty, (child, 1))
        ];
        _fundBad(address(bad), address(badAssets), 2 * PRICE); // so only the guard can stop the re-entry
        for (uint256 i; i < 2; ++i) {
            bad.arm(ReentrantERC20.Hook.TransferFrom, address(badAssets), calls[i]);
            _fundBad(buyer, address(badAssets), PRICE);
            vm.prank(buyer);
            badAssets.buyLicense(childTerms, INFERENCE, buyer, PRICE, 0);
            _assertRejected(i + 1, "buyLicense");
        }
        LicenseToken badLicenses = LicenseToken(badAssets.licenseToken());
        uint256 licenseId = badAssets.licenseIdOf(childTerms, INFERENCE);
        assertEq(badLicenses.balanceOf(buyer, licenseId), 2, "one license per purchase");
        assertEq(badLicenses.balanceOf(address(bad), licenseId), 0, "none for the attacker");
        assertEq(badAssets.termsOf(childTerms).sold, 2, "sold twice, not more");
        assertEq(bad.balanceOf(address(bad)), 2 * PRICE, "attacker paid nothing");
    }

    function test_payRoyalty_rejectsRegistryReentryFromTransferFrom() public {
        bytes[2] memory calls = [
            abi.encodeCall(IIPAssetRegistry.payRoyalty, (child, 1)),
            abi.encodeCall(IIPAssetRegistry.buyLicense, (childTerms, INFERENCE, address(bad), PRICE, 0))
        ];
        _fundBad(address(bad), address(badAssets), 2 * PRICE);
        for (uint256 i; i < 2; ++i) {
            bad.arm(ReentrantERC20.Hook.TransferFrom, address(badAssets), calls[i]);
            _fundBad(stranger, address(badAssets), 100);
            vm.prank(stranger);
            badAssets.payRoyalty(child, 100);
            _assertRejected(i + 1, "payRoyalty");
        }
        (uint256 received,,) = childVault.totals();
        assertEq(received, 200, "only the two royalties arrived");
        _assertBooks(childVault);
    }

    /// @dev Paying the child pays its parent at once: the hook fires on that transfer, while both the registry
    ///      and the child vault are mid-call.
    function test_payRoyalty_rejectsReentryWhilePayingParent() public {
        bytes[5] memory calls = _vaultCalls();
        for (uint256 i; i < 5; ++i) {
            bad.arm(ReentrantERC20.Hook.Transfer, address(childVault), calls[i]);
            _fundBad(stranger, address(badAssets), 1_000);
            vm.prank(stranger);
            badAssets.payRoyalty(child, 1_000);
            _assertRejected(i + 1, "child vault");
        }
        bad.arm(
            ReentrantERC20.Hook.Transfer,
            address(badAssets),
            abi.encodeCall(IIPAssetRegistry.buyLicense, (childTerms, INFERENCE, address(bad), PRICE, 0))
        );
        _fundBad(stranger, address(badAssets), 1_000);
        vm.prank(stranger);
        badAssets.payRoyalty(child, 1_000);
        _assertRejected(6, "registry");
        assertEq(parentVault.claimable(creator), 600, "parent paid 10% of each royalty, once");
        _assertBooks(childVault);
        _assertBooks(parentVault);
    }

    /// @dev Control: the same hook reaching a vault that is not mid-call gets through, so the rejections above
    ///      are the guard's doing.
    function test_payRoyalty_hookReachesUnlockedVault() public {
        bad.arm(ReentrantERC20.Hook.Transfer, address(parentVault), abi.encodeCall(IRevenueVault.sync, ()));
        _fundBad(stranger, address(badAssets), 1_000);
        vm.prank(stranger);
        badAssets.payRoyalty(child, 1_000);
        assertEq(bad.attempts(), 1, "attempted");
        assertTrue(bad.lastSucceeded(), "the parent vault was free to sync");
        assertEq(parentVault.claimable(creator), 100, "and counted the payment once");
    }

    function test_pay_rejectsVaultReentryFromTransferFrom() public {
        bytes[5] memory calls = _vaultCalls();
        for (uint256 i; i < 5; ++i) {
            bad.arm(ReentrantERC20.Hook.TransferFrom, address(childVault), calls[i]);
            _fundBad(stranger, address(childVault), 1_000);
            vm.prank(stranger);
            childVault.pay(1_000);
            _assertRejected(i + 1, "pay");
        }
        assertEq(childVault.claimable(buyer), 4_500, "90% of five payments, once each");
        _assertBooks(childVault);
    }

    function test_claim_rejectsVaultReentryFromTransfer() public {
        bytes[5] memory calls = _vaultCalls();
        for (uint256 i; i < 5; ++i) {
            _fundBad(stranger, address(badAssets), 1_000);
            vm.prank(stranger);
            badAssets.payRoyalty(child, 1_000);
            bad.arm(ReentrantERC20.Hook.Transfer, address(childVault), calls[i]);
            vm.prank(buyer);
            assertEq(childVault.claim(buyer), 900, "claims this round's revenue");
            _assertRejected(i + 1, "claim");
        }
        assertEq(bad.balanceOf(buyer), 4_500, "paid out once per claim");
        _assertBooks(childVault);
    }

    function test_collect_rejectsVaultReentryWhilePayingParent() public {
        bytes[5] memory calls = _vaultCalls();
        for (uint256 i; i < 5; ++i) {
            bad.mint(address(childVault), 1_000); // arrives unannounced; collect pays the parent
            bad.arm(ReentrantERC20.Hook.Transfer, address(childVault), calls[i]);
            childVault.collect();
            _assertRejected(i + 1, "collect");
        }
        assertEq(parentVault.claimable(creator), 500, "parent paid once per collect");
        _assertBooks(childVault);
    }

    function test_payAncestors_rejectsVaultReentryWhilePayingParent() public {
        bytes[5] memory calls = _vaultCalls();
        for (uint256 i; i < 5; ++i) {
            bad.mint(address(childVault), 1_000);
            childVault.sync();
            bad.arm(ReentrantERC20.Hook.Transfer, address(childVault), calls[i]);
            assertEq(childVault.payAncestors(), 100, "pays what was set aside");
            _assertRejected(i + 1, "payAncestors");
        }
        assertEq(parentVault.claimable(creator), 500, "parent paid once per call");
        _assertBooks(childVault);
    }
}
