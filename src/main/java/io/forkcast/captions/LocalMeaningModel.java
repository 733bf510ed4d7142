package io.forkcast.captions;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions), run in-process by ONNX Runtime from the model file inside its
 * Maven artifact: nothing is downloaded at run time. Loading takes about a second of CPU and some 100 MB of
 * memory, so it happens on a background thread started by the first caption that needs it, never at start-up nor
 * right after it (on a small machine it would compete with the start and with the first requests, and an instance
 * that writes no captions would carry the memory for nothing); a caption that arrives while it loads waits at most
 * {@code loadTimeout}.
 * The model was trained on English: it places French, Spanish, Italian and German sentences less reliably, and
 * the wording measure stays beside it for every language.
 */
final class LocalMeaningModel implements MeaningModel {

    static final String NAME = "all-minilm-l6-v2-q";

    private static final Logger log = LoggerFactory.getLogger(LocalMeaningModel.class);

    private final Duration loadTimeout;
    private volatile CompletableFuture<EmbeddingModel> model;

    LocalMeaningModel(Duration loadTimeout) {
        this.loadTimeout = loadTimeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Starts loading the model in the background, once. */
    CompletableFuture<EmbeddingModel> warmUp() {
        CompletableFuture<EmbeddingModel> loading = model;
        if (loading == null) {
            synchronized (this) {
                if (model == null) {
                    model = CompletableFuture.supplyAsync(() -> {
                        long started = System.nanoTime();
                        EmbeddingModel loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                        loaded.embed("warm up");
                        log.info("Caption meaning model {} loaded in {} ms", NAME,
                                (System.nanoTime() - started) / 1_000_000);
                        return loaded;
                    }, runnable -> Thread.ofPlatform().name("caption-meaning-load").daemon().start(runnable));
                }
                loading = model;
            }
        }
        return loading;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        EmbeddingModel loaded;
        try {
            loaded = warmUp().get(loadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MeaningUnavailable("the meaning model is still loading");
        } catch (ExecutionException e) {
            log.warn("Caption meaning model {} could not be loaded: {}", NAME, e.getCause().toString());
            throw new MeaningUnavailable("the meaning model could not be loaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeaningUnavailable("interrupted while the meaning model loaded");
        }
        List<Embedding> vectors = loaded.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        return vectors.stream().map(e -> Meaning.unit(e.vector())).toList();
    }
}
