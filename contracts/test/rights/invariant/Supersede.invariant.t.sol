// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IIPAssetRegistry} from "../../../src/interfaces/IIPAssetRegistry.sol";
import {IProvenanceRegistry} from "../../../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../../../src/types/RecordId.sol";
import {RightsTestBase} from "../RightsTestBase.sol";
import {SupersedeHandler} from "./SupersedeHandler.sol";

/// @notice A superseded asset never sells: once a later claim on some bytes is superseded by an earlier one, no
///         license is sold under its terms and no royalty reaches its vault through the registry (`buyLicense`,
///         `payRoyalty`), whatever the handler calls. Tokens sent straight to the vault are out of scope
///         (docs/security.md).
contract SupersedeInvariantTest is RightsTestBase {
    SupersedeHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new SupersedeHandler(assets, IProvenanceRegistry(address(registry)));
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](4);
        selectors[0] = SupersedeHandler.claim.selector;
        selectors[1] = SupersedeHandler.supersede.selector;
        selectors[2] = SupersedeHandler.buyLicense.selector;
        selectors[3] = SupersedeHandler.payRoyalty.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev Every superseded asset has sold exactly what it had sold when superseded and holds no more.
    function invariant_supersededAssetNeverSells() public view {
        for (uint256 i; i < handler.assetCount(); ++i) {
            uint256 assetId = handler.assetIds(i);
            RecordId by = assets.supersededBy(assetId);
            if (RecordId.unwrap(by) == bytes32(0)) continue;
            IIPAssetRegistry.TermsRecord memory terms = assets.termsOf(handler.termsIdOf(assetId));
            assertEq(terms.sold, handler.soldAtSupersede(assetId), "sold after supersede");
            address vault = address(assets.assetOf(assetId).vault);
            assertEq(usd.balanceOf(vault), handler.balanceAtSupersede(assetId), "vault paid after supersede");
            uint64 earlier = registry.recordOf(by).timestamp;
            assertGt(
                registry.recordOf(RecordId.wrap(bytes32(assetId))).timestamp, earlier, "superseded by a later claim"
            );
        }
    }

    /// @dev Guards against passing vacuously: claims were made, superseded, and a superseded asset refused a sale.
    function afterInvariant() public view {
        assertGt(handler.claims(), 1, "no claims");
        assertGt(handler.supersessions(), 0, "nothing was superseded");
        assertGt(handler.sales(), 0, "nothing sold");
        assertGt(handler.salesRefused(), 0, "no superseded asset was asked to sell");
    }
}
