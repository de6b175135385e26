// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {console} from "../utils/console.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Whole-transaction gas of the channel calls (see `_txGas`), measured on state built in `setUp` (a
///         transaction of its own) with every contract cold, as for a relayer's or payee's fresh transaction. Print
///         the numbers with `forge test --mc ChannelsGasTest -vv`.
///
///         The issue's target: at most 30 gas per paid call amortized over 10,000 calls, i.e. a channel's whole
///         life (open, claim, close) within 300,000 gas. Batched claims must stay cheap per channel.
contract ChannelsGasTest is PaymentsTestBase {
    uint256 internal constant CHANNELS = 100;
    uint256 internal constant CALLS = 10_000;
    /// @dev A paid call costs a thousandth of a dollar: 10,000 calls use 10 of the 20 dollars deposited.
    uint256 internal constant PRICE = USD / 1_000;
    uint256 internal constant DEPOSIT = 20 * USD;
    uint256 internal constant LIFE_BUDGET = CALLS * 30;
    /// @dev Three cold slots read and one written, an ecrecover, an event and ~280 bytes of calldata per claim.
    uint256 internal constant CLAIM_PER_CHANNEL_BUDGET = 20_000;

    bytes32[] internal ids;
    bytes32 internal royaltyId;
    bytes32[] internal royaltyIds;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < CHANNELS; ++i) {
            ids.push(_open(payer, payee, payer, DEPOSIT, 0, 0, bytes32(i)));
        }
        royaltyId = _open(payer, payee, payer, DEPOSIT, assetId, 1_000, "royalty");
        for (uint256 i; i < 10; ++i) {
            royaltyIds.push(_open(payer, payee, payer, DEPOSIT, assetId, 1_000, bytes32(1_000 + i)));
        }
        _claimAs(payee, royaltyId, 10); // the vault has had revenue before, as it will have in steady state
        usd.mint(payee, 1); // a payee that already holds the token, as after its first claim
        _mintApproved(payer, address(channels), 2 * DEPOSIT); // for the measured open and top-up
    }

    function test_gas_open() public {
        uint256 gas = _measure(payer, abi.encodeCall(channels.open, (payee, payer, DEPOSIT, 0, 0, "new")));
        console.log("open: total tx gas", gas);
    }

    function test_gas_openWithRoyalty() public {
        uint256 gas = _measure(payer, abi.encodeCall(channels.open, (payee, payer, DEPOSIT, assetId, 1_000, "new")));
        console.log("open with royalty: total tx gas", gas);
    }

    function test_gas_topUp() public {
        uint256 gas = _measure(payer, abi.encodeCall(channels.topUp, (ids[0], DEPOSIT)));
        console.log("topUp: total tx gas", gas);
    }

    function test_gas_claimBatchOf1() public {
        _claimBatch(1);
    }

    function test_gas_claimBatchOf10() public {
        _claimBatch(10);
    }

    function test_gas_claimBatchOf100() public {
        _claimBatch(100);
    }

    function test_gas_claimWithRoyalty() public {
        uint256 gas = _measure(
            payee, abi.encodeCall(channels.claim, (_claim(royaltyId, 5 * USD, _voucher(payerKey, royaltyId, 5 * USD))))
        );
        console.log("claim, batch of 1 with royalty: total tx gas", gas);
    }

    /// @dev Ten channels paying royalties to one asset: its vault is paid and synced once for the batch.
    function test_gas_claimBatchOf10WithRoyaltyToOneAsset() public {
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](10);
        for (uint256 i; i < 10; ++i) {
            claims[i] =
                IPaymentChannels.Claim(royaltyIds[i], 5 * USD, 5 * USD, _voucher(payerKey, royaltyIds[i], 5 * USD));
        }
        uint256 gas = _measure(payee, abi.encodeCall(channels.claim, (claims)));
        console.log("claim, batch of 10 with royalty to one asset: total tx gas", gas);
        console.log("  per channel", gas / 10);
    }

    function test_gas_closeWithVoucher() public {
        bytes memory data = abi.encodeCall(
            channels.closeWithVoucher, (ids[0], CALLS * PRICE, CALLS * PRICE, _voucher(payerKey, ids[0], CALLS * PRICE))
        );
        uint256 gas = _measure(payee, data);
        console.log("closeWithVoucher: total tx gas", gas);
    }

    function test_gas_requestCloseAndWithdraw() public {
        uint256 request = _measure(payer, abi.encodeCall(channels.requestClose, (ids[0])));
        vm.warp(block.timestamp + CHALLENGE);
        uint256 withdraw = _measure(stranger, abi.encodeCall(channels.withdraw, (ids[0])));
        console.log("requestClose: total tx gas", request);
        console.log("withdraw: total tx gas", withdraw);
        console.log("requestClose + withdraw", request + withdraw);
    }

    /// @dev A channel's whole life for 10,000 paid calls: open, one claim, and a cooperative close with the last
    ///      voucher; or open and a close with the final voucher alone.
    function test_gas_lifeOf10000CallsWithinTarget() public {
        uint256 openGas = _measure(payer, abi.encodeCall(channels.open, (payee, payer, DEPOSIT, 0, 0, "life")));
        bytes32 id = channels.channelIdOf(payer, payee, payer, "life");
        uint256 half = CALLS / 2 * PRICE;
        uint256 claimGas =
            _measure(payee, abi.encodeCall(channels.claim, (_claim(id, half, _voucher(payerKey, id, half)))));
        uint256 all = CALLS * PRICE;
        uint256 closeGas =
            _measure(payee, abi.encodeCall(channels.closeWithVoucher, (id, all, all, _voucher(payerKey, id, all))));
        uint256 life = openGas + claimGas + closeGas;
        console.log("open + claim + closeWithVoucher", life);
        console.log("  per paid call over 10,000 calls (x100)", life * 100 / CALLS);
        console.log("open + closeWithVoucher, per paid call (x100)", (openGas + closeGas) * 100 / CALLS);
        assertLe(life, LIFE_BUDGET, "a channel's life within 30 gas per paid call");
    }

    function _claimBatch(uint256 n) internal {
        IPaymentChannels.Claim[] memory claims = new IPaymentChannels.Claim[](n);
        for (uint256 i; i < n; ++i) {
            claims[i] =
                IPaymentChannels.Claim(ids[i], CALLS * PRICE, CALLS * PRICE, _voucher(payerKey, ids[i], CALLS * PRICE));
        }
        uint256 before = usd.balanceOf(payee);
        uint256 gas = _measure(payee, abi.encodeCall(channels.claim, (claims)));
        console.log(string.concat("claim, batch of ", vm.toString(n), ": total tx gas"), gas);
        console.log("  per channel", gas / n);
        assertEq(usd.balanceOf(payee) - before, n * CALLS * PRICE, "every channel paid");
        if (n == 100) assertLe(gas / n, CLAIM_PER_CHANNEL_BUDGET, "claim per channel in a batch of 100");
    }

    function _measure(address from, bytes memory data) internal returns (uint256) {
        address[] memory cold = new address[](4);
        (cold[0], cold[1], cold[2], cold[3]) = (address(channels), address(usd), address(assets), address(vault));
        return _txGas(from, address(channels), data, cold);
    }
}
