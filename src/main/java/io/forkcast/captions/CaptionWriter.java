package io.forkcast.captions;

/**
 * The port behind which captions are written: a large language model behind an OpenAI-compatible API, or the
 * offline writer that composes from phrase banks. Writers return raw text; the rules (banned words, platform
 * limits) and anti-repetition are applied to it afterwards, whatever the writer promised.
 */
interface CaptionWriter {

    /** The writer's name as reported with each caption ({@code offline}, {@code openai}). */
    String name();

    /**
     * Writes one caption.
     *
     * @throws CaptionWriterUnavailable when the provider cannot produce one (after its own retries)
     */
    WrittenCaption write(CaptionBrief brief);

    /**
     * Writes the owner's reply to a guest's review, in the restaurant's voice.
     *
     * @throws CaptionWriterUnavailable when the provider cannot produce one (after its own retries)
     */
    WrittenCaption reply(ReplyBrief brief);

    /** One caption as a writer produced it, in the language it actually wrote, with what it cost. */
    record WrittenCaption(String text, String language, String writer, String model, long promptTokens,
            long completionTokens) {
    }
}
