// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAgentWallets} from "../interfaces/IAgentWallets.sol";
import {IIPAssetRegistry} from "../interfaces/IIPAssetRegistry.sol";
import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";
import {AgentChannelAccount} from "./AgentChannelAccount.sol";

/// @title Rightflow agent wallets
/// @notice See {IAgentWallets}. Ownerless and immutable; each wallet belongs to the account that created it with the
///         agent's consent.
/// @dev `pay`, `payBySig` and `openChannel` funnel into `_spend`, so every policy check lives in one place and runs
///      in one order: paused, allow-list, maximum per payment, budget, balance. Token movements follow
///      checks-effects-interactions and every entry point that moves tokens or calls out is nonReentrant.
contract AgentWallets is IAgentWallets, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant PAYMENT_TYPEHASH = keccak256(
        "AgentPayment(address agent,address payee,uint256 amount,bytes32 memo,bytes32 nonce,uint256 deadline)"
    );
    bytes32 public constant CONSENT_TYPEHASH = keccak256("WalletConsent(address agent,address owner,uint256 deadline)");

    IERC20 private immutable _token;
    address private immutable _channels;
    address private immutable _accountImplementation;

    /// @dev A wallet as stored, packed for `_spend`, which reads all four slots and writes the second (and the
    ///      fourth when a new period starts). A wallet exists when `owner` is set.
    struct Stored {
        address owner;
        bool allowlistOnly;
        bool paused;
        uint128 balance;
        uint128 spentInPeriod;
        uint128 budgetPerPeriod;
        uint128 maxPerPayment;
        uint64 periodStart;
        uint64 periodSeconds;
    }

    mapping(address agent => Stored) private _wallets;
    mapping(address agent => mapping(address payee => bool allowed)) private _payees;
    mapping(address agent => mapping(bytes32 nonce => bool used)) private _nonces;
    mapping(address channels => mapping(bytes32 channelId => bool reclaimed)) private _reclaimed;

    /// @param channels The canonical PaymentChannels on `token`: the only channel contract `openChannel` funds.
    constructor(IERC20 token, IPaymentChannels channels) EIP712("Rightflow Agent Wallets", "1") {
        if (address(channels) == address(0)) revert ZeroAddress();
        _token = token;
        _channels = address(channels);
        _accountImplementation = address(new AgentChannelAccount(token));
    }

    /// @inheritdoc IAgentWallets
    function createWallet(address agent, Policy calldata policy, uint256 deadline, bytes calldata signature) external {
        if (agent == address(0)) revert ZeroAddress();
        Stored storage w = _wallets[agent];
        if (w.owner != address(0)) revert WalletExists(agent);
        // The signature first: a caller with no consent at all learns that, not that a zero deadline has passed.
        if (msg.sender != agent) {
            bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CONSENT_TYPEHASH, agent, msg.sender, deadline)));
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
            if (err != ECDSA.RecoverError.NoError || signer != agent) revert InvalidSignature(agent);
            if (block.timestamp > deadline) revert ConsentExpired(deadline);
        }
        _validate(policy.budgetPerPeriod, policy.periodSeconds, policy.maxPerPayment);
        w.owner = msg.sender;
        w.periodStart = uint64(block.timestamp);
        w.allowlistOnly = policy.allowlistOnly;
        w.paused = policy.paused;
        _storeLimits(w, policy.budgetPerPeriod, policy.periodSeconds, policy.maxPerPayment);
        emit WalletCreated(agent, msg.sender, policy);
    }

    /// @inheritdoc IAgentWallets
    function deposit(address agent, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Stored storage w = _wallets[agent];
        if (w.owner == address(0)) revert UnknownWallet(agent);
        w.balance = SafeCast.toUint128(w.balance + amount);
        emit Deposited(agent, msg.sender, amount);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IAgentWallets
    function withdraw(address agent, uint256 amount, address to) external nonReentrant {
        Stored storage w = _requireOwner(agent);
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        uint256 balance = w.balance;
        if (amount > balance) revert InsufficientBalance(amount, balance);
        // forge-lint: disable-next-line(unsafe-typecast)
        w.balance = uint128(balance - amount); // below the old uint128 balance
        emit Withdrawn(agent, to, amount);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IAgentWallets
    function setLimits(address agent, Limits calldata limits) external {
        Stored storage w = _requireOwner(agent);
        _validate(limits.budgetPerPeriod, limits.periodSeconds, limits.maxPerPayment);
        if (limits.periodSeconds != w.periodSeconds) {
            // A new length starts a new window now, carrying what the current one spent: a shorter period must
            // not reset spending (100/day spent, then 10/hour, would otherwise allow 10 more at once).
            (, uint256 spent) = _period(w);
            w.periodStart = uint64(block.timestamp);
            // forge-lint: disable-next-line(unsafe-typecast)
            w.spentInPeriod = uint128(spent); // spent <= a uint128 budget
        }
        _storeLimits(w, limits.budgetPerPeriod, limits.periodSeconds, limits.maxPerPayment);
        emit PolicySet(agent, _policy(w));
    }

    /// @inheritdoc IAgentWallets
    function setAllowlistOnly(address agent, bool allowlistOnly) external {
        Stored storage w = _requireOwner(agent);
        w.allowlistOnly = allowlistOnly;
        emit PolicySet(agent, _policy(w));
    }

    /// @inheritdoc IAgentWallets
    function setPayee(address agent, address payee, bool allowed) external {
        _requireOwner(agent);
        if (payee == address(0)) revert ZeroAddress();
        _payees[agent][payee] = allowed;
        emit PayeeSet(agent, payee, allowed);
    }

    /// @inheritdoc IAgentWallets
    function setPaused(address agent, bool paused) external {
        Stored storage w = _requireOwner(agent);
        w.paused = paused;
        emit PolicySet(agent, _policy(w));
    }

    /// @inheritdoc IAgentWallets
    function pay(address payee, uint256 amount, bytes32 memo) external nonReentrant {
        _spend(msg.sender, payee, amount);
        emit Paid(msg.sender, payee, amount, memo);
        _token.safeTransfer(payee, amount);
    }

    /// @inheritdoc IAgentWallets
    function payBySig(
        address agent,
        address payee,
        uint256 amount,
        bytes32 memo,
        bytes32 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external nonReentrant {
        if (block.timestamp > deadline) revert PaymentExpired(deadline);
        if (_nonces[agent][nonce]) revert NonceUsed(agent, nonce);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(PAYMENT_TYPEHASH, agent, payee, amount, memo, nonce, deadline)));
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError || signer != agent) revert InvalidSignature(agent);
        _nonces[agent][nonce] = true;
        _spend(agent, payee, amount);
        emit Paid(agent, payee, amount, memo);
        _token.safeTransfer(payee, amount);
    }

    /// @inheritdoc IAgentWallets
    function openChannel(
        address channels,
        address payee,
        uint256 deposit_,
        uint256 royaltyAsset,
        uint16 royaltyBps,
        bytes32 salt
    ) external nonReentrant returns (bytes32 channelId) {
        if (channels != _channels) revert ChannelsNotApproved(channels);
        // A royalty share is paid out of every claim to the asset's vault: with the allow-list on, that vault is a
        // payee like any other (else a channel to an allowed payee could route up to all of it elsewhere).
        if (royaltyBps != 0 && _wallets[msg.sender].allowlistOnly) {
            address vault =
                address(IIPAssetRegistry(IPaymentChannels(_channels).assetRegistry()).assetOf(royaltyAsset).vault);
            if (!_payees[msg.sender][vault]) revert PayeeNotAllowed(msg.sender, vault);
        }
        _spend(msg.sender, payee, deposit_);
        address account = channelAccountOf(msg.sender);
        if (account.code.length == 0) Clones.cloneDeterministic(_accountImplementation, _accountSalt(msg.sender));
        _token.safeTransfer(account, deposit_);
        channelId = AgentChannelAccount(account)
            .open(IPaymentChannels(channels), payee, msg.sender, deposit_, royaltyAsset, royaltyBps, salt);
        emit ChannelFunded(msg.sender, channelId, payee, deposit_);
    }

    /// @inheritdoc IAgentWallets
    /// @dev The channel contract's report only bounds the credit; the tokens must be in the agent's account. A
    ///      channel naming another agent's account can only move that agent's own refunds into its own wallet.
    function reclaimChannel(address channels, bytes32 channelId) external nonReentrant returns (uint256 refunded) {
        IPaymentChannels.Channel memory ch = IPaymentChannels(channels).channelOf(channelId);
        address agent = _agentOf(ch, channelId);
        if (!ch.closed || _reclaimed[channels][channelId]) return 0;
        _reclaimed[channels][channelId] = true;
        uint256 owed = ch.deposit > ch.claimed ? ch.deposit - ch.claimed : 0;
        uint256 held = _token.balanceOf(ch.payer);
        refunded = owed < held ? owed : held;
        Stored storage w = _wallets[agent];
        w.balance = SafeCast.toUint128(w.balance + refunded);
        emit ChannelRefunded(agent, channelId, refunded);
        if (refunded != 0) AgentChannelAccount(ch.payer).sweep(refunded);
    }

    /// @inheritdoc IAgentWallets
    function requestChannelClose(address channels, bytes32 channelId) external nonReentrant {
        IPaymentChannels.Channel memory ch = IPaymentChannels(channels).channelOf(channelId);
        address agent = _agentOf(ch, channelId);
        if (msg.sender != agent && msg.sender != _wallets[agent].owner) revert NotOwner(agent, msg.sender);
        AgentChannelAccount(ch.payer).requestClose(IPaymentChannels(channels), channelId);
    }

    /// @inheritdoc IAgentWallets
    function walletOf(address agent) external view returns (Wallet memory wallet) {
        Stored storage w = _wallets[agent];
        if (w.owner == address(0)) revert UnknownWallet(agent);
        (uint64 start, uint256 spent) = _period(w);
        wallet.owner = w.owner;
        wallet.balance = w.balance;
        // forge-lint: disable-next-line(unsafe-typecast)
        wallet.spentInPeriod = uint128(spent); // the stored uint128 or zero
        wallet.periodStart = start;
        wallet.policy = _policy(w);
    }

    /// @inheritdoc IAgentWallets
    function spendable(address agent) external view returns (uint256) {
        Stored storage w = _wallets[agent];
        if (w.owner == address(0) || w.paused) return 0;
        (, uint256 spent) = _period(w);
        uint256 budget = w.budgetPerPeriod;
        uint256 remaining = budget > spent ? budget - spent : 0;
        uint256 balance = w.balance;
        return remaining < balance ? remaining : balance;
    }

    /// @inheritdoc IAgentWallets
    function isPayeeAllowed(address agent, address payee) external view returns (bool) {
        return _payees[agent][payee];
    }

    /// @inheritdoc IAgentWallets
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IAgentWallets
    function paymentChannels() external view returns (address) {
        return _channels;
    }

    /// @inheritdoc IAgentWallets
    function channelAccountOf(address agent) public view returns (address) {
        return Clones.predictDeterministicAddress(_accountImplementation, _accountSalt(agent));
    }

    /// @notice The EIP-712 digest an agent signs for `payBySig`.
    function paymentDigest(address agent, address payee, uint256 amount, bytes32 memo, bytes32 nonce, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(PAYMENT_TYPEHASH, agent, payee, amount, memo, nonce, deadline)));
    }

    /// @notice The EIP-712 digest an agent signs to consent to a wallet owned by `owner` (see `createWallet`).
    function consentDigest(address agent, address owner, uint256 deadline) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(CONSENT_TYPEHASH, agent, owner, deadline)));
    }

    /// @notice Whether `nonce` of `agent` was used by `payBySig`.
    function nonceUsed(address agent, bytes32 nonce) external view returns (bool) {
        return _nonces[agent][nonce];
    }

    /// @dev The one path out of a wallet under its policy: every check, then the books. Moves no tokens.
    function _spend(address agent, address payee, uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        if (payee == address(0)) revert ZeroAddress();
        Stored storage w = _wallets[agent];
        if (w.owner == address(0)) revert UnknownWallet(agent);
        if (w.paused) revert WalletPaused(agent);
        if (w.allowlistOnly && !_payees[agent][payee]) revert PayeeNotAllowed(agent, payee);
        uint256 maxPerPayment = w.maxPerPayment;
        if (amount > maxPerPayment) revert OverMaxPerPayment(amount, maxPerPayment);
        (uint64 start, uint256 spent) = _period(w);
        uint256 budget = w.budgetPerPeriod;
        uint256 remaining = budget > spent ? budget - spent : 0;
        if (amount > remaining) revert OverBudget(amount, remaining);
        uint256 balance = w.balance;
        if (amount > balance) revert InsufficientBalance(amount, balance);
        // forge-lint: disable-next-line(unsafe-typecast)
        w.balance = uint128(balance - amount); // amount <= balance
        // forge-lint: disable-next-line(unsafe-typecast)
        w.spentInPeriod = uint128(spent + amount); // at most the uint128 budget
        if (start != w.periodStart) w.periodStart = start;
    }

    /// @dev The current window: once `periodSeconds` have passed since `periodStart`, the start moves forward by
    ///      whole periods (so windows never drift) and nothing is spent in the new one yet.
    function _period(Stored storage w) private view returns (uint64 start, uint256 spent) {
        start = w.periodStart;
        uint256 length = w.periodSeconds;
        if (block.timestamp < start + length) return (start, w.spentInPeriod);
        // forge-lint: disable-next-line(unsafe-typecast)
        start += uint64((block.timestamp - start) / length * length); // lands at or before now
        return (start, 0);
    }

    function _validate(uint128 budget, uint64 period, uint128 maxPerPayment) private pure {
        if (period == 0) revert InvalidPolicy("period is zero");
        if (budget == 0) revert InvalidPolicy("budget is zero");
        if (maxPerPayment == 0) revert InvalidPolicy("max per payment is zero");
        if (maxPerPayment > budget) revert InvalidPolicy("max per payment above budget");
    }

    /// @dev The limits only: the switches have setters of their own, so no edit of the limits can flip them.
    function _storeLimits(Stored storage w, uint128 budget, uint64 period, uint128 maxPerPayment) private {
        w.budgetPerPeriod = budget;
        w.maxPerPayment = maxPerPayment;
        w.periodSeconds = period;
    }

    function _policy(Stored storage w) private view returns (Policy memory) {
        return Policy({
            budgetPerPeriod: w.budgetPerPeriod,
            periodSeconds: w.periodSeconds,
            maxPerPayment: w.maxPerPayment,
            allowlistOnly: w.allowlistOnly,
            paused: w.paused
        });
    }

    function _requireOwner(address agent) private view returns (Stored storage w) {
        w = _wallets[agent];
        if (w.owner == address(0)) revert UnknownWallet(agent);
        if (msg.sender != w.owner) revert NotOwner(agent, msg.sender);
    }

    /// @dev The agent whose account pays for the channel; our channels name the agent as voucher signer.
    function _agentOf(IPaymentChannels.Channel memory ch, bytes32 channelId) private view returns (address agent) {
        agent = ch.voucherSigner;
        if (_wallets[agent].owner == address(0) || ch.payer != channelAccountOf(agent)) {
            revert NotChannelOfWallet(channelId);
        }
    }

    function _accountSalt(address agent) private pure returns (bytes32) {
        return bytes32(uint256(uint160(agent)));
    }
}
