package io.forkcast.shared.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are served by a few platform threads in the order they arrive; one that waited the longest a request
 * may wait runs on a virtual thread of its own.
 */
class RequestWorkersTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final MeterRegistry meters = new SimpleMeterRegistry();
    /** The requests running right now, by name, each held until its latch opens. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private RequestWorkers workers;

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void requestsBeyondTheThreadsWaitAndRunAsSoonAsAThreadIsFree() throws Exception {
        workers = new RequestWorkers(2, LONG, meters);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);

        workers.execute(request("first", first));
        workers.execute(request("second", rest));
        await(() -> running.containsAll(List.of("first", "second")));
        workers.execute(request("third", rest));

        await(() -> queued() == 1);
        assertThat(running).containsExactlyInAnyOrder("first", "second");
        first.countDown();
        await(() -> running.contains("third"));
        assertThat(running).containsExactlyInAnyOrder("second", "third");
        assertThat(queued()).isZero();
        assertThat(spilled()).isZero();
        rest.countDown();
        await(running::isEmpty);
    }

    @Test
    void waitingRequestsRunInTheOrderTheyArrived() throws Exception {
        workers = new RequestWorkers(1, LONG, meters);
        CountDownLatch busy = new CountDownLatch(1);
        workers.execute(request("busy", busy));
        await(() -> running.contains("busy"));
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            int number = i;
            workers.execute(() -> {
                order.add(number);
                done.countDown();
            });
        }

        busy.countDown();

        assertThat(done.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void aRequestThatWaitedItsLongestRunsOnAVirtualThreadOfItsOwnAndIsCounted() throws Exception {
        workers = new RequestWorkers(1, Duration.ofMillis(100), meters);
        CountDownLatch slowUpload = new CountDownLatch(1);
        workers.execute(request("slow upload", slowUpload));
        await(() -> running.contains("slow upload"));
        CountDownLatch served = new CountDownLatch(1);
        boolean[] onVirtualThread = new boolean[1];

        workers.execute(() -> {
            onVirtualThread[0] = Thread.currentThread().isVirtual();
            served.countDown();
        });

        assertThat(served.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(onVirtualThread[0]).isTrue();
        assertThat(spilled()).isEqualTo(1.0);
        assertThat(running).containsExactly("slow upload");
        slowUpload.countDown();
    }

    @Test
    void requestsAreServedOnThePlatformThreadsWhileNoneWaitsLong() throws Exception {
        workers = new RequestWorkers(2, LONG, meters);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(50);

        for (int i = 0; i < 50; i++) {
            workers.execute(() -> {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
        }

        assertThat(done.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("http-worker-")).hasSizeLessThanOrEqualTo(2);
        assertThat(spilled()).isZero();
    }

    @Test
    void theDefaultIsFourThreadsPerProcessor() {
        HttpLimitsProperties.Workers settings = new HttpLimitsProperties.Workers(0, Duration.ofMillis(50));

        assertThat(settings.threads()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }

    private Runnable request(String name, CountDownLatch release) {
        return () -> {
            running.add(name);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.remove(name);
            }
        };
    }

    private double queued() {
        return meters.get("forkcast.http.requests.queued").gauge().value();
    }

    private double spilled() {
        return meters.get("forkcast.http.requests.spilled").counter().count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + LONG);
            }
            Thread.sleep(5);
        }
    }
}
