// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IRevenueVault} from "../../../src/interfaces/IRevenueVault.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice Each parent of a derivative receives its own bps of all the derivative's revenue, whatever order the
///         derivative's creator listed the parents in and however small the payments are.
contract VaultParentsTest is RightsUnitBase {
    uint256 internal constant BPS = 10_000;

    /// @dev Attack: parents at 300 and 200 bps, a 0-bps parent listed last, 100 royalties of 10 units. The parents
    ///      are owed 30 and 20 units; the last one must not take them.
    function test_payRoyalty_zeroBpsLastParentTakesNoOtherParentsShare() public {
        uint16[] memory bps = new uint16[](3);
        (bps[0], bps[1], bps[2]) = (300, 200, 0);
        (uint256 child, IRevenueVault[] memory parents) = _derivativeWithParents(bps);
        for (uint256 i; i < 100; ++i) {
            _payRoyalty(stranger, child, 10);
        }
        assertEq(usd.balanceOf(address(parents[0])), 30, "300 bps of 1,000");
        assertEq(usd.balanceOf(address(parents[1])), 20, "200 bps of 1,000");
        assertEq(usd.balanceOf(address(parents[2])), 0, "the 0-bps parent gets nothing");
        assertEq(_vault(child).pendingAncestors(), 0, "nothing left set aside");
        assertEq(_vault(child).claimable(buyer), 950, "holders keep the rest");
    }

    /// @dev Attack: sixteen parents (the most) at different bps, royalties of one unit each: every parent still
    ///      gets its own bps of the total, not the last parent all of it.
    function test_payRoyalty_sixteenParentsEachGetTheirShareOfMicropayments() public {
        uint16[] memory bps = new uint16[](16);
        for (uint256 i; i < 16; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            bps[i] = uint16(100 + 37 * i); // at most 655
        }
        (uint256 child, IRevenueVault[] memory parents) = _derivativeWithParents(bps);
        uint256 total = 150;
        for (uint256 i; i < total; ++i) {
            _payRoyalty(stranger, child, 1);
        }
        uint256 toParents;
        for (uint256 i; i < 16; ++i) {
            uint256 got = usd.balanceOf(address(parents[i]));
            assertEq(got, total * bps[i] / BPS, "parent's own bps of every payment");
            toParents += got;
        }
        (uint256 received,, uint256 paidUp) = _vault(child).totals();
        assertEq(received, total, "received");
        assertEq(paidUp, toParents, "paid to parents");
        assertLe(_vault(child).pendingAncestors(), 15, "at most a unit per parent waits");
    }

    /// @dev A derivative of `bps.length` fresh originals (each owed `bps[i]`), created by the buyer.
    function _derivativeWithParents(uint16[] memory bps)
        internal
        returns (uint256 child, IRevenueVault[] memory parents)
    {
        uint256[] memory licenseIds = new uint256[](bps.length);
        parents = new IRevenueVault[](bps.length);
        for (uint256 i; i < bps.length; ++i) {
            uint256 parent = _createAsset(creatorKey, WORK);
            parents[i] = _vault(parent);
            licenseIds[i] = _buy(buyer, _setTerms(parent, _terms(0, bps[i])), INFERENCE);
        }
        child = _createDerivative(buyerKey, licenseIds);
    }
}
