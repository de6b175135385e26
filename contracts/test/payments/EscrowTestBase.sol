// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IEscrow} from "../../src/interfaces/IEscrow.sol";
import {Escrow} from "../../src/payments/Escrow.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {Test} from "../utils/Test.sol";

/// @notice Shared fixture for the escrow tests: the test stablecoin, an escrow on it, a payer with a known key and
///         an unlimited allowance, a payee, an arbiter and a stranger; builders for funded deals and for receipts,
///         whose digest is computed here from the EIP-712 spec rather than through the contract.
abstract contract EscrowTestBase is Test {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant RECEIPT_TYPEHASH =
        keccak256("Receipt(uint256 escrowId,uint256 amount,bytes32 deliveryHash)");
    /// @dev secp256k1 group order: the range of private keys, and for building high-s signatures.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant T0 = 1_750_000_000;
    uint64 internal constant DEADLINE = uint64(T0 + 7 days);
    uint256 internal constant AMOUNT = 500e6;
    bytes32 internal constant DELIVERY = keccak256("delivery: model output batch 1");

    TestStablecoin internal usd;
    Escrow internal escrow;
    uint256 internal payerKey = 0xFA7E5;
    address internal payer;
    address internal payee;
    address internal arbiter;
    address internal stranger;

    function setUp() public virtual {
        vm.warp(T0);
        usd = new TestStablecoin();
        escrow = new Escrow(IERC20(address(usd)));
        payer = vm.addr(payerKey);
        vm.label(payer, "payer");
        payee = makeAddr("payee");
        arbiter = makeAddr("arbiter");
        stranger = makeAddr("stranger");
        vm.label(address(usd), "usd");
        vm.label(address(escrow), "escrow");
        vm.prank(payer);
        usd.approve(address(escrow), type(uint256).max);
    }

    /// @dev A deal from the payer to the payee with the arbiter, funded now.
    function _create(uint256 amount, uint64 deadline) internal returns (uint256 escrowId) {
        usd.mint(payer, amount);
        vm.prank(payer);
        escrowId = escrow.create(payee, arbiter, amount, deadline);
    }

    function _receiptDigest(uint256 escrowId, uint256 amount, bytes32 deliveryHash, uint256 chainId, address verifier)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain =
            keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Rightflow Escrow"), keccak256("1"), chainId, verifier));
        bytes32 structHash = keccak256(abi.encode(RECEIPT_TYPEHASH, escrowId, amount, deliveryHash));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    /// @dev `key` signs a receipt for this chain and the escrow under test.
    function _signReceipt(uint256 key, uint256 escrowId, uint256 amount, bytes32 deliveryHash)
        internal
        view
        returns (bytes memory)
    {
        return _sign(key, _receiptDigest(escrowId, amount, deliveryHash, block.chainid, address(escrow)));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev released + refunded <= amount for every deal so far, and the contract holds exactly what is unsettled.
    function _assertConserved(uint256 lastId) internal view {
        uint256 held;
        for (uint256 id = 1; id <= lastId; ++id) {
            IEscrow.Deal memory d = escrow.dealOf(id);
            uint256 refunded = d.refunded ? d.amount - d.released : 0;
            assertLe(d.released + refunded, d.amount, "released + refunded <= amount");
            held += d.amount - d.released - refunded;
        }
        assertEq(usd.balanceOf(address(escrow)), held, "balance == sum of amount - released - refunded");
    }
}
