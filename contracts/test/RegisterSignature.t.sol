// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ProvenanceRegistry} from "../src/ProvenanceRegistry.sol";
import {IProvenanceRegistry} from "../src/interfaces/IProvenanceRegistry.sol";
import {RecordId} from "../src/types/RecordId.sol";
import {MockERC1271Wallet} from "./mocks/MockERC1271Wallet.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice `register`: the signature must be the creator's, over this record, for this chain and registry.
contract RegisterSignatureTest is RegistryTestBase {
    function test_register_revertsForgedSignature() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes memory forged = _sign(0xB0B, r); // a valid signature, by someone else
        _expectInvalidSignature(r, forged, creator);
    }

    function test_register_revertsSignatureOverOtherRecord() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes memory signature = _sign(creatorKey, r);
        r.size += 1;
        _expectInvalidSignature(r, signature, creator);
    }

    function test_register_revertsWrongChainSignature() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        assertTrue(block.chainid != 1, "test runs on a chain other than 1");
        bytes memory otherChain = _signDigest(creatorKey, _digest(r, 1, address(registry)));
        _expectInvalidSignature(r, otherChain, creator);
    }

    function test_register_revertsOtherRegistrySignature() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        ProvenanceRegistry other = new ProvenanceRegistry();
        bytes memory forOther = _signDigest(creatorKey, _digest(r, block.chainid, address(other)));
        _expectInvalidSignature(r, forOther, creator);
        assertTrue(other.exists(other.register(r, forOther)), "valid where it was meant to be used");
    }

    /// @dev (r, n - s, v ^ 1) recovers the same address with plain ecrecover; OpenZeppelin rejects s > n/2, so
    ///      each record has one ECDSA signature per key and signatures cannot be mutated by third parties.
    function test_register_revertsHighSSignature() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(creatorKey, _digest(r, block.chainid, address(registry)));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        address plainRecovered = ecrecover(_digest(r, block.chainid, address(registry)), flippedV, rr, highS);
        assertEq(plainRecovered, creator, "high-s form is a valid ecrecover signature");
        _expectInvalidSignature(r, abi.encodePacked(rr, highS, flippedV), creator);
    }

    function test_register_revertsMalformedSignature() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes memory good = _sign(creatorKey, r);
        _expectInvalidSignature(r, "", creator);
        bytes memory truncated = new bytes(64);
        for (uint256 i; i < 64; ++i) {
            truncated[i] = good[i];
        }
        _expectInvalidSignature(r, truncated, creator);
    }

    /// @dev No signature recovers to the zero address, which is why a zero creator marks "not on chain".
    function test_register_revertsZeroCreator() public {
        IProvenanceRegistry.Record memory r = _record(address(0));
        _expectInvalidSignature(r, _sign(creatorKey, r), address(0));
    }

    function test_register_acceptsERC1271WalletCreator() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(creator);
        IProvenanceRegistry.Record memory r = _record(address(wallet));
        vm.expectEmit(address(registry));
        emit IProvenanceRegistry.RecordRegistered(_id(r), address(wallet), r.contentHash, bytes32(0), r);
        RecordId id = registry.register(r, _sign(creatorKey, r));
        _assertStored(id, address(wallet), uint64(block.timestamp), IProvenanceRegistry.Origin.Human);
    }

    function test_register_revertsERC1271WalletRejects() public {
        MockERC1271Wallet wallet = new MockERC1271Wallet(creator);
        IProvenanceRegistry.Record memory r = _record(address(wallet));
        _expectInvalidSignature(r, _sign(0xB0B, r), address(wallet));
    }

    /// @dev A contract creator is judged by ERC-1271 only, even if an ECDSA signature happens to match its address.
    function test_register_revertsECDSAForContractCreator() public {
        IProvenanceRegistry.Record memory r = _record(creator);
        bytes memory signature = _sign(creatorKey, r);
        vm.etch(creator, address(new MockERC1271Wallet(vm.addr(0xB0B))).code);
        _expectInvalidSignature(r, signature, creator);
    }

    function _expectInvalidSignature(IProvenanceRegistry.Record memory r, bytes memory signature, address by) private {
        vm.expectRevert(abi.encodeWithSelector(IProvenanceRegistry.InvalidSignature.selector, by));
        registry.register(r, signature);
    }
}
