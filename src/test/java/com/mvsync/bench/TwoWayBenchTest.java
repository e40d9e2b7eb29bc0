package com.mvsync.bench;

import static com.mvsync.bench.BenchReport.met;
import static com.mvsync.bench.BenchReport.ms;

import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.functions.PollFunctions;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.store.SyncLedger;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.twoway.LinkedCustomers;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.testing.vtiger.RawVtiger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync's cost and delay (issue 21): Vtiger calls of one Vtiger poll of Contacts with N linked Contacts changed
 * since the cursor (each in its own second, and all in one second), counted at the Vtiger double; and a Vtiger edit
 * (a colleague's revise through the webservice) to its Magento write: the poll run and the drain run that follow,
 * timed with the double answering each call after {@code bench.vtiger.delay-ms}. The delay a user sees adds the wait
 * for the next poll (the schedule, 5 minutes: half of it on average) and for the next drain (every minute). Knobs:
 * {@code bench.twoway.changed} (default {@code 0,1,250}), {@code bench.twoway.edits} (20).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(TwoWayBenchTest.Profile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class TwoWayBenchTest {

    static final Duration DELAY = Duration.ofMillis(Long.getLong("bench.vtiger.delay-ms", 40));
    static final int EDITS = Integer.getInteger("bench.twoway.edits", 20);
    static final Duration POLL_PERIOD = Duration.ofMinutes(5); // template.yaml VtigerPollSchedule's default
    static final Duration DRAIN_PERIOD = Duration.ofMinutes(1); // the queueDrain schedule
    static final String KEY = "0a1b2c3d4e5f6789";

    /** The bench application on a table of its own (no other bench's queue in the drain's way). */
    public static class Profile extends BenchProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("mvsync.store.table", "twoway-bench");
            return config;
        }
    }

    record CallsRow(String spread, int changed, int calls, int expected, int queued, long nanos) {
    }

    @Inject
    PollFunctions poll;
    @Inject
    Drainer drainer;
    @Inject
    MappingStore mappings;
    @Inject
    SyncLedger ledger;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
    final FakeMagentoServer magento = FakeMagentoResource.server();
    long nextId = System.currentTimeMillis() % 100_000 * 10_000 + 80_000_000_000L;

    @Test
    void vtigerCallsPerPollAndDelayFromAVtigerEditToTheMagentoWrite() {
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        vtiger.setLatency(DELAY);
        try {
            contactsPoll(); // the cursor starts at Vtiger's latest
            List<CallsRow> rows = new ArrayList<>();
            int[] sizes = Arrays.stream(System.getProperty("bench.twoway.changed", "0,1,250").split(","))
                    .map(String::strip).mapToInt(Integer::parseInt).toArray();
            for (int n : sizes) {
                rows.add(calls(n, false));
            }
            int largest = Arrays.stream(sizes).max().orElse(0);
            if (largest > 1) {
                rows.add(calls(largest, true));
            }
            long[][] delay = delay();
            report(rows, delay[0], delay[1]);
        } finally {
            vtiger.setLatency(Duration.ZERO);
            vtiger.resumeClock();
            mappings.delete(RecordType.CONTACT, "phone");
        }
    }

    /**
     * One poll after N linked Contacts changed. First a marker (an unlinked Contact) 5 minutes on moves the cursor past
     * the previous row's changes, so the overlap re-reads only the cursor's own record, as after a quiet period.
     */
    private CallsRow calls(int changed, boolean sameSecond) {
        vtiger.advanceClock(Duration.ofMinutes(5));
        vtiger.seed("Contacts", Map.of("lastname", "Marker " + nextId++, "assigned_user_id", "19x1"));
        contactsPoll();
        vtiger.advanceClock(Duration.ofMinutes(5));
        Map<String, Long> customerOf = new HashMap<>();
        if (sameSecond) {
            vtiger.holdClock();
        }
        for (int i = 0; i < changed; i++) {
            long id = nextId++;
            customerOf.put(LinkedCustomers.make(magento, vtiger, id, "+49 30 " + id), id);
            if (!sameSecond) {
                vtiger.advanceClock(Duration.ofSeconds(1));
            }
        }
        vtiger.resumeClock();
        LinkedCustomers.link(ledger, customerOf);
        vtiger.resetCounts();
        long started = System.nanoTime();
        VtigerPollRun run = contactsPoll();
        long nanos = System.nanoTime() - started;
        int calls = vtiger.calls("query", "Contacts");
        if (calls != run.requests() || run.queued() != changed || vtiger.totalCalls() != calls) {
            throw new AssertionError("calls " + calls + " (of " + vtiger.totalCalls() + ") vs reported "
                    + run.requests() + ", queued " + run.queued() + " of " + changed);
        }
        drain(); // writes them to Magento, so the delay runs see an empty queue
        return new CallsRow(sameSecond ? "all in one second" : "each in its own second", changed, calls,
                Math.max(1, (changed + 99) / 100), run.queued(), nanos);
    }

    /** A colleague revises a linked Contact's phone; the next poll and drain write it to Magento (timed apart). */
    private long[][] delay() {
        vtiger.advanceClock(Duration.ofMinutes(5));
        long id = nextId++;
        String contact = LinkedCustomers.make(magento, vtiger, id, LinkedCustomers.MAGENTO_PHONE);
        LinkedCustomers.link(ledger, Map.of(contact, id));
        String user = "benchcolleague" + id;
        vtiger.addUser(user, KEY);
        RawVtiger.Session colleague = new RawVtiger(vtiger.endpoint()).session(user, KEY);
        contactsPoll();
        long[] polls = new long[EDITS];
        long[] drains = new long[EDITS];
        for (int i = 0; i < EDITS; i++) {
            vtiger.advanceClock(Duration.ofSeconds(2));
            String phone = "+49 30 555 " + (1000 + i);
            colleague.revise(Map.of("id", contact, "phone", phone));
            int writes = magento.writes().size();
            long started = System.nanoTime();
            VtigerPollRun run = contactsPoll();
            polls[i] = System.nanoTime() - started;
            started = System.nanoTime();
            drain();
            drains[i] = System.nanoTime() - started;
            if (run.queued() != 1 || magento.writes().size() != writes + 1
                    || !phone.equals(LinkedCustomers.telephone(magento, id))) {
                throw new AssertionError("edit " + i + ": queued " + run.queued() + ", Magento writes "
                        + (magento.writes().size() - writes));
            }
        }
        return new long[][] {polls, drains};
    }

    private void report(List<CallsRow> rows, long[] polls, long[] drains) {
        BenchReport report = new BenchReport("twoway", "Two-way sync: Vtiger calls per Vtiger poll, and a Vtiger "
                + "edit to its Magento write");
        List<List<String>> table = new ArrayList<>();
        for (CallsRow r : rows) {
            table.add(List.of(r.spread(), Integer.toString(r.changed()), Integer.toString(r.calls()),
                    Integer.toString(r.expected()), Integer.toString(r.queued()), ms(r.nanos())));
        }
        report.table(List.of("linked Contacts changed since the cursor", "N", "Vtiger calls", "target", "queued",
                "poll run time"), table);
        long[] both = new long[polls.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = polls[i] + drains[i];
        }
        report.table(List.of("a Vtiger edit to its Magento write (" + EDITS + " edits, Vtiger answering after "
                + DELAY.toMillis() + " ms)", "p50", "max"), List.of(
                List.of("the Vtiger poll run that finds it (1 Vtiger call)", ms(p50(polls)), ms(max(polls))),
                List.of("the drain run that writes it (Magento GET + PUT, no Vtiger call)", ms(p50(drains)),
                        ms(max(drains))),
                List.of("poll + drain", ms(p50(both)), ms(max(both)))));
        long avgWait = POLL_PERIOD.dividedBy(2).plus(DRAIN_PERIOD.dividedBy(2)).toMillis();
        long maxWait = POLL_PERIOD.plus(DRAIN_PERIOD).toMillis();
        report.note("Page size 100 (Vtiger's). Before each row a marker 5 minutes earlier moves the cursor, so only the "
                + "cursor's own record is read again from the 2-minute overlap; it takes the first page's first row. "
                + "Changes within one second page by offset (the keyset cannot move inside a second), and the re-read "
                + "record makes the 250 four pages. The run time is mostly moto's: one queue write per change. "
                + "End to end at the default schedules (Vtiger poll every "
                + POLL_PERIOD.toMinutes() + " min, drain every minute, immediate mode): the wait for the next poll "
                + "(on average half the period, at most all of it) plus the wait for the next drain (on average "
                + "30 s, at most 60 s) plus the runs above: about " + (avgWait + p50(both) / 1_000_000) / 1000
                + " s on average, at most " + (maxWait + max(both) / 1_000_000) / 1000 + " s. In cron mode the "
                + "drain waits for the type's period instead of the minute.");
        for (CallsRow r : rows) {
            report.summary("Vtiger calls per Vtiger poll, " + r.changed() + " linked Contacts changed ("
                    + r.spread() + ")", Integer.toString(r.calls()), r.expected() + (r.changed() > 1 ? " (+1 when "
                    + "a page is one second)" : ""), met(r.calls() <= r.expected() + 1));
        }
        report.summary("Vtiger edit → Magento write at the default schedules (poll + drain runs, p50, plus the "
                + "waits for the 5-minute poll and the 1-minute drain)", ms(p50(both)) + " + ~" + avgWait / 1000
                + " s on average (at most " + maxWait / 1000 + " s)", "≤ poll period + drain period", "yes");
        report.write();
    }

    private VtigerPollRun contactsPoll() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }

    private void drain() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(50), 4, Set.of(EntityType.CUSTOMER),
                Instant.now().plusSeconds(120)));
    }

    private static long p50(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
