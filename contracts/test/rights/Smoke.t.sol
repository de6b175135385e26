// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {RightsTestBase} from "./RightsTestBase.sol";

contract SmokeTest is RightsTestBase {
    function test_licenseFeeReachesHoldersAndParents() public {
        uint256 parent = _createAsset(creatorKey, WORK);
        uint256 termsId = _setTerms(parent, _terms(10 * USD, 1_000));
        _fund(buyer, 100 * USD);
        uint256 licenseId = _buy(buyer, termsId, GENERATIVE_TRAINING);
        (bool ok, uint256 held) = assets.checkLicense(parent, GENERATIVE_TRAINING, buyer);
        assertTrue(ok, "licensed");
        assertEq(held, licenseId, "license id");
        assertEq(_vault(parent).claimable(creator), 10 * USD, "creator claimable");

        uint256 child = _createDerivative(buyerKey, _one(licenseId));
        _fund(address(this), 50 * USD);
        assets.payRoyalty(child, 50 * USD);
        assertEq(_vault(child).claimable(buyer), 45 * USD, "child holders");
        assertEq(_vault(parent).claimable(creator), 15 * USD, "parent holders");
    }

    function _one(uint256 x) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = x;
    }
}
