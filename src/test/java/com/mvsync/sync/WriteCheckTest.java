package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.vtiger.Alteration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteCheckTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void vtigersFormattingIsNotADifference() {
        assertThat(WriteCheck.same("89", "89.00000000")).isTrue();
        assertThat(WriteCheck.same("1", "on")).isTrue();
        assertThat(WriteCheck.same("0", "")).isTrue();
        assertThat(WriteCheck.same("Keller ", "Keller")).isTrue();
        assertThat(WriteCheck.same("Web Site", "Website")).isFalse();
        assertThat(WriteCheck.same("1", "2")).isFalse();
    }

    @Test
    void aValueVtigerStoredOtherwiseIsNotedWithoutTheValue() {
        ObjectNode stored = json.createObjectNode().put("id", "12x5").put("mailingstreet", "x".repeat(200))
                .put("leadsource", "").put("lastname", "Keller").put("assigned_user_id", "19x1");
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("mailingstreet", "x".repeat(240));
        sent.put("leadsource", "Web Site");
        sent.put("lastname", "Keller");
        sent.put("assigned_user_id", "19x5");
        sent.put("cf_not_in_answer", "v");

        assertThat(WriteCheck.differences("Contacts", sent, stored)).extracting(Alteration::note).containsExactly(
                "Contacts.mailingstreet stored by Vtiger differently from what was sent (240 characters sent, 200"
                        + " stored): a customised field or picklist?",
                "Contacts.leadsource stored by Vtiger differently from what was sent (8 characters sent, 0 stored):"
                        + " a customised field or picklist?");
    }
}
