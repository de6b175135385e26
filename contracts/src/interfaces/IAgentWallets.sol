// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Rightflow agent wallets
/// @notice An AI agent cannot open a bank account, but it can hold a key. Each agent key gets a spending vault
///         here, funded by its owner, with a policy the chain enforces on every payment out of the vault: a budget
///         per period, a maximum per payment, an optional payee allow-list, and a pause switch. The owner tops
///         up, withdraws and sets the policy; the agent spends only within it — by a transaction of its own, by an
///         EIP-712 payment it signs for someone else to submit (no gas needed), or by opening a payment channel
///         whose deposit counts as spending and whose refund comes back to the vault.
/// @dev Periods are fixed windows: `periodStart` moves forward by whole periods, and spending resets with it. The
///      bound this gives, exactly: every window (`[periodStart, periodStart + periodSeconds)`, aligned with the
///      wallet's creation) sees at most `budgetPerPeriod`; any other span of `periodSeconds` overlaps two windows and
///      may see up to twice the budget, all of it within one second around a window's edge (the end of one window,
///      then the start of the next). An owner who needs every span of a period capped at C sets the budget to C/2.
///      (A change of `periodSeconds` re-cuts the windows from the same start; the bound holds under one policy.)
///      Channels open only on the channel contract bound at construction (`paymentChannels`): a channel contract of
///      the agent's choosing could send the deposit anywhere, past the allow-list. They are paid for by the agent's
///      channel account (`channelAccountOf`), a clone that only this contract commands: refunds land there, so
///      `reclaimChannel` (which takes any channel contract) credits only tokens that really came back, whatever a
///      channel contract reports. (With this contract as the payer, a fake channel contract chosen by any agent
///      could report a refund it never sent and be credited with other wallets' funds.)
///      A wallet exists only with the agent key's consent (its EIP-712 signature naming the owner, or its own call):
///      without it anyone could create the wallet of an agent first, owning it, and take the real owner's top-ups.
///      The switches (`paused`, `allowlistOnly`) each have a setter of their own and `setLimits` never touches them,
///      so an edit of the limits built from an earlier read cannot undo an emergency pause.
///      Invariants: the contract's token balance equals the sum of all wallets' balances (plus any tokens sent to
///      it by plain transfer, which no wallet owns); an agent's channel account holds exactly the refunds of its
///      closed channels not yet reclaimed; an allow-listed wallet pays no payee off its list, by any path (a
///      channel's royalty share goes to an asset's vault, which must then be on the list too).
interface IAgentWallets {
    /// @param budgetPerPeriod Most the agent may spend per period (token units).
    /// @param periodSeconds Length of a period (at least one second).
    /// @param maxPerPayment Most a single payment may be.
    /// @param allowlistOnly When true, payments go only to allowed payees (changed by `setAllowlistOnly`).
    /// @param paused When true, nothing may be spent (changed by `setPaused`).
    struct Policy {
        uint128 budgetPerPeriod;
        uint64 periodSeconds;
        uint128 maxPerPayment;
        bool allowlistOnly;
        bool paused;
    }

    /// @notice The limits of a policy, without its switches: what `setLimits` replaces.
    struct Limits {
        uint128 budgetPerPeriod;
        uint64 periodSeconds;
        uint128 maxPerPayment;
    }

    /// @notice A wallet's state.
    struct Wallet {
        address owner;
        uint128 balance;
        uint128 spentInPeriod;
        uint64 periodStart;
        Policy policy;
    }

    error WalletExists(address agent);
    error UnknownWallet(address agent);
    error NotOwner(address agent, address caller);
    /// @notice The policy cannot work; `reason` is one of "period is zero" (windows need a length), "budget is
    ///         zero" or "max per payment is zero" (nothing could ever be paid: pause instead), "max per payment
    ///         above budget" (a limit no payment could reach).
    error InvalidPolicy(string reason);
    error WalletPaused(address agent);
    error PayeeNotAllowed(address agent, address payee);
    error OverMaxPerPayment(uint256 amount, uint256 maxPerPayment);
    error OverBudget(uint256 amount, uint256 remaining);
    error InsufficientBalance(uint256 amount, uint256 balance);
    error InvalidSignature(address agent);
    error PaymentExpired(uint256 deadline);
    error NonceUsed(address agent, bytes32 nonce);
    error ZeroAmount();
    error ZeroAddress();
    error NotChannelOfWallet(bytes32 channelId);
    /// @notice `openChannel` named a channel contract other than `paymentChannels()`.
    error ChannelsNotApproved(address channels);
    /// @notice The agent's consent to its wallet expired at `deadline` before the wallet was created.
    error ConsentExpired(uint256 deadline);

    event WalletCreated(address indexed agent, address indexed owner, Policy policy);
    event PolicySet(address indexed agent, Policy policy);
    event PayeeSet(address indexed agent, address indexed payee, bool allowed);
    event Deposited(address indexed agent, address indexed from, uint256 amount);
    event Withdrawn(address indexed agent, address indexed to, uint256 amount);
    /// @notice The agent paid `payee`; `memo` is free (an x402 resource, an invoice id…).
    event Paid(address indexed agent, address indexed payee, uint256 amount, bytes32 memo);
    event ChannelFunded(address indexed agent, bytes32 indexed channelId, address indexed payee, uint256 deposit);
    event ChannelRefunded(address indexed agent, bytes32 indexed channelId, uint256 amount);

    /// @notice Create the wallet of `agent`, owned by the caller, with the agent key's consent: its EIP-712 signature
    ///         (domain "Rightflow Agent Wallets" v1) of
    ///         WalletConsent(address agent,address owner,uint256 deadline)
    ///         naming the caller as owner, submitted by `deadline` (inclusive). When the caller is the agent itself
    ///         (a wallet it owns), its call is its consent and `deadline` and `signature` are ignored. A consent
    ///         cannot serve another owner (it names one), and serves at most once (an agent has one wallet, ever).
    function createWallet(address agent, Policy calldata policy, uint256 deadline, bytes calldata signature) external;

    /// @notice Add funds to an agent's wallet from the caller (needs an allowance). Anyone may.
    function deposit(address agent, uint256 amount) external;

    /// @notice Owner takes funds out.
    function withdraw(address agent, uint256 amount, address to) external;

    /// @notice Owner replaces the budget, period and maximum per payment; the switches (`paused`, `allowlistOnly`)
    ///         keep their value. What was spent in the current period still counts against the new budget; a
    ///         new period length starts a new window at this block, carrying what the current window spent (so
    ///         shortening the period never resets spending).
    ///         Emits PolicySet with the whole policy.
    function setLimits(address agent, Limits calldata limits) external;

    /// @notice Owner allows (or stops allowing) `payee`; consulted only while `allowlistOnly` is on.
    function setPayee(address agent, address payee, bool allowed) external;

    /// @notice Owner turns the allow-list on (pay only allowed payees, by every path) or off. Emits PolicySet.
    function setAllowlistOnly(address agent, bool allowlistOnly) external;

    /// @notice Owner pauses (nothing may be spent, by any path) or resumes. Emits PolicySet.
    function setPaused(address agent, bool paused) external;

    /// @notice The agent (the caller) pays within its policy.
    function pay(address payee, uint256 amount, bytes32 memo) external;

    /// @notice Submit a payment the agent signed (EIP-712, domain "Rightflow Agent Wallets" v1):
    ///         AgentPayment(address agent,address payee,uint256 amount,bytes32 memo,bytes32 nonce,uint256 deadline)
    ///         Anyone may submit; each nonce is accepted once.
    function payBySig(
        address agent,
        address payee,
        uint256 amount,
        bytes32 memo,
        bytes32 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice The agent opens a payment channel funded from its wallet: the deposit is a payment to `payee` for
    ///         the policy, the agent key signs the vouchers, the agent's channel account is the channel's payer, and
    ///         a refund comes back to the wallet through `reclaimChannel`. A refund does not give back budget.
    ///         `channels` must be `paymentChannels()` (reverts ChannelsNotApproved otherwise). With the allow-list
    ///         on and a royalty share, the royalty asset's vault must be allowed too (reverts PayeeNotAllowed with
    ///         the vault), checked before the policy's other rules.
    function openChannel(
        address channels,
        address payee,
        uint256 deposit,
        uint256 royaltyAsset,
        uint16 royaltyBps,
        bytes32 salt
    ) external returns (bytes32 channelId);

    /// @notice Credit a closed channel's refund (deposit - claimed) back to the wallet that funded it, from the
    ///         agent's channel account where the channel contract's `withdraw` or `closeWithVoucher` sent it, and
    ///         never more than the account holds. Anyone may call. Pays nothing (returns zero) for a channel not
    ///         closed yet or already reclaimed; reverts NotChannelOfWallet for a channel this contract did not fund.
    function reclaimChannel(address channels, bytes32 channelId) external returns (uint256 refunded);

    /// @notice The wallet's owner or its agent starts a channel's exit without the payee (`requestClose` on the
    ///         channel contract, as its payer); after the challenge period anyone may `withdraw` it there and
    ///         `reclaimChannel` here.
    function requestChannelClose(address channels, bytes32 channelId) external;

    /// @notice The address that pays for `agent`'s channels and receives their refunds (deployed on first use).
    function channelAccountOf(address agent) external view returns (address);

    /// @notice A wallet as of now (a period that has ended shows as reset); reverts UnknownWallet.
    function walletOf(address agent) external view returns (Wallet memory);

    /// @notice What the agent may still spend now (budget left in this period, capped by the balance), zero when
    ///         paused.
    function spendable(address agent) external view returns (uint256);

    /// @notice The allow-list entry set by `setPayee` (consulted only while `allowlistOnly` is on).
    function isPayeeAllowed(address agent, address payee) external view returns (bool);

    function paymentToken() external view returns (address);

    /// @notice The one channel contract `openChannel` funds, bound at construction.
    function paymentChannels() external view returns (address);
}
