package io.forkcast.assets;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code concurrent-decodes} threads every photo and video of an instance is decoded on, while the upload's own
 * thread waits for the result.
 *
 * <p>Two things bound here rather than by a count of permits on whichever thread the request came on: how many
 * decoded pictures are in memory at once, and which threads allocate the native decoders' buffers. libjpeg-turbo and
 * FFmpeg take theirs from the C library's allocator, which keeps an arena per thread that allocated and holds on to
 * what was freed there; decoding on any of the 8 request threads left an upload run's process about 160 MB larger
 * than decoding on 2 (bench/README.md, "bench/upload.sh").
 */
@Component
class DecodeThreads {

    private final ExecutorService threads;

    DecodeThreads(AssetsProperties properties) {
        this.threads = Executors.newFixedThreadPool(properties.concurrentDecodes(),
                Thread.ofPlatform().name("decode-", 1).daemon().factory());
    }

    /**
     * Runs {@code work} on one of the threads, after the decodes queued before it, and answers its result; what it
     * throws is thrown here as it was.
     */
    <T> T run(Callable<T> work) {
        Future<T> result = threads.submit(work);
        try {
            return result.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                default -> throw new IllegalStateException("Decoding failed", e.getCause());
            }
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a decode", e);
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
