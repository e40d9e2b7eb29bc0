package com.mvsync.vtiger;

import java.util.Optional;

/**
 * The Vtiger connection to use right now, or empty when none is complete; asked before every call, so it must answer
 * cheaply (cached). May throw when the settings cannot be read; the client reports that as a retryable failure.
 */
@FunctionalInterface
public interface VtigerConnectionSource {

    Optional<VtigerConnection> vtigerConnection();
}
