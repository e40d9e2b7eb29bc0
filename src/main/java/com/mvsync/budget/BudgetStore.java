package com.mvsync.budget;

import static com.mvsync.store.Attributes.n;
import static com.mvsync.store.Attributes.num;
import static com.mvsync.store.Attributes.s;
import static com.mvsync.store.Attributes.str;

import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The shared call budget in the sync table ({@link SyncTable}), one item per window, all {@code sk = BUDGET}:
 * <ul>
 * <li>{@code BUDGET#M#<slice index>}: calls reserved in one slice of the short window (index = epoch ms / slice
 * length; the epoch minute with one slice a minute), {@code used}, expiring a day after it;</li>
 * <li>{@code BUDGET#D#<yyyy-MM-dd>}: calls reserved in one UTC day, expiring two days after;</li>
 * <li>{@code BUDGET#PAUSE}: {@code until} (epoch ms) after Vtiger answered 429, and why; only ever extended.</li>
 * <li>{@code CONNECTION#PAUSE}: a failure of the connection ({@link ConnectionPause}): {@code system}, {@code reason},
 * {@code since} and {@code checkedAt} (epoch ms), {@code module}; deleted when a check succeeds, never expiring.</li>
 * </ul>
 * A reservation is one TransactWriteItems: the pause is not running (ConditionCheck), and {@code ADD used :n} on each
 * limited window under {@code used <= limit - n}, so containers together never reserve more than a limit.
 */
@ApplicationScoped
public class BudgetStore {

    static final String SK = "BUDGET";
    static final String PAUSE_PK = "BUDGET#PAUSE";
    static final String CONNECTION_PK = "CONNECTION#PAUSE";

    private final DynamoDbClient dynamo;
    private final SyncTable table;

    public BudgetStore(DynamoDbClient dynamo, SyncTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** One limited window: its item and limit, and when the item may expire. */
    record Window(String pk, int limit, Instant expiresAt) {

        static Window minute(long index, long lengthMillis, int limit) {
            Instant end = Instant.ofEpochMilli((index + 1) * lengthMillis);
            return new Window("BUDGET#M#" + index, limit, end.plus(Duration.ofDays(1)));
        }

        static Window day(LocalDate day, int limit) {
            return new Window("BUDGET#D#" + day, limit, day.plusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
    }

    /** What a reservation got: {@code granted} calls, or none and the windows' state (to say why and until when). */
    record Reservation(int granted, Instant pausedUntil, Map<String, Long> used) {
    }

    /**
     * Reserves {@code n} calls in every window, atomically, unless a pause runs at {@code now}; on refusal reads the
     * windows back so the caller can take what is left or say why nothing is.
     */
    Reservation reserve(List<Window> windows, int n, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name()).key(key(PAUSE_PK))
                .conditionExpression("attribute_not_exists(#until) OR #until <= :now")
                .expressionAttributeNames(Map.of("#until", "until"))
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli())))).build());
        for (Window w : windows) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table.name()).key(key(w.pk()))
                    .updateExpression("ADD #used :n SET #exp = if_not_exists(#exp, :exp)")
                    .conditionExpression("attribute_not_exists(#used) OR #used <= :max")
                    .expressionAttributeNames(Map.of("#used", "used", "#exp", SyncTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":n", n(n), ":max", n((long) w.limit() - n),
                            ":exp", n(w.expiresAt().getEpochSecond())))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return new Reservation(n, null, Map.of());
        } catch (TransactionCanceledException e) {
            Map<String, Long> used = new HashMap<>();
            for (Window w : windows) {
                used.put(w.pk(), used(w.pk()));
            }
            return new Reservation(0, pausedUntil().filter(now::isBefore).orElse(null), used);
        } catch (SdkException e) {
            throw new StoreException("could not reserve Vtiger calls", e);
        }
    }

    /** Calls reserved in a window item so far (0 when it does not exist yet). */
    long used(String pk) {
        try {
            var item = dynamo.getItem(b -> b.tableName(table.name()).key(key(pk)).consistentRead(true));
            return item.hasItem() ? num(item.item(), "used", 0) : 0;
        } catch (SdkException e) {
            throw new StoreException("could not read the Vtiger call budget", e);
        }
    }

    /** The end of the shared pause, if one was ever set (it may lie in the past). */
    Optional<Instant> pausedUntil() {
        return pause().map(Pause::until);
    }

    /** The shared pause as stored. */
    Optional<Pause> pause() {
        try {
            var item = dynamo.getItem(b -> b.tableName(table.name()).key(key(PAUSE_PK)).consistentRead(true));
            if (!item.hasItem() || item.item().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Pause(Instant.ofEpochMilli(num(item.item(), "until", 0)),
                    str(item.item(), "reason")));
        } catch (SdkException e) {
            throw new StoreException("could not read the Vtiger pause", e);
        }
    }

    /** A pause of every container's calls, and why. */
    public record Pause(Instant until, String reason) {
    }

    /** Pauses every container's calls until {@code until}, unless a pause already runs at least as long. */
    void pause(Instant until, String reason) {
        Map<String, AttributeValue> values = Map.of(":u", n(until.toEpochMilli()), ":why", s(reason),
                ":exp", n(until.plus(Duration.ofDays(1)).getEpochSecond()));
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(PAUSE_PK))
                    .updateExpression("SET #until = :u, #why = :why, #exp = :exp")
                    .conditionExpression("attribute_not_exists(#until) OR #until < :u")
                    .expressionAttributeNames(Map.of("#until", "until", "#why", "reason", "#exp",
                            SyncTable.EXPIRES_AT))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // A pause at least as long is set already.
        } catch (SdkException e) {
            throw new StoreException("could not store the Vtiger pause", e);
        }
    }

    /** The connection pause, if one runs. */
    Optional<ConnectionPause.Paused> connectionPause() {
        try {
            var item = dynamo.getItem(b -> b.tableName(table.name()).key(key(CONNECTION_PK)).consistentRead(true));
            if (!item.hasItem() || item.item().isEmpty()) {
                return Optional.empty();
            }
            Map<String, AttributeValue> i = item.item();
            return Optional.of(new ConnectionPause.Paused(ConnectionPause.System.valueOf(str(i, "system")),
                    str(i, "reason"), Instant.ofEpochMilli(num(i, "since", 0)),
                    Instant.ofEpochMilli(num(i, "checkedAt", 0)), str(i, "module")));
        } catch (SdkException e) {
            throw new StoreException("could not read the connection pause", e);
        }
    }

    /** Sets the connection pause (or updates its reason, keeping its start); the failure counts as a check. */
    void pauseConnection(ConnectionPause.System system, String reason, String module, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":sys", s(system.name()), ":why", s(reason),
                ":now", n(now.toEpochMilli())));
        String update = "SET #system = :sys, #why = :why, #since = if_not_exists(#since, :now), #checked = :now";
        Map<String, String> names = new HashMap<>(Map.of("#system", "system", "#why", "reason", "#since", "since",
                "#checked", "checkedAt"));
        if (module != null) {
            update += ", #module = :module";
            values.put(":module", s(module));
            names.put("#module", "module");
        } else {
            update += " REMOVE #module";
            names.put("#module", "module");
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(CONNECTION_PK)).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException e) {
            throw new StoreException("could not store the connection pause", e);
        }
    }

    /** Ends the connection pause; true when one ran. */
    boolean clearConnectionPause() {
        try {
            return dynamo.deleteItem(b -> b.tableName(table.name()).key(key(CONNECTION_PK))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).hasAttributes();
        } catch (SdkException e) {
            throw new StoreException("could not clear the connection pause", e);
        }
    }

    /**
     * One conditional write: the pause runs and was last checked {@code interval} ago or longer, and this caller
     * checks it now (so containers draining at once make one check, not one each).
     */
    boolean takeConnectionRecheck(Instant now, Duration interval) {
        try {
            dynamo.updateItem(b -> b.tableName(table.name()).key(key(CONNECTION_PK))
                    .updateExpression("SET #checked = :now")
                    .conditionExpression("attribute_exists(#checked) AND #checked <= :due")
                    .expressionAttributeNames(Map.of("#checked", "checkedAt"))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()),
                            ":due", n(now.minus(interval).toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("could not take the connection re-check", e);
        }
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(SyncTable.PK, s(pk), SyncTable.SK, s(SK));
    }
}
