package com.mvsync.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Add all customers to queue": paging Magento's REST search into the queue, resumable, on moto. */
class BackfillTest {

    static final String TOKEN = "backfill-token";
    static FakeMagentoServer magento;

    QueueFixture fx;
    QueueStore queue;

    @BeforeAll
    static void start() {
        magento = FakeMagentoServer.start(250, 30, 12, 5).acceptBearer(TOKEN)
                .acceptOAuth("ck", "cs", "tk", "ts");
    }

    @AfterAll
    static void stop() {
        magento.close();
    }

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        queue = fx.queue(QueueFixture.config());
        magento.reset();
    }

    private Backfill backfill(MagentoRestConfig config, int pageSize) {
        return new Backfill(new MagentoRestClient(config, new ObjectMapper()), queue, QueueFixture.dynamo(), fx.table,
                pageSize, fx.clock);
    }

    private Set<String> queuedKeys(int priority) {
        Set<String> keys = new HashSet<>();
        queue.due(priority, fx.clock.instant().plusSeconds(1), 1000).forEach(e -> keys.add(e.entityKey()));
        return keys;
    }

    @Test
    void everyCustomerIsQueuedPageByPageStoppingAtTheTotal() {
        Backfill.Progress progress = backfill(MagentoConfigs.bearer(magento.baseUrl(), TOKEN), 100)
                .run(EntityType.CUSTOMER, Duration.ofMinutes(1), false);

        assertThat(progress.status()).isEqualTo("done");
        assertThat(progress.queued()).isEqualTo(250);
        assertThat(progress.total()).isEqualTo(250);
        assertThat(magento.requestCount("/V1/customers/search")).as("3 pages, no 4th request").isEqualTo(3);
        assertThat(queuedKeys(1)).hasSize(250).contains("customer#1", "customer#250");
        QueuedEvent one = queue.get("customer#7").orElseThrow();
        assertThat(one.route()).isEqualTo("customersUpdated");
        assertThat(one.body()).contains("\"email\"");
    }

    @Test
    void anInterruptedBackfillResumesWhereItStopped() {
        Backfill backfill = backfill(MagentoConfigs.bearer(magento.baseUrl(), TOKEN), 100);

        Backfill.Progress first = backfill.run(EntityType.CUSTOMER, Duration.ZERO, false);
        assertThat(first.status()).isEqualTo("running");
        assertThat(first.queued()).isEqualTo(100);
        assertThat(backfill.progress(EntityType.CUSTOMER)).isEqualTo(first);

        magento.failNext(1, 503);
        assertThatThrownBy(() -> backfill.run(EntityType.CUSTOMER, Duration.ZERO, false))
                .isInstanceOf(MagentoRestException.class);
        assertThat(backfill.progress(EntityType.CUSTOMER).nextPage()).as("kept its place").isEqualTo(2);

        Backfill.Progress done = backfill.run(EntityType.CUSTOMER, Duration.ofMinutes(1), false);
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.queued()).isEqualTo(250);
        assertThat(queuedKeys(1)).hasSize(250);

        assertThat(backfill.run(EntityType.CUSTOMER, Duration.ofMinutes(1), false)).as("done stays done")
                .isEqualTo(done);
        assertThat(backfill.run(EntityType.CUSTOMER, Duration.ofMinutes(1), true).queued())
                .as("restart queues everything again; the queue coalesces").isEqualTo(250);
        assertThat(queuedKeys(1)).hasSize(250);
    }

    @Test
    void oauthSignedRequestsWorkTheSameWay() {
        Backfill.Progress progress = backfill(
                MagentoConfigs.oauth(magento.baseUrl(), "ck", "cs", "tk", "ts"), 7)
                .run(EntityType.PRODUCT, Duration.ofMinutes(1), false);

        assertThat(progress.queued()).isEqualTo(30);
        assertThat(magento.requestCount("/V1/products")).isEqualTo(5);
        assertThat(magento.requests()).allSatisfy(r -> assertThat(r.authScheme()).isEqualTo("OAuth"));
        assertThat(queuedKeys(1)).allSatisfy(k -> assertThat(k).startsWith("product#"));
    }

    @Test
    void ordersAndInvoicesKeepTheirDependencyOrderInTheQueue() {
        Backfill backfill = backfill(MagentoConfigs.bearer(magento.baseUrl(), TOKEN), 100);
        backfill.run(EntityType.INVOICE, Duration.ofMinutes(1), false);
        backfill.run(EntityType.ORDER, Duration.ofMinutes(1), false);

        assertThat(queuedKeys(2)).hasSize(12).allSatisfy(k -> assertThat(k).startsWith("order#"));
        assertThat(queuedKeys(3)).hasSize(5).allSatisfy(k -> assertThat(k).startsWith("invoice#"));
        assertThat(List.of(queue.get("invoice#1").orElseThrow().route())).containsExactly("invoicesCreated");
    }

    @Test
    void aWrongTokenFailsClearlyAndQueuesNothing() {
        Backfill backfill = backfill(MagentoConfigs.bearer(magento.baseUrl(), "wrong"), 100);
        assertThatThrownBy(() -> backfill.run(EntityType.CUSTOMER, Duration.ofMinutes(1), false))
                .isInstanceOfSatisfying(MagentoRestException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(queuedKeys(1)).isEmpty();
    }
}
