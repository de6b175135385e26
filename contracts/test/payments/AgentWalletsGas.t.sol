// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {console} from "../utils/console.sol";
import {PaymentsTestBase} from "./PaymentsTestBase.sol";

/// @notice Whole-transaction gas of the agent wallet calls (see `_txGas`), on state built in `setUp` with every
///         contract cold. Print the numbers with `forge test --mc AgentWalletsGasTest -vv`.
contract AgentWalletsGasTest is PaymentsTestBase {
    uint256 internal constant OTHER_AGENT_KEY = 0x07E2;
    uint256 internal constant FRESH_AGENT_KEY = 0xF2E5;
    address internal otherAgent;
    bytes32 internal closed;

    function setUp() public override {
        super.setUp();
        _wallet(_policy(1_000 * USD, 1 days, 100 * USD), 10_000 * USD);
        otherAgent = vm.addr(OTHER_AGENT_KEY);
        _create(OTHER_AGENT_KEY, owner, _policy(1_000 * USD, 1 days, 100 * USD));
        _mintApproved(owner, address(wallets), 1_000 * USD);
        vm.prank(owner);
        wallets.deposit(otherAgent, 1_000 * USD);
        // Steady state: the agent has paid and opened channels before, the payee holds tokens.
        vm.prank(agent);
        wallets.pay(payee, 1, 0);
        vm.prank(agent);
        closed = wallets.openChannel(address(channels), payee, 10 * USD, 0, 0, "closed");
        vm.prank(payee);
        channels.closeWithVoucher(closed, 4 * USD, 4 * USD, _voucher(agentKey, closed, 4 * USD));
    }

    function test_gas_pay() public {
        uint256 gas = _measure(agent, abi.encodeCall(wallets.pay, (payee, USD, "GET /v1/content/42")));
        console.log("pay: total tx gas", gas);
    }

    function test_gas_payBySig() public {
        bytes memory sig = _paymentSig(agentKey, payee, USD, "memo", "nonce", block.timestamp + 60);
        bytes memory data =
            abi.encodeCall(wallets.payBySig, (agent, payee, USD, "memo", "nonce", block.timestamp + 60, sig));
        uint256 gas = _measure(stranger, data);
        console.log("payBySig: total tx gas", gas);
    }

    function test_gas_openChannel() public {
        bytes memory data = abi.encodeCall(wallets.openChannel, (address(channels), payee, 20 * USD, 0, 0, "next"));
        uint256 gas = _measure(agent, data);
        console.log("openChannel: total tx gas", gas);
    }

    function test_gas_openChannelFirstDeploysAccount() public {
        bytes memory data = abi.encodeCall(wallets.openChannel, (address(channels), payee, 20 * USD, 0, 0, "first"));
        uint256 gas = _measure(otherAgent, data);
        console.log("openChannel, first of the agent (deploys its account): total tx gas", gas);
    }

    function test_gas_reclaimChannel() public {
        uint256 gas = _measure(stranger, abi.encodeCall(wallets.reclaimChannel, (address(channels), closed)));
        console.log("reclaimChannel: total tx gas", gas);
        assertEq(_balanceOf(agent), 10_000 * USD - 1 - 4 * USD, "refund credited");
    }

    /// @dev With the agent's consent signature (the usual case: the owner submits).
    function test_gas_createWallet() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory consent = _consentSig(FRESH_AGENT_KEY, owner, deadline);
        bytes memory data = abi.encodeCall(
            wallets.createWallet, (vm.addr(FRESH_AGENT_KEY), _policy(1_000 * USD, 1 days, 100 * USD), deadline, consent)
        );
        console.log("createWallet: total tx gas", _measure(owner, data));
    }

    function test_gas_setLimits() public {
        bytes memory data = abi.encodeCall(wallets.setLimits, (agent, _limits(2_000 * USD, 1 days, 200 * USD)));
        console.log("setLimits: total tx gas", _measure(owner, data));
    }

    function test_gas_setAllowlistOnly() public {
        bytes memory data = abi.encodeCall(wallets.setAllowlistOnly, (agent, true));
        console.log("setAllowlistOnly: total tx gas", _measure(owner, data));
    }

    function _measure(address from, bytes memory data) internal returns (uint256) {
        address[] memory cold = new address[](4);
        (cold[0], cold[1], cold[2], cold[3]) =
        (address(wallets), address(usd), address(channels), wallets.channelAccountOf(from));
        return _txGas(from, address(wallets), data, cold);
    }
}
