// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../../../src/interfaces/IConsentRegistry.sol";
import {RightsTestBase} from "../RightsTestBase.sol";

/// @notice A consent counts exactly inside its window [validFrom, validUntil), and a window that is empty or
///         already over is refused.
contract ConsentWindowFuzzTest is RightsTestBase {
    address internal grantee = makeAddr("grantee");

    /// @dev `edge` steers the check time onto the window's boundaries as often as anywhere else.
    function testFuzz_checkUse_trueOnlyInsideWindow(
        uint64 validFrom,
        uint64 validUntil,
        uint64 checkedAt,
        uint8 edge,
        uint8 use
    ) public {
        uint64 start = uint64(block.timestamp);
        validFrom = uint64(bound(validFrom, 0, type(uint64).max - 1));
        validUntil = uint64(bound(validUntil, (validFrom > start ? validFrom : start) + 1, type(uint64).max));
        use = uint8(bound(use, 0, 3));
        edge %= 5;
        if (edge == 1 && validFrom > 0) checkedAt = validFrom - 1;
        else if (edge == 2) checkedAt = validFrom;
        else if (edge == 3) checkedAt = validUntil - 1;
        else if (edge == 4) checkedAt = validUntil;

        uint256 dataset = _createAsset(creatorKey, DATASET);
        IConsentRegistry.Consent memory c = IConsentRegistry.Consent(dataset, grantee, use, validFrom, validUntil, 0);
        vm.prank(creator);
        bytes32 id = consents.grantConsent(c);

        vm.warp(checkedAt);
        bool inside = validFrom <= checkedAt && checkedAt < validUntil;
        (bool found, bytes32 active) = consents.activeConsent(dataset, use, grantee);
        assertEq(found, inside, "active consent");
        assertEq(active, inside ? id : bytes32(0), "active consent id");
        (bool allowed, IConsentRegistry.Basis basis, bytes32 ref) = consents.checkUse(dataset, use, grantee);
        assertEq(allowed, inside, "checkUse");
        assertEq(uint8(basis), uint8(inside ? IConsentRegistry.Basis.Consent : IConsentRegistry.Basis.None), "basis");
        assertEq(ref, inside ? id : bytes32(0), "ref");
        (found,) = consents.activeConsent(dataset, (use + 1) % 4, grantee);
        assertFalse(found, "consent for another use");
    }

    function testFuzz_grantConsent_rejectsEmptyOrPastWindow(uint64 validFrom, uint64 validUntil) public {
        uint64 start = uint64(block.timestamp);
        if (validUntil > validFrom && validUntil > start) validUntil = uint64(bound(validUntil, 0, start));
        uint256 dataset = _createAsset(creatorKey, DATASET);
        IConsentRegistry.Consent memory c = IConsentRegistry.Consent(dataset, grantee, 0, validFrom, validUntil, 0);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.InvalidWindow.selector, validFrom, validUntil));
        vm.prank(creator);
        consents.grantConsent(c);
    }
}
