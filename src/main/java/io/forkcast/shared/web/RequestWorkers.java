package io.forkcast.shared.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The web server's request threads: a few platform threads serve the requests in the order they came, and a
 * request that waited {@code maxWait} for one of them runs on a virtual thread of its own instead.
 *
 * <p>Why not a virtual thread for every request, as Spring Boot does with virtual threads on: under a burst every
 * request is then runnable at once and the scheduler does not share the cores among them in order. On 2 cores
 * under 100 busy connections half the requests answered in 3 ms while one in a hundred took over 30 ms; with 8
 * threads taking requests from one queue in turn, one in a hundred took 10 ms, for the same CPU per request
 * (bench/README.md, "bench/api.sh"). A pool that large for every request (Tomcat's 200) was worse than both.
 *
 * <p>Why not only a small pool: a request that blocks (a call to Meta or to the caption writer, a phone sending a
 * photo slowly) holds its thread while it waits, and a few of them would stop the others. So a request never
 * waits for a thread longer than about {@code maxWait}: past that it is taken off the queue and run on a virtual
 * thread, and counted in {@code forkcast.http.requests.spilled}.
 */
final class RequestWorkers implements Executor, AutoCloseable {

    /** A request as it waits in the queue, with the moment it arrived. */
    private record Waiting(Runnable request, long arrivedNanos) implements Runnable {

        @Override
        public void run() {
            request.run();
        }
    }

    private final ThreadPoolExecutor workers;
    private final BlockingQueue<Runnable> queue;
    private final ScheduledExecutorService watch;
    private final Thread.Builder spillThreads;
    private final long maxWaitNanos;
    private final Counter spilled;

    RequestWorkers(int threads, Duration maxWait, MeterRegistry meters) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.maxWaitNanos = maxWait.toNanos();
        this.queue = new LinkedBlockingQueue<>();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue,
                Thread.ofPlatform().name("http-worker-", 1).daemon().factory());
        this.workers.prestartAllCoreThreads();
        this.spillThreads = Thread.ofVirtual().name("http-spill-", 0);
        // The queue is looked at a few times per longest wait, so no request waits much beyond it.
        long every = Math.max(TimeUnit.MILLISECONDS.toNanos(5), maxWaitNanos / 4);
        this.watch = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("http-queue-watch").daemon().factory());
        this.watch.scheduleWithFixedDelay(this::spillOverdue, every, every, TimeUnit.NANOSECONDS);
        this.spilled = Counter.builder("forkcast.http.requests.spilled")
                .description("Requests that waited the longest a request may wait for a request thread, then ran "
                        + "on a virtual thread of their own")
                .register(meters);
        Gauge.builder("forkcast.http.requests.queued", queue, BlockingQueue::size)
                .description("Requests waiting for a request thread")
                .register(meters);
    }

    @Override
    public void execute(Runnable request) {
        workers.execute(new Waiting(request, System.nanoTime()));
    }

    /** Moves the requests that waited their longest to virtual threads, oldest first. */
    void spillOverdue() {
        long now = System.nanoTime();
        while (queue.peek() instanceof Waiting waiting && now - waiting.arrivedNanos() >= maxWaitNanos) {
            // A worker may have taken it meanwhile: only the one who removes it runs it.
            if (queue.remove(waiting)) {
                spilled.increment();
                spillThreads.start(waiting.request());
            }
        }
    }

    @Override
    public void close() {
        watch.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
