package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A batch's answers: handed out once, a created record answers the next, nothing outlives the batch. */
class KnownRecordsTest {

    final KnownRecords known = new KnownRecords();
    final ObjectMapper json = new ObjectMapper();

    private static Map<KnownRecords.Key, KnownRecords.Answer> absent(String email) {
        return Map.of(KnownRecords.Key.of("Leads", Map.of("email", email)),
                new KnownRecords.Answer(Optional.empty(), Set.of("lastname")));
    }

    @Test
    void anAnswerIsHandedOutOnceComparedLikeVtigerAndGoneWithItsBatch() {
        KnownRecords.Batch batch = known.open(absent("Ana@Example.com"));

        Optional<KnownRecords.Taken> first = known.take("Leads", Map.of("email", "ana@example.com "), List.of());
        assertThat(first).as("case and trailing spaces as MariaDB compares").isPresent();
        assertThat(first.get().answer().row()).isEmpty();
        assertThat(known.take("Leads", Map.of("email", "ana@example.com"), List.of())).as("once").isEmpty();

        JsonNode created = json.createObjectNode().put("id", "10x7").put("email", "ana@example.com")
                .put("lastname", "Silva");
        known.created(first.get(), created);
        Optional<KnownRecords.Taken> next = known.take("Leads", Map.of("email", "ana@example.com"),
                List.of("lastname"));
        assertThat(next).isPresent();
        assertThat(next.get().answer().row()).contains(created);

        known.created(first.get(), created);
        batch.close();
        assertThat(known.take("Leads", Map.of("email", "ana@example.com"), List.of())).as("closed").isEmpty();
        known.created(first.get(), created);
        assertThat(known.take("Leads", Map.of("email", "ana@example.com"), List.of()))
                .as("a closed batch takes nothing new").isEmpty();
    }

    @Test
    void aFoundRowWithoutAColumnTheLookupComparesIsNoAnswer() {
        JsonNode row = json.createObjectNode().put("id", "10x8").put("email", "bo@example.com");
        known.open(Map.of(KnownRecords.Key.of("Leads", Map.of("email", "bo@example.com")),
                new KnownRecords.Answer(Optional.of(row), Set.of("email"))));

        assertThat(known.take("Leads", Map.of("email", "bo@example.com"), List.of("id", "email", "lastname")))
                .isEmpty();
        assertThat(known.take("Contacts", Map.of("email", "bo@example.com"), List.of())).isEmpty();
    }
}
