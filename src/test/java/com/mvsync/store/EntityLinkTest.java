package com.mvsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mark of a record held by one entity alone (a customer's personal Organization), and its release. */
class EntityLinkTest {

    private static EntityLink linked(String accountId) {
        return new EntityLink("customer#42", Map.of("Accounts", accountId, "Contacts", "12x5"),
                Map.of("Accounts", Map.of("accountname", "Maria Keller")));
    }

    @Test
    void aMarkedRecordIsHeldAloneWhileTheLinkStillLinksIt() {
        EntityLink marked = linked("11x7").holdingAlone("Accounts", true);
        assertThat(marked.heldAlone()).containsExactly(Map.entry("Accounts", "11x7"));
        assertThat(marked.released()).isEmpty();
        assertThat(marked.holdingAlone("Accounts", true)).as("marking again changes nothing").isSameAs(marked);

        EntityLink relinked = new EntityLink(marked.entityKey(), Map.of("Accounts", "11x9"), marked.lastWritten());
        assertThat(relinked.heldAlone()).as("the mark names a record no longer linked").isEmpty();
    }

    @Test
    void anUnmarkedOrReplacedRecordIsReleasedOnceByTheNextLinkOnly() {
        EntityLink marked = linked("11x7").holdingAlone("Accounts", true);

        EntityLink shared = marked.holdingAlone("Accounts", false);
        assertThat(shared.heldAlone()).isEmpty();
        assertThat(shared.released()).containsExactly("11x7");
        assertThat(shared.holdingAlone("Accounts", false).released()).as("let go of by the commit before").isEmpty();

        EntityLink replaced = new EntityLink(marked.entityKey(), Map.of("Accounts", "11x9"), marked.lastWritten())
                .holdingAlone("Accounts", true);
        assertThat(replaced.heldAlone()).containsExactly(Map.entry("Accounts", "11x9"));
        assertThat(replaced.released()).containsExactly("11x7");

        assertThat(linked("11x7").holdingAlone("Accounts", false)).as("never marked: nothing to release")
                .isEqualTo(linked("11x7"));
    }
}
