package com.mvsync.telemetry;

import com.mvsync.timing.DependencyTimer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.store.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Metrics in CloudWatch's embedded metric format: one JSON line on stdout per event, which CloudWatch Logs turns into
 * metrics a user can alarm on (no agent, no API call, no extra latency). Namespace {@code MagentoVtigerSync},
 * dimensions {@code EntityType} and, for events, {@code Direction}.
 */
@ApplicationScoped
public class SyncMetrics {

    public static final String NAMESPACE = "MagentoVtigerSync";

    /** Which way an event's values went (two-way sync): its metric dimension {@code Direction}. */
    public enum Direction {
        /** A Magento event (webhook, poll, backfill) synced to Vtiger. */
        MAGENTO_TO_VTIGER("MagentoToVtiger"),
        /** A change the Vtiger poll found, written back to Magento. */
        VTIGER_TO_MAGENTO("VtigerToMagento");

        private final String dimension;

        Direction(String dimension) {
            this.dimension = dimension;
        }

        public String dimension() {
            return dimension;
        }
    }

    private final ObjectMapper json;
    private final boolean enabled;
    private final PrintStream out;

    @Inject
    public SyncMetrics(ObjectMapper json, @ConfigProperty(name = "mvsync.metrics.enabled", defaultValue = "true")
            boolean enabled) {
        this(json, enabled, System.out);
    }

    SyncMetrics(ObjectMapper json, boolean enabled, PrintStream out) {
        this.json = json;
        this.enabled = enabled;
        this.out = out;
    }

    /**
     * One webhook or queued event handled: its outcome as a count, and the time spent per dependency; per entity type
     * and direction, per entity type, per direction and overall (the set the template's alarms watch).
     */
    public void event(EntityType entityType, Direction direction, Outcome outcome, long durationMillis,
            DependencyTimer.Totals totals) {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put(outcome.metric(), 1);
        values.put("Duration", durationMillis);
        values.put("VtigerCalls", totals.calls(DependencyTimer.Dependency.VTIGER));
        values.put("VtigerLatency", totals.nanos(DependencyTimer.Dependency.VTIGER) / 1_000_000);
        values.put("StoreCalls", totals.calls(DependencyTimer.Dependency.DYNAMODB));
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("EntityType", entityType.label());
        dimensions.put("Direction", direction.dimension());
        emit(dimensions, List.of(List.of("EntityType", "Direction"), List.of("EntityType"), List.of("Direction"),
                List.of()), values);
    }

    /**
     * A value the sync cut or substituted so that Vtiger can store it, or that Vtiger stored otherwise than sent:
     * per Vtiger module and kind (Cut, Substituted, ChangedByVtiger), so an alarm can watch customised CRMs.
     */
    public void altered(String module, String kind) {
        emit(Map.of("Module", module, "Alteration", kind), Map.of("ValuesAltered", 1));
    }

    /** Queue depth per status, reported by the drain. */
    public void queueDepth(long pending, long dead) {
        emit(Map.of(), Map.of("QueueDepth", pending, "DeadLetters", dead));
    }

    /** One poll of one entity type: the Magento requests it made (its cost) and the changed entities it queued. */
    public void poll(EntityType entityType, int magentoRequests, int changesQueued) {
        emit(Map.of("EntityType", entityType.label()), Map.of("PollRequests", magentoRequests,
                "PollChanges", changesQueued));
    }

    /**
     * One Vtiger poll of one module (two-way sync): its Vtiger calls (its cost, inside the shared budget), the changed
     * records it read and how many of them it queued (those linked to a Magento entity).
     */
    public void vtigerPoll(String module, int vtigerCalls, int changes, int queued) {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put("VtigerPollCalls", vtigerCalls);
        values.put("VtigerPollChanges", changes);
        values.put("VtigerPollQueued", queued);
        emit(Map.of("Module", module), values);
    }

    /** Per the dimensions given, and (an empty set) across all, which is what the template's alarms watch. */
    void emit(Map<String, String> dimensions, Map<String, Number> values) {
        emit(dimensions, dimensions.isEmpty() ? List.of(List.of())
                : List.of(List.copyOf(dimensions.keySet()), List.of()), values);
    }

    void emit(Map<String, String> dimensions, List<List<String>> dimensionSets, Map<String, Number> values) {
        if (!enabled) {
            return;
        }
        ObjectNode line = json.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode sets = directive.putArray("Dimensions");
        for (List<String> set : dimensionSets) {
            ArrayNode names = sets.addArray();
            set.forEach(names::add);
        }
        ArrayNode metrics = directive.putArray("Metrics");
        values.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", unit(name));
            line.put(name, value.doubleValue());
        });
        dimensions.forEach(line::put);
        out.println(line);
    }

    private static String unit(String metric) {
        return metric.equals("Duration") || metric.endsWith("Latency") ? "Milliseconds" : "Count";
    }
}
