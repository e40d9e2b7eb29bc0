package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddedLinesTest {

    static final String REFUND = "Refund 24.5 USD on 2024-06-05 09:12:40 (credit memo 000000011)";

    @Test
    void aLineGoesAfterWhatThePersonWrote() {
        assertThat(AddedLines.appended("Call before delivery.\n", REFUND))
                .isEqualTo("Call before delivery.\n" + REFUND);
        assertThat(AddedLines.appended("", REFUND)).isEqualTo(REFUND);
        assertThat(AddedLines.appended(null, REFUND)).isEqualTo(REFUND);
    }

    @Test
    void aLineAlreadyThereIsNotAddedAgain() {
        // A retry after Vtiger took the revise but before the link recorded the credit memo writes the same line.
        String once = AddedLines.appended("Call before delivery.", REFUND);
        assertThat(AddedLines.appended(once, REFUND)).isEqualTo(once);
        assertThat(AddedLines.appended(once + "\n", "  " + REFUND)).isEqualTo(once + "\n");
    }

    @Test
    void aSecondRefundIsItsOwnLine() {
        String second = REFUND.replace("000000011", "000000012");
        String both = AddedLines.appended(AddedLines.appended("", REFUND), second);
        assertThat(both.lines()).containsExactly(REFUND, second);
        assertThat(AddedLines.appended("x " + REFUND, REFUND)).as("only a whole line counts").endsWith("\n" + REFUND);
    }
}
