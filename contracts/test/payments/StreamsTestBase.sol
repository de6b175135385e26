// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStreams} from "../../src/interfaces/IStreams.sol";
import {Streams} from "../../src/payments/Streams.sol";
import {TestStablecoin} from "../../src/token/TestStablecoin.sol";
import {Test} from "../utils/Test.sol";

/// @notice Shared fixture for the streams tests: the test stablecoin, a streams contract on it, a sender with an
///         unlimited allowance, a recipient and a stranger; builders for funded streams and the expected split.
abstract contract StreamsTestBase is Test {
    uint256 internal constant T0 = 1_750_000_000;
    /// @dev A tenth of a cent per second: a day streams 86.4 test dollars.
    uint256 internal constant RATE = 1_000;
    uint256 internal constant DAY = 86_400;
    uint256 internal constant DEPOSIT = RATE * DAY;
    uint256 internal constant MAX96 = type(uint96).max;

    TestStablecoin internal usd;
    Streams internal streams;
    address internal sender;
    address internal recipient;
    address internal stranger;

    function setUp() public virtual {
        vm.warp(T0);
        usd = new TestStablecoin();
        streams = new Streams(IERC20(address(usd)));
        sender = makeAddr("sender");
        recipient = makeAddr("recipient");
        stranger = makeAddr("stranger");
        vm.label(address(usd), "usd");
        vm.label(address(streams), "streams");
        vm.prank(sender);
        usd.approve(address(streams), type(uint256).max);
    }

    /// @dev Mints `amount` to the sender, in steps the faucet allows.
    function _fund(uint256 amount) internal {
        uint256 step = usd.MAX_MINT();
        for (; amount > step; amount -= step) {
            usd.mint(sender, step);
        }
        usd.mint(sender, amount);
    }

    /// @dev A stream from the sender to the recipient, funded now.
    function _open(uint256 rate, uint256 deposit) internal returns (uint256 streamId) {
        _fund(deposit);
        vm.prank(sender);
        streamId = streams.open(recipient, rate, deposit);
    }

    function _topUp(uint256 streamId, uint256 amount) internal {
        _fund(amount);
        vm.prank(sender);
        streams.topUp(streamId, amount);
    }

    /// @dev min(deposit, rate * elapsed): the interface's formula, computed here independently.
    function _accrued(uint256 rate, uint256 deposit, uint256 elapsed) internal pure returns (uint256) {
        uint256 streamed = rate * elapsed;
        return streamed < deposit ? streamed : deposit;
    }

    /// @dev The contract holds exactly Σ (deposit - withdrawn) over every stream opened so far.
    function _assertConserved(uint256 lastId) internal view {
        uint256 owed;
        for (uint256 id = 1; id <= lastId; ++id) {
            IStreams.Stream memory s = streams.streamOf(id);
            owed += s.deposit - s.withdrawn;
        }
        assertEq(usd.balanceOf(address(streams)), owed, "balance == sum of deposit - withdrawn");
    }
}
