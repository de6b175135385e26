// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice License ids pack the terms id and the use: `termsId << 8 | use`, so a license id alone names both.
library LicenseIds {
    function encode(uint256 termsId_, uint8 use_) internal pure returns (uint256) {
        return termsId_ << 8 | use_;
    }

    function termsId(uint256 licenseId) internal pure returns (uint256) {
        return licenseId >> 8;
    }

    function use(uint256 licenseId) internal pure returns (uint8) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(licenseId); // the low byte is the use, by construction
    }
}
