package io.forkcast.posts;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prepares Facebook feed and Instagram deliveries due within {@code forkcast.posts.prepare-ahead}, soonest first,
 * on at most {@code preparing-threads} threads of this instance (see {@link Publisher#prepare}). It looks when a post
 * due that soon is created or changed here, and every {@code prepare-interval} through the {@code prepare-deliveries}
 * job (for posts another instance took, or that came within the window as time passed). Each delivery is taken up
 * by one conditional update, so instances never prepare the same delivery twice; one that is still waiting when its
 * time comes is simply made in full then. The work is Meta's waiting as much as CPU: bounded, it never crowds out
 * the API or the deliveries due now.
 */
@Component
class DeliveryPreparer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPreparer.class);

    private record Due(UUID deliveryId, TenantId tenantId) {
    }

    private final PostRepository posts;
    private final Publisher publisher;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final PostsProperties properties;
    private final Clock clock;
    private final Semaphore free;
    private final ExecutorService threads;
    /** Whether a look is running on this instance, and whether another was asked for meanwhile. */
    private final AtomicBoolean looking = new AtomicBoolean();
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private final ExecutorService looker;

    DeliveryPreparer(PostRepository posts, Publisher publisher, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, PostsProperties properties, Clock clock) {
        this.posts = posts;
        this.publisher = publisher;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
        this.free = new Semaphore(properties.preparingThreads());
        this.threads = Executors.newFixedThreadPool(properties.preparingThreads(),
                Thread.ofPlatform().name("prepare-", 1).daemon().factory());
        this.looker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("prepare-look").daemon().factory());
    }

    /** A post due within the window was created or changed: look once the transaction commits. */
    void dueSoon(Instant due) {
        if (!enabled() || due.isAfter(clock.instant().plus(properties.prepareAhead()))) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    lookSoon();
                }
            });
        } else {
            lookSoon();
        }
    }

    /**
     * Asks for a look on this instance's looking thread, which the caller (a request, the regular job) never waits
     * for: a look may wait long for free threads.
     */
    void lookSoon() {
        if (!enabled()) {
            return;
        }
        lookAgain.set(true);
        if (!looking.get() && !looker.isShutdown()) {
            looker.execute(this::look);
        }
    }

    /**
     * Takes up the deliveries due soon while threads are free, and waits for threads while more are due. One look
     * at a time; a look asked for meanwhile runs on.
     */
    private void look() {
        if (!looking.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                lookAgain.set(false);
                lookOnce();
            } while (lookAgain.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Looking for deliveries to prepare ahead of their time failed ({}); the next look tries again",
                    e.getClass().getSimpleName());
        } finally {
            looking.set(false);
        }
        // Asked for between the last round and the flag's reset: not lost.
        if (lookAgain.get() && !Thread.currentThread().isInterrupted()) {
            lookSoon();
        }
    }

    private void lookOnce() throws InterruptedException {
        while (true) {
            // One thread free at least (waiting for it), then as many as are free.
            if (!free.tryAcquire(1, TimeUnit.SECONDS)) {
                continue;
            }
            int slots = 1 + free.drainPermits();
            List<Due> taken = List.of();
            try {
                taken = take(slots);
            } finally {
                // The threads nothing was handed to (all of them when the database did not answer) stay free.
                free.release(slots - taken.size());
            }
            for (Due due : taken) {
                threads.execute(() -> {
                    try {
                        publisher.prepare(due.tenantId(), due.deliveryId());
                    } catch (RuntimeException e) {
                        log.warn("Preparing delivery {} ahead of its time failed ({}); it is made in full at its "
                                + "time", due.deliveryId(), e.getClass().getSimpleName());
                    } finally {
                        free.release();
                    }
                });
            }
            if (taken.size() < slots) {
                return;
            }
        }
    }

    /** Up to {@code most} deliveries due soon that no one took up, each taken up here. */
    private List<Due> take(int most) {
        Instant now = clock.instant();
        return currentTenant.callAsPlatform("deliveries to prepare ahead of their time", () -> {
            List<Object[]> candidates = tx.execute(status -> posts.toPrepare(now.plus(Preparation.TOO_CLOSE),
                    now.plus(properties.prepareAhead()), Limit.of(most)));
            List<Due> taken = new ArrayList<>();
            for (Object[] row : candidates) {
                UUID deliveryId = (UUID) row[0];
                Integer claimed = tx.execute(status -> posts.claimPreparation(deliveryId, now));
                if (claimed != null && claimed == 1) {
                    taken.add(new Due(deliveryId, new TenantId((UUID) row[1])));
                }
            }
            return taken;
        });
    }

    private boolean enabled() {
        return !properties.prepareAhead().isZero();
    }

    @Override
    public void destroy() throws InterruptedException {
        looker.shutdownNow();
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
