package com.mvsync.vtiger;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.store.EntityLink;
import com.mvsync.sync.SyncFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VtigerExceptionTest {

    @ParameterizedTest
    @ValueSource(strings = { "HTTP_ERROR", "TIMEOUT", "CONNECTION_FAILED", "RATE_LIMITED", "INVALID_SESSIONID",
            "NOT_CONFIGURED", "SETTINGS_UNAVAILABLE" })
    void transientFailuresAreRetryable(String code) {
        assertThat(new VtigerException(code, "x", "create", 0).retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "MANDATORY_FIELDS_MISSING", "ACCESS_DENIED", "REFERENCE_INVALID",
            "INVALID_USER_CREDENTIALS", "INTERNAL_SERVER_ERROR" })
    void failuresOnlyAPersonCanFixAreNot(String code) {
        assertThat(new VtigerException(code, "x", "create", 200).retryable()).isFalse();
    }

    @Test
    void aSyncFailureNamesTheOperationModuleCodeAndVtigersMessageOnce() {
        VtigerException cause = new VtigerException("MANDATORY_FIELDS_MISSING", "lastname does not have a value",
                "create", 200);
        SyncFailedException failure = new SyncFailedException("Contacts", EntityLink.empty("customer#1"), cause);
        assertThat(failure.getMessage()).isEqualTo(
                "Vtiger create of Contacts failed: MANDATORY_FIELDS_MISSING: lastname does not have a value");
        assertThat(cause.detail()).isEqualTo("lastname does not have a value");
    }
}
