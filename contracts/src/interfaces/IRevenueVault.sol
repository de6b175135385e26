// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Revenue vault and revenue-share token of one IP asset
/// @notice Every IP asset has one vault. The vault is also an ERC-20 whose fixed supply of shares (first held by
///         the asset's creator, transferable in any fraction) entitles each holder to revenue pro rata.
///         Revenue is any payment token that reaches the vault: license fees and royalties paid through the
///         asset registry, payments sent straight to the vault (an EIP-3009 transfer, say) and shares passed up
///         by derivatives. `sync` accounts for whatever arrived.
///
///         Paying and claiming cost O(1) gas whatever the number of holders (cumulative reward per share): the
///         vault keeps one running total of revenue per share, and each holder a checkpoint of it. A share
///         transfer first accounts for revenue that arrived unsynced (`sync`), then settles what each side had
///         accrued, so revenue follows the shares held when it arrived: buying or flash-borrowing shares after a
///         payment reached the vault earns none of it. Shares cannot move while the vault is paying out (from a
///         payment token's callback): `ReentrancyGuardReentrantCall`.
///
///         A derivative's vault owes its parents a fixed part of its revenue (basis points agreed when the
///         derivative licensed them). That part is set aside on `sync` as `pendingAncestors` and paid to the
///         direct parents by `payAncestors`, which `collect` and `pay` run at once. Each parent is paid exactly
///         its own bps of all revenue received so far, rounded down, whatever the order of the parents and the
///         size of the payments; `pendingAncestors` may hold less than one unit per parent more, for the next
///         payout. A parent that receives it only syncs, setting aside its own ancestors' part: deeper ancestors
///         are paid by pull, so the gas of a payment grows with the number of direct parents, never with the
///         depth of the graph.
/// @dev Conservation, for every vault at every moment after `sync`:
///         paymentToken.balanceOf(vault) == accounted()
///         accounted() == sum of every holder's claimable + pendingAncestors() + dust
///      where dust is the sub-unit remainder of pro-rata division, less than one token unit per holder plus
///      one. Rounding always favours the vault: no one can claim more than was paid in.
interface IRevenueVault is IERC20 {
    /// @notice A parent link of a derivative's vault.
    /// @param vault The parent asset's vault.
    /// @param bps Part of this vault's revenue owed to that parent, in basis points.
    struct Parent {
        address vault;
        uint16 bps;
    }

    /// @notice The parents' shares add up to more than the whole revenue.
    error RevenueShareTooHigh(uint256 totalBps);
    /// @notice `account` has nothing to claim.
    error NothingToClaim(address account);
    /// @notice Shares sent to the vault itself would earn revenue that nobody could ever claim.
    error SharesToVault();
    /// @notice A payment of zero.
    error ZeroAmount();

    /// @notice New revenue was accounted for.
    /// @param amount Everything that arrived since the last sync.
    /// @param toHolders The part distributed to share holders.
    /// @param toAncestors The part set aside for the parents.
    event RevenueReceived(uint256 amount, uint256 toHolders, uint256 toAncestors);
    /// @notice `account` claimed `amount` of the payment token, sent to `to`.
    event Claimed(address indexed account, address indexed to, uint256 amount);
    /// @notice `amount` set aside for the parents was paid to their vaults.
    event AncestorsPaid(uint256 amount);
    /// @notice The payment token refused a transfer of `amount` to the parent vault `parent` (the token's issuer
    ///         blacklisted it, say): the amount stays set aside for that parent and is offered again at the next
    ///         payout, while the other parents are paid and this vault keeps selling.
    event AncestorPaymentDeferred(address indexed parent, uint256 amount);

    /// @notice Set up a fresh clone. Called once by the asset registry, in the transaction that creates it.
    /// @param assetId The IP asset this vault belongs to.
    /// @param token The payment token (a stablecoin) in which all revenue is counted.
    /// @param holder Receives the whole supply of shares.
    /// @param parents The parent vaults and their shares; their bps add up to at most 10,000.
    function initialize(uint256 assetId, IERC20 token, address holder, Parent[] calldata parents) external;

    /// @notice Account for revenue that arrived since the last sync: the parents' part is set aside, the rest
    ///         is distributed to holders. Permissionless; does not pay the parents (see `collect`).
    /// @return received The amount that arrived.
    function sync() external returns (uint256 received);

    /// @notice `sync`, then pay the direct parents what is set aside for them.
    /// @return received The amount that arrived since the last sync.
    function collect() external returns (uint256 received);

    /// @notice Pay `amount` of the payment token into the vault from the caller (needs an allowance), then
    ///         `collect`.
    function pay(uint256 amount) external;

    /// @notice Pay each direct parent what it is owed: its bps of all revenue received so far, rounded down, less
    ///         what it was paid before. Each parent vault paid syncs. What is left in `pendingAncestors` (less
    ///         than one unit per parent, plus the part of any parent whose transfer the token refused:
    ///         `AncestorPaymentDeferred`) waits for the next payout. Permissionless: anyone may push revenue up
    ///         the graph one level.
    /// @return paid The amount paid out (transfers the token refused are not counted).
    function payAncestors() external returns (uint256 paid);

    /// @notice Account for revenue that arrived (`sync`), then send the caller's claimable revenue to `to`.
    ///         Reverts NothingToClaim when there is none.
    /// @return amount The amount sent.
    function claim(address to) external returns (uint256 amount);

    /// @notice What `account` could claim now (revenue not yet synced is not included).
    function claimable(address account) external view returns (uint256);

    /// @notice Revenue set aside for the parents and not yet paid to them.
    function pendingAncestors() external view returns (uint256);

    /// @notice The payment token balance the vault has accounted for.
    function accounted() external view returns (uint256);

    /// @notice Everything the vault has ever received, and everything claimed from it.
    function totals() external view returns (uint256 received, uint256 claimed, uint256 paidToAncestors);

    /// @notice The IP asset this vault belongs to.
    function assetId() external view returns (uint256);

    /// @notice The payment token.
    function paymentToken() external view returns (IERC20);

    /// @notice The registry that created the vault.
    function registry() external view returns (address);

    /// @notice The direct parents and their shares.
    function parents() external view returns (Parent[] memory);
}
