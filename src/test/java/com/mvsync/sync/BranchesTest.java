package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mvsync.timing.DependencyTimer;
import com.mvsync.timing.DependencyTimer.Dependency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parallel steps of a sync: results in order, exceptions as thrown, every step ended, calls counted. */
class BranchesTest {

    Branches branches = new Branches(2);

    @AfterEach
    void stop() {
        branches.stop();
    }

    @Test
    void valuesComeBackInTheStepsOrder() {
        List<Supplier<String>> steps = List.of(() -> "lead", () -> "organization", () -> "contact");

        assertThat(Branches.valuesOrThrow(branches.all(steps))).containsExactly("lead", "organization", "contact");
    }

    @Test
    void aFailureKeepsItsTypeAndTheOtherStepsStillEnd() {
        AtomicBoolean otherEnded = new AtomicBoolean();
        RecordRefusedException refused = new RecordRefusedException("refused", com.mvsync.store.EntityLink.empty("x"));

        List<Branches.Branch<String>> done = branches.all(List.of(() -> {
            throw refused;
        }, () -> {
            sleep(50);
            otherEnded.set(true);
            return "made";
        }));

        assertThat(otherEnded).as("all steps have ended when all() returns").isTrue();
        assertThat(done.get(0).failure()).isSameAs(refused);
        assertThat(done.get(1).value()).isEqualTo("made");
        assertThatThrownBy(() -> Branches.valuesOrThrow(done)).isSameAs(refused);
    }

    @Test
    void anErrorIsThrownOnceEveryStepHasEnded() {
        AtomicBoolean otherEnded = new AtomicBoolean();

        assertThatThrownBy(() -> branches.all(List.<Supplier<String>>of(() -> {
            throw new AssertionError("killed");
        }, () -> {
            sleep(50);
            otherEnded.set(true);
            return "made";
        }))).isInstanceOf(AssertionError.class).hasMessage("killed");
        assertThat(otherEnded).isTrue();
    }

    @Test
    void nestedStepsNeverWaitForThreadsTheirParentsHold() throws Exception {
        Branches one = new Branches(1);
        try {
            CountDownLatch finished = new CountDownLatch(1);
            Thread caller = new Thread(() -> {
                List<Supplier<Integer>> outer = List.of(
                        () -> Branches.valuesOrThrow(one.all(List.of(() -> 1, () -> 2))).size(),
                        () -> Branches.valuesOrThrow(one.all(List.of(() -> 3, () -> 4, () -> 5))).size());
                assertThat(Branches.valuesOrThrow(one.all(outer))).containsExactly(2, 3);
                finished.countDown();
            });
            caller.start();
            assertThat(finished.await(10, TimeUnit.SECONDS)).as("no deadlock with one pool thread").isTrue();
        } finally {
            one.stop();
        }
    }

    @Test
    void callsMadeInStepsCountForTheInvocationAndOverlapsOnce() {
        DependencyTimer.reset();

        long started = System.nanoTime();
        branches.all(List.<Supplier<Boolean>>of(() -> call(40), () -> call(40)));
        long wall = System.nanoTime() - started;

        DependencyTimer.Totals totals = DependencyTimer.totals();
        assertThat(totals.calls(Dependency.VTIGER)).isEqualTo(2);
        // Counted once each; their summed time is both calls', their wall time no more than the invocation waited.
        assertThat(totals.nanos(Dependency.VTIGER)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(80));
        assertThat(totals.wallNanos(Dependency.VTIGER)).isBetween(TimeUnit.MILLISECONDS.toNanos(40), wall);
        assertThat(totals.totalNanos()).isEqualTo(totals.wallNanos(Dependency.VTIGER));
    }

    @Test
    void overlappingCallsCountTheirTimeOnce() {
        DependencyTimer.reset();
        long now = System.nanoTime();
        // Recorded at the end of each call: three spans of which two overlap.
        DependencyTimer.record(Dependency.VTIGER, 30_000_000L);
        DependencyTimer.record(Dependency.VTIGER, 30_000_000L);
        DependencyTimer.record(Dependency.DYNAMODB, 10_000_000L);

        DependencyTimer.Totals totals = DependencyTimer.totals();
        long elapsed = System.nanoTime() - now;
        assertThat(totals.calls(Dependency.VTIGER)).isEqualTo(2);
        assertThat(totals.nanos(Dependency.VTIGER)).isEqualTo(60_000_000L);
        assertThat(totals.wallNanos(Dependency.VTIGER)).isBetween(30_000_000L, 30_000_000L + elapsed);
        assertThat(totals.totalNanos()).isBetween(30_000_000L, 30_000_000L + elapsed);
    }

    private static boolean call(long millis) {
        long started = System.nanoTime();
        sleep(millis);
        DependencyTimer.record(Dependency.VTIGER, System.nanoTime() - started);
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
