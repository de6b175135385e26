// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../../../src/interfaces/IConsentRegistry.sol";
import {RightsUnitBase} from "./RightsUnitBase.sol";

/// @notice A dataset owned by the creator and builders for grants over it.
abstract contract ConsentBase is RightsUnitBase {
    uint256 internal dataset;

    function setUp() public virtual override {
        super.setUp();
        dataset = _createAsset(creatorKey, DATASET);
    }

    /// @dev Training consent for carol on the dataset, from now for 30 days.
    function _grant() internal view returns (IConsentRegistry.Consent memory c) {
        c = IConsentRegistry.Consent({
            assetId: dataset,
            grantee: carol,
            use: GENERATIVE_TRAINING,
            validFrom: uint64(block.timestamp),
            validUntil: uint64(block.timestamp + 30 days),
            salt: keccak256("salt 1")
        });
    }

    function _signConsent(uint256 key, IConsentRegistry.Consent memory c) internal view returns (bytes memory) {
        return _signDigest(key, _consentDigest(c));
    }

    /// @dev The creator's grant, relayed by a stranger.
    function _grantBySig(IConsentRegistry.Consent memory c) internal returns (bytes32 id) {
        bytes memory signature = _signConsent(creatorKey, c);
        vm.prank(stranger);
        id = consents.grantConsentBySig(c, signature);
    }

    function _assertUse(address account, IConsentRegistry.Basis expected, bytes32 ref, string memory message)
        internal
        view
    {
        (bool allowed, IConsentRegistry.Basis basis, bytes32 actualRef) =
            consents.checkUse(dataset, GENERATIVE_TRAINING, account);
        assertEq(allowed, expected != IConsentRegistry.Basis.None, message);
        assertEq(uint8(basis), uint8(expected), message);
        assertEq(actualRef, ref, message);
    }
}
