// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IIPAssetRegistry} from "../interfaces/IIPAssetRegistry.sol";
import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";
import {IRevenueVault} from "../interfaces/IRevenueVault.sol";

/// @title Rightflow payment channels
/// @notice See {IPaymentChannels}. Ownerless and immutable.
/// @dev `claim` and `closeWithVoucher` funnel into `_claim`, so the voucher rules live in one place. A batched claim
///      does all checks and effects first, then credits royalty vaults, then pays the payee once for the whole
///      batch. Royalties are computed on the cumulative amount (floor(claimed * bps / 10,000) in total, however the
///      claims were split), so many small claims never round a rights holder's share away.
///      Fee-on-transfer tokens are not supported: the payment token is a stablecoin.
contract PaymentChannels is IPaymentChannels, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 channelId,uint256 cumulativeAmount)");
    uint256 private constant BPS = 10_000;

    IIPAssetRegistry private immutable _assets;
    IERC20 private immutable _token;
    uint64 private immutable _challengePeriod;

    /// @dev A channel as stored: `claim` reads the first three slots and writes the second. A channel exists when
    ///      `payee` is set (`open` refuses the zero payee).
    struct Stored {
        address payee;
        uint64 closeRequestedAt;
        uint16 royaltyBps;
        bool closed;
        uint128 deposit;
        uint128 claimed;
        address voucherSigner;
        address payer;
        uint256 royaltyAsset;
    }

    mapping(bytes32 channelId => Stored) private _channels;

    constructor(IIPAssetRegistry assets, IERC20 token, uint64 challengePeriod_) EIP712("Rightflow Channels", "1") {
        _assets = assets;
        _token = token;
        _challengePeriod = challengePeriod_;
    }

    /// @inheritdoc IPaymentChannels
    function open(
        address payee,
        address voucherSigner,
        uint256 deposit,
        uint256 royaltyAsset,
        uint16 royaltyBps,
        bytes32 salt
    ) external nonReentrant returns (bytes32 channelId) {
        if (payee == address(0) || voucherSigner == address(0)) revert ZeroAddress();
        if (deposit == 0) revert ZeroAmount();
        if (deposit > type(uint128).max) revert DepositTooLarge(deposit);
        bool named = royaltyAsset != 0 || royaltyBps != 0;
        if (royaltyBps > BPS || (named && !_assets.assetExists(royaltyAsset))) {
            revert InvalidRoyalty(royaltyAsset, royaltyBps);
        }
        channelId = channelIdOf(msg.sender, payee, voucherSigner, salt);
        Stored storage ch = _channels[channelId];
        if (ch.payee != address(0)) revert ChannelExists(channelId);
        ch.payee = payee;
        ch.royaltyBps = royaltyBps;
        // forge-lint: disable-next-line(unsafe-typecast)
        ch.deposit = uint128(deposit); // checked above
        ch.voucherSigner = voucherSigner;
        ch.payer = msg.sender;
        if (royaltyAsset != 0) ch.royaltyAsset = royaltyAsset;
        emit ChannelOpened(channelId, msg.sender, payee, voucherSigner, deposit, royaltyAsset, royaltyBps);
        _token.safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @inheritdoc IPaymentChannels
    function topUp(bytes32 channelId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Stored storage ch = _channels[channelId];
        if (ch.payee == address(0)) revert UnknownChannel(channelId);
        if (ch.closed) revert ChannelClosed(channelId);
        uint256 deposit = ch.deposit;
        if (amount > type(uint128).max - deposit) {
            revert DepositTooLarge(amount > type(uint128).max ? amount : deposit + amount);
        }
        deposit += amount;
        // forge-lint: disable-next-line(unsafe-typecast)
        ch.deposit = uint128(deposit); // checked above
        if (msg.sender == ch.payer) ch.closeRequestedAt = 0;
        emit ChannelToppedUp(channelId, amount, deposit);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IPaymentChannels
    function claim(Claim[] calldata claims) external nonReentrant returns (uint256 total) {
        uint256 count = claims.length;
        uint256 toPayee;
        // Royalties of consecutive claims on the same asset are merged, so each vault is paid and synced once.
        uint256[] memory assetIds;
        uint256[] memory royalties;
        uint256 credits;
        for (uint256 i; i < count; ++i) {
            Claim calldata c = claims[i];
            (uint256 amount, uint256 royalty, uint256 assetId) =
                _claim(c.channelId, c.cumulativeAmount, c.claimTotal, c.signature);
            total += amount;
            toPayee += amount - royalty;
            if (royalty == 0) continue;
            if (credits != 0 && assetIds[credits - 1] == assetId) {
                royalties[credits - 1] += royalty;
                continue;
            }
            if (credits == 0) (assetIds, royalties) = (new uint256[](count - i), new uint256[](count - i));
            (assetIds[credits], royalties[credits]) = (assetId, royalty);
            ++credits;
        }
        for (uint256 i; i < credits; ++i) {
            _creditRoyalty(assetIds[i], royalties[i]);
        }
        if (toPayee != 0) _token.safeTransfer(msg.sender, toPayee);
    }

    /// @inheritdoc IPaymentChannels
    function closeWithVoucher(bytes32 channelId, uint256 cumulativeAmount, uint256 claimTotal, bytes calldata signature)
        external
        nonReentrant
    {
        (uint256 amount, uint256 royalty, uint256 assetId) = _claim(channelId, cumulativeAmount, claimTotal, signature);
        (address payer, uint256 refund) = _close(channelId);
        if (royalty != 0) _creditRoyalty(assetId, royalty);
        if (amount != royalty) _token.safeTransfer(msg.sender, amount - royalty);
        if (refund != 0) _token.safeTransfer(payer, refund);
    }

    /// @inheritdoc IPaymentChannels
    function requestClose(bytes32 channelId) external {
        Stored storage ch = _channels[channelId];
        if (ch.payee == address(0)) revert UnknownChannel(channelId);
        if (msg.sender != ch.payer) revert NotPayer(channelId, msg.sender);
        if (ch.closed) revert ChannelClosed(channelId);
        uint64 requestedAt = ch.closeRequestedAt;
        if (requestedAt == 0) {
            requestedAt = uint64(block.timestamp);
            ch.closeRequestedAt = requestedAt;
        }
        emit CloseRequested(channelId, requestedAt + _challengePeriod);
    }

    /// @inheritdoc IPaymentChannels
    function withdraw(bytes32 channelId) external nonReentrant {
        Stored storage ch = _channels[channelId];
        if (ch.payee == address(0)) revert UnknownChannel(channelId);
        if (ch.closed) revert ChannelClosed(channelId);
        uint64 requestedAt = ch.closeRequestedAt;
        if (requestedAt == 0) revert CloseNotRequested(channelId);
        uint64 endsAt = requestedAt + _challengePeriod;
        if (block.timestamp < endsAt) revert ChallengePeriodActive(channelId, endsAt);
        (address payer, uint256 refund) = _close(channelId);
        if (refund != 0) _token.safeTransfer(payer, refund);
    }

    /// @inheritdoc IPaymentChannels
    function channelOf(bytes32 channelId) external view returns (Channel memory) {
        Stored storage ch = _channels[channelId];
        if (ch.payee == address(0)) revert UnknownChannel(channelId);
        return Channel({
            payer: ch.payer,
            payee: ch.payee,
            voucherSigner: ch.voucherSigner,
            deposit: ch.deposit,
            claimed: ch.claimed,
            closeRequestedAt: ch.closeRequestedAt,
            royaltyBps: ch.royaltyBps,
            closed: ch.closed,
            royaltyAsset: ch.royaltyAsset
        });
    }

    /// @inheritdoc IPaymentChannels
    function channelIdOf(address payer, address payee, address voucherSigner, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(payer, payee, voucherSigner, salt));
    }

    /// @inheritdoc IPaymentChannels
    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, cumulativeAmount)));
    }

    /// @inheritdoc IPaymentChannels
    function challengePeriod() external view returns (uint64) {
        return _challengePeriod;
    }

    /// @inheritdoc IPaymentChannels
    function paymentToken() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IPaymentChannels
    function assetRegistry() external view returns (address) {
        return address(_assets);
    }

    /// @dev Checks and books one claim of the caller's; moves no tokens. A `claimTotal` at or below what was claimed
    ///      pays nothing and is not checked further: it cannot move money, so replays cost the payee gas only.
    ///      Otherwise claimed <= claimTotal <= cumulativeAmount <= deposit, under the signer's voucher.
    /// @return amount Newly claimed.
    /// @return royalty The part of `amount` owed to the royalty asset's vault.
    /// @return assetId The royalty asset (zero when `royalty` is).
    function _claim(bytes32 channelId, uint256 cumulativeAmount, uint256 claimTotal, bytes calldata signature)
        private
        returns (uint256 amount, uint256 royalty, uint256 assetId)
    {
        Stored storage ch = _channels[channelId];
        address payee = ch.payee;
        if (payee == address(0)) revert UnknownChannel(channelId);
        if (payee != msg.sender) revert NotPayee(channelId, msg.sender);
        if (ch.closed) revert ChannelClosed(channelId);
        uint256 claimed = ch.claimed;
        if (claimTotal <= claimed) return (0, 0, 0);
        if (claimTotal > cumulativeAmount) revert ClaimAboveVoucher(channelId, claimTotal, cumulativeAmount);
        uint256 deposit = ch.deposit;
        if (cumulativeAmount > deposit) revert VoucherAboveDeposit(channelId, cumulativeAmount, deposit);
        if (!_isValidVoucher(ch.voucherSigner, channelId, cumulativeAmount, signature)) {
            revert InvalidVoucher(channelId);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        ch.claimed = uint128(claimTotal); // at most the deposit, a uint128
        amount = claimTotal - claimed;
        uint256 bps = ch.royaltyBps;
        if (bps != 0) {
            royalty = claimTotal * bps / BPS - claimed * bps / BPS;
            assetId = ch.royaltyAsset;
        }
        emit ChannelClaimed(channelId, claimTotal, amount, royalty);
    }

    /// @dev Marks the channel closed and reports what the payer gets back; moves no tokens.
    function _close(bytes32 channelId) private returns (address payer, uint256 refund) {
        Stored storage ch = _channels[channelId];
        ch.closed = true;
        uint256 claimed = ch.claimed;
        refund = ch.deposit - claimed;
        payer = ch.payer;
        emit ChannelClosedOut(channelId, claimed - claimed * ch.royaltyBps / BPS, refund);
    }

    /// @dev ECDSA first: it needs no account access, where checking the signer for code would cost a cold
    ///      EXTCODESIZE per voucher. Contract signers (ERC-1271) are asked only when recovery does not match.
    function _isValidVoucher(address signer, bytes32 channelId, uint256 cumulativeAmount, bytes calldata signature)
        private
        view
        returns (bool)
    {
        bytes32 digest = voucherDigest(channelId, cumulativeAmount);
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return signer.code.length != 0 && SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    /// @dev The vault of an existing asset never changes; `sync` accounts for the payment at once.
    function _creditRoyalty(uint256 assetId, uint256 amount) private {
        IRevenueVault vault = _assets.assetOf(assetId).vault;
        _token.safeTransfer(address(vault), amount);
        vault.sync();
    }
}
