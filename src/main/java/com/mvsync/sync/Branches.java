package com.mvsync.sync;

import com.mvsync.timing.DependencyTimer;
import com.mvsync.vtiger.VtigerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Runs independent steps of one sync at once (a customer's lookups, its Lead and Organization, an order's buyer and
 * products) on one small shared pool of threads, as many as the Vtiger client has sessions: more could only wait for
 * a session. The caller runs the first step itself, and any step no pool thread has started by the time it is free,
 * so nested branches (an order's buyer is a customer sync) never wait for threads held by their own parents. Every
 * step counts its calls into the invocation's {@link DependencyTimer} and logs with its log context; every step has ended before {@link #all}
 * returns, so a failure of one never leaves another still writing.
 */
@ApplicationScoped
public class Branches {

    /** What one step returned, or the exception it threw (its own type: nothing is wrapped). */
    public record Branch<T>(T value, RuntimeException failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private final ThreadPoolExecutor pool;

    @Inject
    public Branches(VtigerConfig config) {
        this(config.sessions());
    }

    Branches(int size) {
        int threads = Math.max(1, size);
        AtomicInteger n = new AtomicInteger();
        // Threads start on first use and end when idle: none exists at a SnapStart snapshot unless work ran.
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "mvsync-branch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the steps at once and waits for all of them. An {@link Error} of any step is thrown once all have ended;
     * exceptions are returned per step, in the steps' order.
     */
    public <T> List<Branch<T>> all(List<Supplier<T>> steps) {
        List<FutureTask<T>> tasks = new ArrayList<>(steps.size());
        for (Supplier<T> step : steps) {
            tasks.add(task(step));
        }
        for (int i = 1; i < tasks.size(); i++) {
            pool.execute(tasks.get(i));
        }
        for (FutureTask<T> task : tasks) {
            task.run(); // a no-op when a pool thread has started it already
        }
        List<Branch<T>> out = new ArrayList<>(tasks.size());
        Error error = null;
        boolean interrupted = false;
        for (FutureTask<T> task : tasks) {
            while (true) {
                try {
                    out.add(new Branch<>(task.get(), null));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // every step must end before the caller goes on
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        out.add(new Branch<>(null, runtime));
                    } else if (cause instanceof Error err) {
                        error = error == null ? err : error;
                        out.add(new Branch<>(null, null));
                    } else {
                        out.add(new Branch<>(null, new IllegalStateException(cause)));
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (error != null) {
            throw error;
        }
        return out;
    }

    /**
     * Starts one step on a pool thread and returns at once, for work the caller overlaps with its own (a new customer's
     * lookups while its event is claimed). {@link Started#join} waits for the step, or runs it in the caller when no
     * pool thread has started it by then; {@link Started#cancel} drops it if it has not started.
     */
    public <T> Started<T> start(Supplier<T> step) {
        FutureTask<T> task = task(step);
        pool.execute(task);
        return new Started<>(task);
    }

    /** The step as a task that counts into the caller's timer and, on another thread, logs with its log context. */
    private static <T> FutureTask<T> task(Supplier<T> step) {
        Map<String, Object> context = new java.util.HashMap<>(MDC.getMap());
        Thread caller = Thread.currentThread();
        Supplier<T> carried = DependencyTimer.carry(step);
        return new FutureTask<>(() -> caller == Thread.currentThread() ? carried.get()
                : withLogContext(context, carried));
    }

    /** A step {@link #start}ed on its own. */
    public static final class Started<T> {
        private final FutureTask<T> task;

        private Started(FutureTask<T> task) {
            this.task = task;
        }

        /** The step's value, once it has ended (run here if no pool thread has started it); its exception as thrown. */
        public T join() {
            task.run(); // a no-op when a pool thread has started it already
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the step must end before the caller goes on
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Drops the step if no thread has started it; one already running runs to its end. */
        public void cancel() {
            task.cancel(false);
        }
    }

    /** Runs the step with the invocation's log context (request id, function), so its log lines name it. */
    private static <T> T withLogContext(Map<String, Object> context, Supplier<T> step) {
        MDC.clear();
        context.forEach(MDC::put);
        try {
            return step.get();
        } finally {
            MDC.clear();
        }
    }

    /** Two steps of different results, at once (see {@link #all}); {@link Both#orThrow} gives both values. */
    public <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
        AtomicReference<A> a = new AtomicReference<>();
        AtomicReference<B> b = new AtomicReference<>();
        List<Branch<Boolean>> done = all(List.<Supplier<Boolean>>of(() -> {
            a.set(first.get());
            return true;
        }, () -> {
            b.set(second.get());
            return true;
        }));
        return new Both<>(new Branch<>(a.get(), done.get(0).failure()), new Branch<>(b.get(), done.get(1).failure()));
    }

    /** The outcomes of {@link #both}. */
    public record Both<A, B>(Branch<A> first, Branch<B> second) {
        /** Itself when both succeeded; else the first failure in order, as it was thrown. */
        public Both<A, B> orThrow() {
            if (first.failed()) {
                throw first.failure();
            }
            if (second.failed()) {
                throw second.failure();
            }
            return this;
        }
    }

    /** The values of steps that all succeeded; else the first failure in the steps' order, as it was thrown. */
    public static <T> List<T> valuesOrThrow(List<Branch<T>> branches) {
        List<T> values = new ArrayList<>(branches.size());
        for (Branch<T> branch : branches) {
            if (branch.failed()) {
                throw branch.failure();
            }
            values.add(branch.value());
        }
        return values;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
