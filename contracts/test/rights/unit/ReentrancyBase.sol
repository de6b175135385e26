// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {IPAssetRegistry} from "../../../src/rights/IPAssetRegistry.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {ReentrantERC20} from "../../mocks/rights/ReentrantERC20.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice A second asset registry whose payment token is hostile: parent <- child (10%), the child selling
///         licenses at PRICE. Every attack is asserted to have happened (the token counts its calls) and to have
///         been turned away by the reentrancy guard.
abstract contract ReentrancyBase is RightsUnitBase {
    uint128 internal constant PRICE = 10 * USD;

    ReentrantERC20 internal bad;
    IPAssetRegistry internal badAssets;
    uint256 internal parent;
    uint256 internal child;
    uint256 internal childTerms;
    IRevenueVault internal parentVault;
    IRevenueVault internal childVault;

    function setUp() public virtual override {
        super.setUp();
        bad = new ReentrantERC20();
        badAssets = new IPAssetRegistry(IProvenanceRegistry(address(registry)), IERC20(address(bad)));
        vm.label(address(bad), "bad");
        vm.label(address(badAssets), "badAssets");

        parent = _createOn(creatorKey);
        uint256 parentTerms = _setTermsOn(parent, 0, 1_000);
        vm.prank(buyer);
        uint256 licenseId = badAssets.buyLicense(parentTerms, GENERATIVE_TRAINING, buyer, 0, 1_000);
        RecordId record = _registerRecordOf(buyerKey);
        vm.prank(buyer);
        child = badAssets.createDerivative(record, WORK, _one(licenseId));
        childTerms = _setTermsOn(child, PRICE, 0);
        parentVault = badAssets.assetOf(parent).vault;
        childVault = badAssets.assetOf(child).vault;
    }

    function _createOn(uint256 key) internal returns (uint256 assetId) {
        RecordId record = _registerRecordOf(key);
        vm.prank(vm.addr(key));
        assetId = badAssets.createAsset(record, WORK);
    }

    function _setTermsOn(uint256 assetId, uint128 price, uint16 bps) internal returns (uint256 termsId) {
        vm.prank(badAssets.ownerOf(assetId));
        termsId = badAssets.setTerms(assetId, _terms(price, bps));
    }

    /// @dev Mints `amount` hostile tokens to `account`, approved for `spender`.
    function _fundBad(address account, address spender, uint256 amount) internal {
        bad.mint(account, amount);
        vm.prank(account);
        bad.approve(spender, amount);
    }

    function _guardError() internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    /// @dev The token's hook made its call (attempt number `attempts`) and the guard refused it.
    function _assertRejected(uint256 attempts, string memory message) internal view {
        assertEq(bad.attempts(), attempts, string.concat(message, ": attack attempted"));
        assertFalse(bad.lastSucceeded(), string.concat(message, ": re-entry failed"));
        assertEq(bad.lastResult(), _guardError(), string.concat(message, ": refused by the guard"));
    }

    /// @dev Each vault entry point that moves tokens, called with the token as msg.sender.
    function _vaultCalls() internal view returns (bytes[5] memory calls) {
        calls[0] = abi.encodeCall(IRevenueVault.sync, ());
        calls[1] = abi.encodeCall(IRevenueVault.collect, ());
        calls[2] = abi.encodeCall(IRevenueVault.payAncestors, ());
        calls[3] = abi.encodeCall(IRevenueVault.claim, (address(bad)));
        calls[4] = abi.encodeCall(IRevenueVault.pay, (1));
    }

    function _assertBooks(IRevenueVault vault) internal view {
        assertEq(vault.accounted(), bad.balanceOf(address(vault)), "vault books match its balance");
    }
}
