package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connection check names an owner of new records that is no Vtiger user ({@code mvsync.vtiger.assigned-user-id}):
 * a stock 8.2.0 saves such a record and then answers an HTML error page (the conformance suite's
 * {@code anOwnerWhoIsNoUserIsSavedButAnsweredWithAnHtmlPage}), so every create would be a record the sync cannot
 * link, made again by each retry.
 */
@QuarkusTest
@TestProfile(OwnerCheckTest.NoUserOwns.class)
class OwnerCheckTest {

    public static class NoUserOwns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> all = new LinkedHashMap<>(new AdminFunctionTest.AdminProfile().getConfigOverrides());
            all.put("mvsync.vtiger.assigned-user-id", "19x99");
            return all;
        }
    }

    @Inject
    AdminFunctions admin;

    @Test
    void anOwnerThatIsNoUserNeedsAttention() {
        JsonNode check = FunctionEvents.body(admin.admin(
                FunctionEvents.admin("POST", "/admin/connection/check", null)));

        assertThat(check.at("/vtiger/ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.at("/vtiger/status").asText()).isEqualTo("attention");
        assertThat(check.at("/vtiger/message").asText()).contains("the owner of new records "
                + "(mvsync.vtiger.assigned-user-id 19x99) is no Vtiger user (users' ids start with 19x)")
                .contains("leave it unset for the sync user 19x1");
        assertThat(check.toString()).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY);
    }
}
