// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {RightsTestBase} from "../RightsTestBase.sol";

/// @notice Helpers shared by the rights unit tests, on top of the rights fixture.
abstract contract RightsUnitBase is RightsTestBase {
    uint256 internal carolKey = 0xCA201;
    address internal carol;
    address internal stranger;

    function setUp() public virtual override {
        super.setUp();
        carol = vm.addr(carolKey);
        vm.label(carol, "carol");
        stranger = makeAddr("stranger");
    }

    function _one(uint256 x) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = x;
    }

    function _two(uint256 x, uint256 y) internal pure returns (uint256[] memory a) {
        a = new uint256[](2);
        (a[0], a[1]) = (x, y);
    }

    /// @dev Terms that allow nothing: every use forbidden, no derivatives.
    function _closedTerms() internal pure returns (IIPAssetRegistry.Terms memory t) {
        t.transferable = true;
    }

    /// @dev `key`'s account takes a free generative-training license on `assetId`, under new terms with
    ///      derivatives allowed at `bps`.
    function _freeLicense(uint256 key, uint256 assetId, uint16 bps) internal returns (uint256 licenseId) {
        licenseId = _buy(vm.addr(key), _setTerms(assetId, _terms(0, bps)), GENERATIVE_TRAINING);
    }

    /// @dev A derivative of `parentId` owed `bps`, created by `key`'s account with a free license.
    function _derivativeOf(uint256 key, uint256 parentId, uint16 bps) internal returns (uint256 childId) {
        childId = _createDerivative(key, _one(_freeLicense(key, parentId, bps)));
    }

    /// @dev `payer` is funded with `amount` and pays it as a royalty to `assetId`.
    function _payRoyalty(address payer, uint256 assetId, uint256 amount) internal {
        _fund(payer, amount);
        vm.prank(payer);
        assets.payRoyalty(assetId, amount);
    }

    /// @dev The reason strings of `InvalidTerms`, as revert data.
    function _invalidTerms(string memory reason) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IIPAssetRegistry.InvalidTerms.selector, reason);
    }
}
