package com.mvsync.queue;

import static com.mvsync.magento.EntityType.CUSTOMER;
import static com.mvsync.magento.EntityType.INVOICE;
import static com.mvsync.magento.EntityType.ORDER;
import static com.mvsync.magento.EntityType.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueuedEvent.Arrival;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's item life cycle against moto: coalescing, claims, settling, backoff, dead letters. */
class QueueStoreTest {

    QueueFixture fx;
    QueueStore queue;
    QueueConfig config = QueueFixture.config();

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        queue = fx.queue(config);
    }

    @Test
    void theItemCarriesTheLatestBodysLabelAndKeepsItForABodyWithoutOne() {
        Arrival named = new Arrival(CUSTOMER, "customer#77", "customersCreated", "l1", "{}",
                "Maria Keller <maria@example.com>");
        assertThat(queue.enqueue(named).label()).isEqualTo("Maria Keller <maria@example.com>");
        assertThat(queue.enqueue(new Arrival(CUSTOMER, "customer#77", "customersUpdated", "l2", "{}")).label())
                .as("a partial body names no one: the label stays").isEqualTo("Maria Keller <maria@example.com>");
        assertThat(queue.enqueue(new Arrival(CUSTOMER, "customer#77", "customersUpdated", "l3", "{}",
                "Maria Keller-Brandt <maria@example.com>")).label()).isEqualTo("Maria Keller-Brandt <maria@example.com>");
        assertThat(queue.get("customer#77").orElseThrow().label()).isEqualTo("Maria Keller-Brandt <maria@example.com>");
    }

    @Test
    void enqueueIsOneRequestAndCoalescesPerEntityLatestWins() {
        Instant first = fx.clock.instant();
        QueueFixture.REQUESTS.reset();
        queue.enqueue(new Arrival(CUSTOMER, "customer#42", "customersCreated", "e1", "{\"v\":1}"));
        // The item's UpdateItem, and for a new item the ADD that counts it as pending (Counters) and its search keys.
        assertThat(QueueFixture.REQUESTS.total()).as("one UpdateItem, one ADD, one BatchWriteItem").isEqualTo(3);
        fx.clock.advance(Duration.ofSeconds(5));
        QueueFixture.REQUESTS.reset();
        queue.enqueue(new Arrival(CUSTOMER, "customer#42", "customersUpdated", "e2", "{\"v\":2}"));
        assertThat(QueueFixture.REQUESTS.total()).as("a coalesced event: the UpdateItem only").isEqualTo(1);
        fx.clock.advance(Duration.ofSeconds(5));
        QueuedEvent latest = queue.enqueue(new Arrival(CUSTOMER, "customer#42", "customersUpdated", "e3", "{\"v\":3}"));

        assertThat(latest.body()).isEqualTo("{\"v\":3}");
        assertThat(latest.eventKey()).isEqualTo("e3");
        assertThat(latest.route()).isEqualTo("customersUpdated");
        assertThat(latest.events()).isEqualTo(3);
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(latest.firstEnqueuedAt()).isEqualTo(first);
        assertThat(latest.dueAt()).as("keeps its place in the queue").isEqualTo(first);
        assertThat(queue.due(1, fx.clock.instant(), 10)).extracting(QueuedEvent::entityKey)
                .containsExactly("customer#42");
    }

    @Test
    void dueListsByPriorityAndDueTimeAndOnlyWhatIsDue() {
        queue.enqueue(new Arrival(ORDER, "order#7", "ordersPlaced", "o", "{}"));
        queue.enqueue(new Arrival(PRODUCT, "product#SKU-1", "productsSaved", "p", "{}"));
        fx.clock.advance(Duration.ofSeconds(1));
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c", "{}"));
        queue.enqueue(new Arrival(INVOICE, "invoice#3", "invoicesCreated", "i", "{}"));
        Instant now = fx.clock.instant();

        assertThat(queue.due(1, now, 10)).extracting(QueuedEvent::entityKey)
                .containsExactly("product#SKU-1", "customer#1");
        assertThat(queue.due(1, now, 10, java.util.Set.of(CUSTOMER))).extracting(QueuedEvent::entityKey)
                .containsExactly("customer#1");
        assertThat(queue.due(2, now, 10)).extracting(QueuedEvent::entityKey).containsExactly("order#7");
        assertThat(queue.due(3, now, 10)).extracting(QueuedEvent::entityKey).containsExactly("invoice#3");
        assertThat(queue.due(1, now.minusMillis(1), 10)).extracting(QueuedEvent::entityKey)
                .containsExactly("product#SKU-1");
        assertThat(queue.due(1, now, 1)).hasSize(1);
    }

    @Test
    void exactlyOneOfTwoClaimsWins() {
        QueuedEvent e = queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c", "{}"));
        QueueStore other = fx.queue(config);
        assertThat(queue.claim(e, Duration.ofMinutes(3))).isPresent();
        assertThat(other.claim(e, Duration.ofMinutes(3))).isEmpty();
        assertThat(queue.due(1, fx.clock.instant(), 10)).as("a held item is not due").isEmpty();
        assertThat(queue.get("customer#1").orElseThrow().status()).isEqualTo(QueueStatus.IN_PROGRESS);
    }

    @Test
    void aClaimOfAnItemThatIsGoneDoesNotRecreateIt() {
        QueuedEvent e = queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c", "{}"));
        Claim claim = queue.claim(e, Duration.ofMinutes(3)).orElseThrow();
        assertThat(queue.complete(claim)).isTrue();
        assertThat(queue.claim(e, Duration.ofMinutes(3))).isEmpty();
        assertThat(queue.get("customer#1")).isEmpty();
    }

    @Test
    void anEventArrivingDuringProcessingIsNotLost() {
        QueuedEvent e = queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{\"v\":1}"));
        Claim claim = queue.claim(e, Duration.ofMinutes(3)).orElseThrow();
        QueuedEvent during = queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersUpdated", "c2", "{\"v\":2}"));
        assertThat(during.status()).as("still held by the drain").isEqualTo(QueueStatus.IN_PROGRESS);

        assertThat(queue.complete(claim)).as("not deleted: a newer version is there").isFalse();
        QueuedEvent left = queue.get("customer#1").orElseThrow();
        assertThat(left.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(left.body()).isEqualTo("{\"v\":2}");
        assertThat(left.version()).isEqualTo(2);
        assertThat(left.leaseUntil()).isNull();
        assertThat(queue.due(1, fx.clock.instant(), 10)).extracting(QueuedEvent::body).containsExactly("{\"v\":2}");
    }

    @Test
    void failuresBackOffExponentiallyWithFullJitterThenGoDead() {
        QueueConfig small = QueueFixture.config(5, Duration.ofSeconds(1), Duration.ofSeconds(6));
        QueueStore seeded = fx.queue(small, new SeededJitter(42));
        QueueStore maximal = fx.queue(small, bound -> bound);
        seeded.enqueue(new Arrival(PRODUCT, "product#A", "productsSaved", "a", "{}"));
        maximal.enqueue(new Arrival(PRODUCT, "product#B", "productsSaved", "b", "{}"));

        long[] boundsMs = {1000, 2000, 4000, 6000};
        for (int attempt = 1; attempt <= 4; attempt++) {
            Instant now = fx.clock.instant();
            assertThat(fail(seeded, "product#A", "Vtiger down " + attempt)).isEqualTo(QueueStore.FailResult.RETRYING);
            assertThat(fail(maximal, "product#B", "Vtiger down " + attempt)).isEqualTo(QueueStore.FailResult.RETRYING);
            QueuedEvent a = seeded.get("product#A").orElseThrow();
            QueuedEvent b = maximal.get("product#B").orElseThrow();
            assertThat(a.attempts()).isEqualTo(attempt);
            assertThat(a.status()).isEqualTo(QueueStatus.PENDING);
            assertThat(a.lastError()).isEqualTo("Vtiger down " + attempt);
            long delay = Duration.between(now, a.dueAt()).toMillis();
            assertThat(delay).as("attempt %d: full jitter within [0, %d]", attempt, boundsMs[attempt - 1])
                    .isBetween(0L, boundsMs[attempt - 1]);
            assertThat(Duration.between(now, b.dueAt()).toMillis()).as("the bound doubles up to the cap")
                    .isEqualTo(boundsMs[attempt - 1]);
            assertThat(seeded.due(1, now, 10)).as("not due during the backoff").noneMatch(e -> e.dueAt().isAfter(now));
            fx.clock.advance(Duration.ofSeconds(7));
        }
        assertThat(fail(seeded, "product#A", "Vtiger down 5")).isEqualTo(QueueStore.FailResult.DEAD);
        QueuedEvent dead = seeded.get("product#A").orElseThrow();
        assertThat(dead.status()).isEqualTo(QueueStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(5);
        assertThat(dead.lastError()).isEqualTo("Vtiger down 5");
        assertThat(dead.body()).isEqualTo("{}");
        assertThat(seeded.list(QueueStatus.DEAD, 10)).extracting(QueuedEvent::entityKey).containsExactly("product#A");
        assertThat(seeded.due(1, fx.clock.instant().plusSeconds(3600), 10)).extracting(QueuedEvent::entityKey)
                .containsExactly("product#B");
    }

    @Test
    void backoffBoundIsCappedWithoutOverflow() {
        QueueStore q = fx.queue(QueueFixture.config(100, Duration.ofSeconds(30), Duration.ofHours(1)),
                bound -> bound);
        assertThat(q.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(q.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(q.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(q.backoff(70)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aPermanentFailureIsDeadAtOnceAndAnAdminRetryRevivesIt() {
        queue.enqueue(new Arrival(ORDER, "order#9", "ordersPlaced", "o9", "{\"order\":9}"));
        assertThat(fail(queue, "order#9", "SalesOrder: subject is mandatory", false))
                .isEqualTo(QueueStore.FailResult.DEAD);
        assertThat(queue.get("order#9").orElseThrow().attempts()).isEqualTo(1);
        assertThat(queue.retry("customer#404")).isEmpty();

        fx.clock.advance(Duration.ofMinutes(1));
        QueuedEvent retried = queue.retry("order#9").orElseThrow();
        assertThat(retried.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.dueAt()).isEqualTo(fx.clock.instant());
        assertThat(retried.lastError()).as("kept for the admin").isEqualTo("SalesOrder: subject is mandatory");
        assertThat(queue.due(2, fx.clock.instant(), 10)).extracting(QueuedEvent::entityKey).containsExactly("order#9");
        assertThat(queue.retry("order#9")).as("only a dead item").isEmpty();
    }

    @Test
    void aDeadLetterKeepsWhenItFailedAndOnlyADeadOneCanBeDiscarded() {
        Instant died = fx.clock.instant();
        queue.enqueue(new Arrival(ORDER, "order#9", "ordersPlaced", "o9", "{\"order\":9}"));
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{}"));
        assertThat(queue.get("customer#1").orElseThrow().failedAt()).as("never failed").isNull();
        fail(queue, "order#9", "SalesOrder: subject is mandatory", false);
        fx.clock.advance(Duration.ofMinutes(5));
        assertThat(queue.get("order#9").orElseThrow().failedAt()).isEqualTo(died);

        QueueStore.Discard notDead = queue.discard("customer#1");
        assertThat(notDead.deleted()).isFalse();
        assertThat(notDead.item().orElseThrow().status()).isEqualTo(QueueStatus.PENDING);
        assertThat(queue.get("customer#1")).isPresent();
        assertThat(queue.discard("customer#404")).isEqualTo(new QueueStore.Discard(false, java.util.Optional.empty()));

        QueueStore.Discard discarded = queue.discard("order#9");
        assertThat(discarded.deleted()).isTrue();
        assertThat(discarded.item().orElseThrow().lastError()).isEqualTo("SalesOrder: subject is mandatory");
        assertThat(queue.get("order#9")).isEmpty();
    }

    @Test
    void aNewEventForADeadEntityRevivesItWithTheNewBody() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#5", "customersCreated", "c1", "{\"bad\":true}"));
        fail(queue, "customer#5", "invalid", false);
        QueuedEvent revived = queue.enqueue(new Arrival(CUSTOMER, "customer#5", "customersUpdated", "c2",
                "{\"fixed\":true}"));
        assertThat(revived.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(revived.body()).isEqualTo("{\"fixed\":true}");
        assertThat(revived.attempts()).isZero();
        assertThat(queue.list(QueueStatus.DEAD, 10)).isEmpty();
    }

    @Test
    void aPermanentFailureOfABodyReplacedMeanwhileLeavesTheNewOnePending() {
        QueuedEvent e = queue.enqueue(new Arrival(CUSTOMER, "customer#6", "customersCreated", "c1", "{\"v\":1}"));
        Claim claim = queue.claim(e, Duration.ofMinutes(3)).orElseThrow();
        queue.enqueue(new Arrival(CUSTOMER, "customer#6", "customersUpdated", "c2", "{\"v\":2}"));
        assertThat(queue.fail(claim, "invalid", false)).isEqualTo(QueueStore.FailResult.RETRYING);
        QueuedEvent left = queue.get("customer#6").orElseThrow();
        assertThat(left.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(left.body()).isEqualTo("{\"v\":2}");
    }

    @Test
    void aDrainWhoseLeaseLapsedCannotSettleTheItemAnyMore() {
        QueuedEvent e = queue.enqueue(new Arrival(CUSTOMER, "customer#8", "customersCreated", "c", "{}"));
        Claim crashed = queue.claim(e, Duration.ofMinutes(3)).orElseThrow();
        fx.clock.advance(Duration.ofMinutes(4));
        QueuedEvent again = queue.due(1, fx.clock.instant(), 10).get(0);
        Claim takeover = queue.claim(again, Duration.ofMinutes(3)).orElseThrow();

        assertThat(queue.complete(crashed)).isFalse();
        assertThat(queue.fail(crashed, "late", true)).isEqualTo(QueueStore.FailResult.LOST);
        assertThat(queue.get("customer#8").orElseThrow().status()).isEqualTo(QueueStatus.IN_PROGRESS);
        assertThat(queue.complete(takeover)).isTrue();
    }

    @Test
    void listAndDepthByStatus() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{}"));
        queue.enqueue(new Arrival(ORDER, "order#1", "ordersPlaced", "o1", "{}"));
        QueuedEvent held = queue.enqueue(new Arrival(INVOICE, "invoice#1", "invoicesCreated", "i1", "{}"));
        queue.enqueue(new Arrival(PRODUCT, "product#1", "productsSaved", "p1", "{}"));
        assertThat(queue.claim(held, Duration.ofMinutes(3))).isPresent();
        fail(queue, "product#1", "bad", false);

        assertThat(queue.list(QueueStatus.PENDING, 10)).extracting(QueuedEvent::entityKey)
                .containsExactly("customer#1", "order#1");
        assertThat(queue.list(QueueStatus.PENDING, 1)).hasSize(1);
        assertThat(queue.list(QueueStatus.IN_PROGRESS, 10)).extracting(QueuedEvent::entityKey)
                .containsExactly("invoice#1");
        assertThat(queue.list(QueueStatus.DEAD, 10)).extracting(QueuedEvent::entityKey).containsExactly("product#1");
        assertThat(queue.depth()).containsExactlyInAnyOrderEntriesOf(Map.of(QueueStatus.PENDING, 2L,
                QueueStatus.IN_PROGRESS, 1L, QueueStatus.DEAD, 1L));
    }

    private QueueStore.FailResult fail(QueueStore q, String entityKey, String error) {
        return fail(q, entityKey, error, true);
    }

    private QueueStore.FailResult fail(QueueStore q, String entityKey, String error, boolean retryable) {
        List<QueuedEvent> due = q.due(EntityType.parse(entityKey.substring(0, entityKey.indexOf('#'))).queuePriority(),
                fx.clock.instant(), 100);
        QueuedEvent e = due.stream().filter(d -> d.entityKey().equals(entityKey)).findFirst().orElseThrow();
        return q.fail(q.claim(e, Duration.ofMinutes(3)).orElseThrow(), error, retryable);
    }

    /** A seeded random delay in [0, bound]. */
    static final class SeededJitter implements java.util.function.LongUnaryOperator {
        private final Random random;

        SeededJitter(long seed) {
            random = new Random(seed);
        }

        @Override
        public synchronized long applyAsLong(long bound) {
            return random.nextLong(bound + 1);
        }
    }

    /**
     * The counts the admin reads (one GetItem of the counters) equal the items per status, read from the whole index,
     * after every kind of move: arrivals, coalescing, claims, syncs, retries, dead letters, revivals, deferrals,
     * the admin's retries and discards, a claim whose lease lapsed.
     */
    @Test
    void theCountersEqualTheRealCountsAfterEveryMove() {
        QueueStore store = fx.queue(QueueFixture.config(2, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        Runnable same = () -> {
            assertThat(store.counts()).as("counted").isEqualTo(store.depth());
            assertThat(store.countsByType()).as("counted per type").isEqualTo(store.depthByType());
        };
        for (int i = 0; i < 6; i++) {
            store.enqueue(new Arrival(CUSTOMER, "customer#" + i, "customersCreated", "c" + i, "{}"));
        }
        store.enqueue(new Arrival(CUSTOMER, "customer#0", "customersUpdated", "c0b", "{}")); // coalesced
        store.deadLetter(new Arrival(ORDER, "order#1", "ordersPlaced", "o1", "{}"), "no currency");
        store.deadLetter(new Arrival(ORDER, "order#2", "ordersPlaced", "o2", "{}"), "no currency");
        same.run();

        List<QueuedEvent> due = store.due(1, fx.clock.instant(), 10);
        Claim synced = store.claim(due.get(0), Duration.ofMinutes(1)).orElseThrow();
        Claim failing = store.claim(due.get(1), Duration.ofMinutes(1)).orElseThrow();
        Claim permanent = store.claim(due.get(2), Duration.ofMinutes(1)).orElseThrow();
        Claim deferred = store.claim(due.get(3), Duration.ofMinutes(1)).orElseThrow();
        Claim lapsing = store.claim(due.get(4), Duration.ofSeconds(30)).orElseThrow();
        same.run();
        store.complete(synced);
        store.fail(failing, "timeout", true);
        store.fail(permanent, "mandatory field", false);
        store.defer(deferred, fx.clock.instant().plusSeconds(60), "paused");
        same.run();

        fx.clock.advance(Duration.ofMinutes(2)); // the lease lapses: another drain takes it over
        assertThat(store.claim(store.get(lapsing.event().entityKey()).orElseThrow(), Duration.ofMinutes(1))).isPresent();
        same.run();
        store.retry("order#1");
        store.discard("order#2");
        store.discard(due.get(5).entityKey()); // not dead: nothing moves
        store.enqueue(new Arrival(CUSTOMER, permanent.event().entityKey(), "customersUpdated", "revive", "{}"));
        same.run();
        assertThat(store.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
    }

    /** A count a lost ADD left wrong is set right by the drain's recount. */
    @Test
    void aRecountCorrectsACounterThatDrifted() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{}"));
        queue.enqueue(new Arrival(CUSTOMER, "customer#2", "customersCreated", "c2", "{}"));
        new com.mvsync.store.Counters(QueueFixture.dynamo(), fx.table).add(QueueStore.COUNTERS,
                Map.of("pending#customer", 5L, "dead#order", -3L), null); // as if moves had been counted twice or lost
        assertThat(queue.counts()).containsEntry(QueueStatus.PENDING, 7L).containsEntry(QueueStatus.DEAD, 0L);

        assertThat(queue.recount()).containsEntry(QueueStatus.PENDING, 2L);
        assertThat(queue.counts()).isEqualTo(queue.depth()).containsEntry(QueueStatus.PENDING, 2L);
    }

    /**
     * The budget's per-type counts (the counters, one read) equal what a walk of the due partitions finds per type:
     * pending and held items, not dead ones.
     */
    @Test
    void itemsAreCountedPerType() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{}"));
        queue.enqueue(new Arrival(CUSTOMER, "customer#2", "customersCreated", "c2", "{}"));
        queue.enqueue(new Arrival(ORDER, "order#3", "ordersPlaced", "o3", "{}"));
        assertThat(queue.claim(queue.get("order#3").orElseThrow(), Duration.ofMinutes(1))).isPresent();
        queue.deadLetter(new Arrival(INVOICE, "invoice#4", "invoicesCreated", "i4", "{}"), "no currency");
        Instant far = fx.clock.instant().plus(Duration.ofDays(1));

        Map<QueueStatus, Map<EntityType, Long>> counted = queue.countsByType();
        assertThat(counted.get(QueueStatus.PENDING)).containsEntry(CUSTOMER, 2L).containsEntry(ORDER, 0L);
        assertThat(counted.get(QueueStatus.IN_PROGRESS)).containsEntry(ORDER, 1L).containsEntry(CUSTOMER, 0L);
        assertThat(counted.get(QueueStatus.DEAD)).containsEntry(INVOICE, 1L);
        for (EntityType type : EntityType.values()) {
            assertThat(counted.get(QueueStatus.PENDING).get(type) + counted.get(QueueStatus.IN_PROGRESS).get(type))
                    .as(type.label()).isEqualTo((long) queue.countDue(far, java.util.Set.of(type)));
        }
    }

    /**
     * A new item is findable by its label's terms and its Magento id before its entity was ever synced; the keys
     * expire; a coalesced event adds none; an unnamed item is found by its id.
     */
    @Test
    void aNewItemIsFoundByItsLabelsTerms() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#71", "customersCreated", "c71", "{}",
                "Quinn Queued <quinn@example.com>"));
        queue.enqueue(new Arrival(CUSTOMER, "customer#71", "customersUpdated", "c71b", "{}",
                "Quinn Renamed <quinn@example.com>"));
        queue.enqueue(new Arrival(ORDER, "order#72", "ordersPlaced", "o72", "{}"));

        assertThat(queue.find("QUINN@example.com", 10)).containsExactly("customer#71");
        assertThat(queue.find("queued", 10)).containsExactly("customer#71");
        assertThat(queue.find("71", 10)).containsExactly("customer#71");
        assertThat(queue.find("renamed", 10)).as("a coalesced event adds no terms").isEmpty();
        assertThat(queue.find("72", 10)).containsExactly("order#72");
        assertThat(queue.find("  ", 10)).isEmpty();
        var key = QueueFixture.dynamo().getItem(b -> b.tableName(fx.table.name()).key(Map.of(
                com.mvsync.store.SyncTable.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        QueueStore.FIND_PREFIX + "quinn@example.com"),
                com.mvsync.store.SyncTable.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        "customer#71")))).item();
        assertThat(Long.parseLong(key.get(com.mvsync.store.SyncTable.EXPIRES_AT).n()))
                .isEqualTo(fx.clock.instant().plus(QueueStore.FIND_KEYS_TTL).getEpochSecond());
    }

    /** Counters kept per status only (before the types were counted) are recounted on the first read. */
    @Test
    void countersWithoutTypesAreRecounted() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{}"));
        new com.mvsync.store.Counters(QueueFixture.dynamo(), fx.table).set(QueueStore.COUNTERS,
                Map.of("pending", 9L, "dead", 0L));
        assertThat(queue.countsByType().get(QueueStatus.PENDING)).containsEntry(CUSTOMER, 1L);
        assertThat(queue.counts()).containsEntry(QueueStatus.PENDING, 1L);
    }
}
