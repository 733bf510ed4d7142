/**
 * The sandbox's OpenAI side: an OpenAI-compatible chat completions and embeddings API that answers from the
 * prompt, with injectable rate limits, errors and slow answers, so the OpenAI-compatible caption writer runs and
 * is tested end to end without a provider.
 */
package io.forkcast.sandbox.openai;
