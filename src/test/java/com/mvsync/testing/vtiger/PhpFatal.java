package com.mvsync.testing.vtiger;

/** A PHP 8 fatal error of Vtiger 8.2.0: answered as HTTP 500 with an empty body. */
final class PhpFatal extends RuntimeException {
    PhpFatal(String why) {
        super(why, null, false, false);
    }
}
