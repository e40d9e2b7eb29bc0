package com.mvsync.telemetry;

import com.mvsync.timing.DependencyTimer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.EntityType;
import com.mvsync.store.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {

    final ObjectMapper json = new ObjectMapper();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final SyncMetrics metrics = new SyncMetrics(json, true, new PrintStream(out, true, StandardCharsets.UTF_8));

    private JsonNode line() throws Exception {
        return json.readTree(out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void anEventIsOneEmbeddedMetricFormatLine() throws Exception {
        DependencyTimer.reset();
        DependencyTimer.record(DependencyTimer.Dependency.VTIGER, 40_000_000);
        DependencyTimer.record(DependencyTimer.Dependency.VTIGER, 10_000_000);
        DependencyTimer.record(DependencyTimer.Dependency.DYNAMODB, 3_000_000);

        metrics.event(EntityType.CUSTOMER, SyncMetrics.Direction.MAGENTO_TO_VTIGER, Outcome.SYNCED, 75,
                DependencyTimer.totals());

        JsonNode line = line();
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("MagentoVtigerSync");
        assertThat(directive.path("Dimensions").toString()).as("per type and direction, per type, per direction, "
                + "and across all (what the alarms watch)")
                .isEqualTo("[[\"EntityType\",\"Direction\"],[\"EntityType\"],[\"Direction\"],[]]");
        assertThat(line.path("EntityType").asText()).isEqualTo("customer");
        assertThat(line.path("Direction").asText()).isEqualTo("MagentoToVtiger");
        assertThat(line.path("Synced").asDouble()).isEqualTo(1);
        assertThat(line.path("VtigerCalls").asDouble()).isEqualTo(2);
        assertThat(line.path("VtigerLatency").asDouble()).isEqualTo(50);
        assertThat(line.path("StoreCalls").asDouble()).isEqualTo(1);
        assertThat(directive.path("Metrics").findValuesAsText("Name"))
                .containsExactly("Synced", "Duration", "VtigerCalls", "VtigerLatency", "StoreCalls");
        assertThat(line.path("_aws").path("Timestamp").asLong()).isPositive();
    }

    @Test
    void aWriteBackToMagentoCountsInTheOtherDirection() throws Exception {
        DependencyTimer.reset();
        metrics.event(EntityType.PRODUCT, SyncMetrics.Direction.VTIGER_TO_MAGENTO, Outcome.DEAD, 12,
                DependencyTimer.totals());

        JsonNode line = line();
        assertThat(line.path("Direction").asText()).isEqualTo("VtigerToMagento");
        assertThat(line.path("EntityType").asText()).isEqualTo("product");
        assertThat(line.path("DeadLettered").asDouble()).isEqualTo(1);
        assertThat(line.path("VtigerCalls").asDouble()).isZero();
    }

    @Test
    void aVtigerPollIsCountedPerModule() throws Exception {
        metrics.vtigerPoll("Contacts", 11, 1000, 998);

        JsonNode line = line();
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Module\"],[]]");
        assertThat(directive.path("Metrics").findValuesAsText("Name"))
                .containsExactly("VtigerPollCalls", "VtigerPollChanges", "VtigerPollQueued");
        assertThat(directive.path("Metrics").findValuesAsText("Unit")).containsOnly("Count");
        assertThat(line.path("Module").asText()).isEqualTo("Contacts");
        assertThat(line.path("VtigerPollCalls").asDouble()).isEqualTo(11);
        assertThat(line.path("VtigerPollChanges").asDouble()).isEqualTo(1000);
        assertThat(line.path("VtigerPollQueued").asDouble()).isEqualTo(998);
    }

    @Test
    void theQueueDepthHasOnlyTheSetAcrossAll() throws Exception {
        metrics.queueDepth(4, 1);
        assertThat(line().path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString())
                .isEqualTo("[[]]");
    }

    @Test
    void outcomesBecomeAlarmableCounts() {
        assertThat(Outcome.FAILED.metric()).isEqualTo("Failed");
        assertThat(Outcome.DEAD.metric()).isEqualTo("DeadLettered");
        assertThat(Outcome.QUEUED.metric()).isEqualTo("Queued");
        assertThat(Outcome.REJECTED.metric()).isEqualTo("Rejected");
    }

    @Test
    void nothingIsWrittenWhenDisabled() {
        new SyncMetrics(json, false, new PrintStream(out)).queueDepth(3, 1);
        assertThat(out.size()).isZero();
    }

    @Test
    void timersAreKeptPerThread() throws Exception {
        DependencyTimer.reset();
        DependencyTimer.record(DependencyTimer.Dependency.VTIGER, 5);
        Thread other = new Thread(() -> DependencyTimer.record(DependencyTimer.Dependency.VTIGER, 7));
        other.start();
        other.join();
        assertThat(DependencyTimer.totals().calls(DependencyTimer.Dependency.VTIGER)).isEqualTo(1);
        DependencyTimer.reset();
        assertThat(DependencyTimer.totals().totalNanos()).isZero();
    }
}
