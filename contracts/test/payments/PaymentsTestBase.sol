// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IAgentWallets} from "../../src/interfaces/IAgentWallets.sol";
import {IIPAssetRegistry} from "../../src/interfaces/IIPAssetRegistry.sol";
import {IPaymentChannels} from "../../src/interfaces/IPaymentChannels.sol";
import {IRevenueVault} from "../../src/interfaces/IRevenueVault.sol";
import {AgentWallets} from "../../src/payments/AgentWallets.sol";
import {PaymentChannels} from "../../src/payments/PaymentChannels.sol";
import {RightsTestBase} from "../rights/RightsTestBase.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice Shared fixture for payment channels and agent wallets: both contracts on the test stablecoin, an IP asset
///         (owned by the creator) whose vault receives royalties, a payer who signs its own vouchers, a payee, an
///         agent key with its owner. Digests are built here from the EIP-712 spec, not read from the contracts.
abstract contract PaymentsTestBase is RightsTestBase {
    uint64 internal constant CHALLENGE = 1 days;
    bytes32 internal constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 channelId,uint256 cumulativeAmount)");
    bytes32 internal constant PAYMENT_TYPEHASH = keccak256(
        "AgentPayment(address agent,address payee,uint256 amount,bytes32 memo,bytes32 nonce,uint256 deadline)"
    );
    bytes32 internal constant CONSENT_TYPEHASH =
        keccak256("WalletConsent(address agent,address owner,uint256 deadline)");

    PaymentChannels internal channels;
    AgentWallets internal wallets;
    uint256 internal assetId;
    IRevenueVault internal vault;

    uint256 internal payerKey = 0xFA7E2;
    address internal payer;
    address internal payee;
    uint256 internal agentKey = 0xA6E27;
    address internal agent;
    address internal owner;
    address internal stranger;

    function setUp() public virtual override {
        super.setUp();
        channels = new PaymentChannels(IIPAssetRegistry(address(assets)), usd, CHALLENGE);
        wallets = new AgentWallets(usd, channels);
        assetId = _createAsset(creatorKey, WORK);
        vault = _vault(assetId);
        payer = vm.addr(payerKey);
        agent = vm.addr(agentKey);
        payee = makeAddr("payee");
        owner = makeAddr("owner");
        stranger = makeAddr("stranger");
        vm.label(address(channels), "channels");
        vm.label(address(wallets), "wallets");
        vm.label(payer, "payer");
        vm.label(agent, "agent");
    }

    // ---- Channels ----

    /// @dev `from` opens a channel to `to`, signed by `signer`, funded with freshly minted `deposit`.
    function _open(address from, address to, address signer, uint256 deposit, uint256 asset, uint16 bps, bytes32 salt)
        internal
        returns (bytes32 channelId)
    {
        _mintApproved(from, address(channels), deposit);
        vm.prank(from);
        channelId = channels.open(to, signer, deposit, asset, bps, salt);
    }

    /// @dev The usual channel: payer to payee, the payer signing, no royalty.
    function _open(uint256 deposit) internal returns (bytes32) {
        return _open(payer, payee, payer, deposit, 0, 0, bytes32(0));
    }

    function _mintApproved(address account, address spender, uint256 amount) internal {
        for (uint256 left = amount; left != 0;) {
            uint256 step = left < usd.MAX_MINT() ? left : usd.MAX_MINT();
            usd.mint(account, step);
            left -= step;
        }
        vm.prank(account);
        usd.approve(spender, amount);
    }

    function _voucherDigest(bytes32 channelId, uint256 amount, uint256 chainId, address verifyingContract)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Rightflow Channels"), keccak256("1"), chainId, verifyingContract)
        );
        return
            keccak256(abi.encodePacked(hex"1901", domain, keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, amount))));
    }

    /// @dev `key`'s voucher for this chain and the channels contract under test.
    function _voucher(uint256 key, bytes32 channelId, uint256 amount) internal view returns (bytes memory) {
        return _signDigest(key, _voucherDigest(channelId, amount, block.chainid, address(channels)));
    }

    function _claim(bytes32 channelId, uint256 amount, bytes memory signature)
        internal
        pure
        returns (IPaymentChannels.Claim[] memory claims)
    {
        claims = new IPaymentChannels.Claim[](1);
        claims[0] = IPaymentChannels.Claim(channelId, amount, amount, signature);
    }

    /// @dev The payee claims the payer-signed voucher for `amount`.
    function _claimAs(address by, bytes32 channelId, uint256 amount) internal returns (uint256 total) {
        IPaymentChannels.Claim[] memory claims = _claim(channelId, amount, _voucher(payerKey, channelId, amount));
        vm.prank(by);
        total = channels.claim(claims);
    }

    function _ch(bytes32 channelId) internal view returns (IPaymentChannels.Channel memory) {
        return channels.channelOf(channelId);
    }

    // ---- Agent wallets ----

    function _policy(uint128 budget, uint64 period, uint128 maxPerPayment)
        internal
        pure
        returns (IAgentWallets.Policy memory p)
    {
        (p.budgetPerPeriod, p.periodSeconds, p.maxPerPayment) = (budget, period, maxPerPayment);
    }

    /// @dev The owner creates the agent's wallet with `policy` (the agent consenting) and deposits `amount`.
    function _wallet(IAgentWallets.Policy memory policy, uint256 amount) internal {
        _create(agentKey, owner, policy);
        if (amount == 0) return;
        _mintApproved(owner, address(wallets), amount);
        vm.prank(owner);
        wallets.deposit(agent, amount);
    }

    /// @dev `owner_` creates the wallet of `key`'s address with `policy`, with that key's consent.
    function _create(uint256 key, address owner_, IAgentWallets.Policy memory policy) internal {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory consent = _consentSig(key, owner_, deadline);
        vm.prank(owner_);
        wallets.createWallet(vm.addr(key), policy, deadline, consent);
    }

    function _consentDigest(address agent_, address owner_, uint256 deadline, uint256 chainId, address verifying)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Rightflow Agent Wallets"), keccak256("1"), chainId, verifying)
        );
        bytes32 structHash = keccak256(abi.encode(CONSENT_TYPEHASH, agent_, owner_, deadline));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    /// @dev `key`'s consent to a wallet owned by `owner_`, for this chain and the wallets contract under test.
    function _consentSig(uint256 key, address owner_, uint256 deadline) internal view returns (bytes memory) {
        return _signDigest(key, _consentDigest(vm.addr(key), owner_, deadline, block.chainid, address(wallets)));
    }

    function _limits(uint128 budget, uint64 period, uint128 maxPerPayment)
        internal
        pure
        returns (IAgentWallets.Limits memory)
    {
        return IAgentWallets.Limits(budget, period, maxPerPayment);
    }

    function _paymentDigest(
        address agent_,
        address to,
        uint256 amount,
        bytes32 memo,
        bytes32 nonce,
        uint256 deadline,
        uint256 chainId
    ) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Rightflow Agent Wallets"), keccak256("1"), chainId, address(wallets))
        );
        bytes32 structHash = keccak256(abi.encode(PAYMENT_TYPEHASH, agent_, to, amount, memo, nonce, deadline));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    function _paymentSig(uint256 key, address to, uint256 amount, bytes32 memo, bytes32 nonce, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        return _signDigest(key, _paymentDigest(vm.addr(key), to, amount, memo, nonce, deadline, block.chainid));
    }

    function _balanceOf(address agent_) internal view returns (uint256) {
        return wallets.walletOf(agent_).balance;
    }

    /// @dev The test stablecoin's `Transfer` events to `to` among `logs`: how many, and how much in all.
    function _transfersTo(Vm.Log[] memory logs, address to) internal view returns (uint256 count, uint256 total) {
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(usd) || log.topics[0] != IERC20.Transfer.selector) continue;
            if (address(uint160(uint256(log.topics[2]))) != to) continue;
            ++count;
            total += abi.decode(log.data, (uint256));
        }
    }

    // ---- Gas ----

    /// @dev Calls `target` with `data` as `from` would in a transaction of its own (the given accounts cold) and
    ///      returns the transaction's gas: 21,000 + calldata + execution, less the refund (at most a fifth), or the
    ///      EIP-7623 floor when higher.
    function _txGas(address from, address target, bytes memory data, address[] memory cold)
        internal
        returns (uint256 total)
    {
        for (uint256 i; i < cold.length; ++i) {
            vm.cool(cold[i]);
        }
        vm.prank(from);
        (bool ok, bytes memory result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        Vm.Gas memory gas = vm.lastCallGas();
        uint256 standard;
        uint256 tokens;
        for (uint256 i; i < data.length; ++i) {
            bool zero = data[i] == 0;
            standard += zero ? 4 : 16;
            tokens += zero ? 1 : 4;
        }
        total = 21_000 + standard + gas.gasTotalUsed;
        uint256 refund = gas.gasRefunded > 0 ? uint256(int256(gas.gasRefunded)) : 0;
        total -= refund < total / 5 ? refund : total / 5;
        uint256 floor = 21_000 + 10 * tokens;
        if (floor > total) total = floor;
    }
}
