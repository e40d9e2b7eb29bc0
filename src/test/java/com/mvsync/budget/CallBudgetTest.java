package com.mvsync.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mvsync.queue.QueueFixture;
import com.mvsync.testing.MutableClock;
import com.mvsync.vtiger.VtigerException;
import com.mvsync.vtiger.VtigerPausedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared budget over moto: two containers (two {@link CallBudget}s on one table), four threads each, never get
 * more calls than the limit together, and get the next window's once the clock reaches it; a 429 in one container
 * pauses the other; Vtiger's Remaining header lowers a container's count.
 */
class CallBudgetTest {

    private final QueueFixture fx = new QueueFixture();
    private final MutableClock clock = fx.clock;

    static BudgetConfig config(Integer perMinute, Integer perDay, int block) {
        return config(perMinute, perDay, block, 1);
    }

    static BudgetConfig config(Integer perMinute, Integer perDay, int block, int slices) {
        return new BudgetConfig() {
            public Optional<Integer> callsPerMinute() {
                return Optional.ofNullable(perMinute);
            }

            public Optional<Integer> callsPerDay() {
                return Optional.ofNullable(perDay);
            }

            public Duration window() {
                return Duration.ofMinutes(1);
            }

            public int slices() {
                return slices;
            }

            public int block() {
                return block;
            }

            public Duration maxWait() {
                return Duration.ZERO;
            }

            public Duration defaultPause() {
                return Duration.ofMinutes(1);
            }

            public Duration pauseCheck() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration connectionRecheck() {
                return Duration.ofMinutes(1);
            }
        };
    }

    private CallBudget container(BudgetConfig config) {
        return new CallBudget(config, new BudgetStore(QueueFixture.dynamo(), fx.table), clock);
    }

    /** Every thread of both containers calls until refused; returns the calls granted and the refusals seen. */
    private static int drainBoth(List<CallBudget> containers, List<VtigerPausedException> refusals) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                CallBudget budget = containers.get(t % containers.size());
                running.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        try {
                            budget.beforeCall("query");
                            granted.incrementAndGet();
                        } catch (VtigerPausedException e) {
                            synchronized (refusals) {
                                refusals.add(e);
                            }
                            return null;
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return granted.get();
    }

    @Test
    void twoContainersNeverExceedTheWindowAndGetTheNextOne() throws Exception {
        BudgetConfig config = config(47, null, 10);
        List<CallBudget> containers = List.of(container(config), container(config));
        List<VtigerPausedException> refusals = new ArrayList<>();

        assertThat(drainBoth(containers, refusals)).as("calls granted in the first minute").isEqualTo(47);
        Instant nextMinute = Instant.parse("2026-11-27T10:01:00Z");
        assertThat(refusals).hasSize(8).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(VtigerException.BUDGET_EXHAUSTED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.resumeAt()).isEqualTo(nextMinute);
            assertThat(e.getMessage()).contains("47 calls per minute is spent");
        });
        assertThat(containers.get(0).check()).get().extracting(Admission.Closed::until).isEqualTo(nextMinute);
        assertThat(containers.get(0).usage().usedThisWindow()).isEqualTo(47);

        clock.advance(Duration.ofSeconds(60));
        refusals.clear();
        assertThat(containers.get(1).check()).isEmpty();
        assertThat(drainBoth(containers, refusals)).as("calls granted in the second minute").isEqualTo(47);
    }

    @Test
    void theDayLimitHoldsAcrossMinutesUntilMidnight() throws Exception {
        BudgetConfig config = config(30, 50, 10);
        List<CallBudget> containers = List.of(container(config), container(config));
        List<VtigerPausedException> refusals = new ArrayList<>();
        assertThat(drainBoth(containers, refusals)).isEqualTo(30);
        clock.advance(Duration.ofMinutes(1));
        refusals.clear();
        assertThat(drainBoth(containers, refusals)).as("what the day has left").isEqualTo(20);
        assertThat(refusals).allSatisfy(e -> {
            assertThat(e.resumeAt()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
            assertThat(e.getMessage()).contains("50 calls a day is spent");
        });
        assertThat(containers.get(0).usage().usedToday()).isEqualTo(50);
    }

    @Test
    void aRateLimitAnswerPausesEveryContainerUntilRetryAfter() {
        BudgetConfig config = config(100, null, 10);
        CallBudget first = container(config);
        CallBudget second = container(config);
        first.beforeCall("create");
        assertThatThrownBy(() -> first.afterAnswer("create", 429, Map.of("Retry-After", "30")::get))
                .isInstanceOfSatisfying(VtigerPausedException.class, e -> {
                    assertThat(e.code()).isEqualTo(VtigerException.RATE_LIMITED);
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.resumeAt()).isEqualTo(clock.instant().plusSeconds(30));
                });
        assertThatThrownBy(() -> second.beforeCall("query")).as("the other container honours the pause")
                .isInstanceOfSatisfying(VtigerPausedException.class, e -> {
                    assertThat(e.code()).isEqualTo(VtigerException.RATE_LIMITED);
                    assertThat(e.resumeAt()).isEqualTo(clock.instant().plusSeconds(30));
                });
        assertThat(second.usage().pausedUntil()).contains(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(31));
        second.beforeCall("query");
        first.beforeCall("query");
    }

    @Test
    void withoutLimitsThePauseIsStillShared() {
        BudgetConfig config = config(null, null, 10);
        CallBudget first = container(config);
        CallBudget second = container(config);
        first.beforeCall("query");
        Instant reset = clock.instant().plusSeconds(42);
        // No Retry-After: the reset of the window Vtiger says is spent.
        assertThatThrownBy(() -> first.afterAnswer("query", 429, Map.of("X-FloodControl-Remaining", "0",
                "X-FloodControl-Reset", Long.toString(reset.getEpochSecond()))::get))
                .isInstanceOfSatisfying(VtigerPausedException.class, e -> assertThat(e.resumeAt()).isEqualTo(reset));
        assertThatThrownBy(() -> second.beforeCall("query")).isInstanceOf(VtigerPausedException.class);
        clock.advance(Duration.ofSeconds(43));
        second.beforeCall("query");
    }

    @Test
    void vtigersRemainingCountLowersTheLocalOne() {
        BudgetConfig config = config(100, null, 10);
        CallBudget budget = container(config);
        budget.beforeCall("query"); // reserves a block of 10, 9 left here
        budget.afterAnswer("query", 200, Map.of("X-FloodControl-Remaining", "2")::get);
        budget.beforeCall("query");
        budget.beforeCall("query");
        assertThat(budget.usage().usedThisWindow()).as("still the first block").isEqualTo(10);
        budget.beforeCall("query");
        assertThat(budget.usage().usedThisWindow()).as("Remaining 2 was honoured: a new block").isEqualTo(20);

        Instant reset = clock.instant().plusSeconds(20);
        budget.afterAnswer("query", 200, Map.of("X-FloodControl-Remaining", "0",
                "X-FloodControl-Reset", Long.toString(reset.getEpochSecond()))::get);
        assertThat(budget.check()).get().extracting(Admission.Closed::until).isEqualTo(reset);
    }

    @Test
    void blocksAreAQuarterOfASliceAtMost() {
        assertThat(container(config(600, null, 10, 4)).blockSize()).isEqualTo(10);
        assertThat(container(config(60, null, 10, 4)).blockSize()).as("12 calls a slice").isEqualTo(3);
        assertThat(container(config(30, null, 10, 4)).blockSize()).isEqualTo(1);
        assertThat(container(config(60, null, 10, 1)).blockSize()).isEqualTo(10);
        assertThat(container(config(null, 24_000, 10, 4)).blockSize()).isEqualTo(10);
    }

    /**
     * With slices, no minute (wherever it starts) gets more than the limit, which fixed minutes allow up to twice
     * across their boundary: two containers take every call they can, second by second, for three minutes.
     */
    @Test
    void slicesKeepEverySlidingMinuteWithinTheLimit() throws Exception {
        BudgetConfig config = config(50, null, 10, 4);
        List<CallBudget> containers = List.of(container(config), container(config));
        clock.advance(Duration.ofSeconds(7)); // not aligned to anything
        int[] perSecond = new int[180];
        for (int t = 0; t < perSecond.length; t++) {
            perSecond[t] = drainBoth(containers, new ArrayList<>());
            clock.advance(Duration.ofSeconds(1));
        }
        int max = 0;
        int total = 0;
        for (int start = 0; start + 60 <= perSecond.length; start++) {
            int sum = 0;
            for (int t = start; t < start + 60; t++) {
                sum += perSecond[t];
            }
            max = Math.max(max, sum);
        }
        for (int n : perSecond) {
            total += n;
        }
        assertThat(max).as("calls in any 60 s").isLessThanOrEqualTo(50);
        assertThat(total).as("10 in each of the 13 15-s slices touched: 4/5 of the limit").isEqualTo(13 * 10);
    }
}
