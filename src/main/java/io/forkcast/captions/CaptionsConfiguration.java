package io.forkcast.captions;

import io.forkcast.shared.PublicUrls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

@Configuration(proxyBeanMethods = false)
class CaptionsConfiguration {

    /** The key the built-in sandbox accepts; used only when no base URL is configured. */
    static final String SANDBOX_KEY = "sk-sandbox-forkcast";

    /** The configured writer ({@code forkcast.captions.writer}). */
    @Bean
    CaptionWriter captionWriter(CaptionsProperties properties, PublicUrls publicUrls) {
        return switch (properties.writer()) {
            case OFFLINE -> new OfflineCaptionWriter();
            case OPENAI -> openAi(properties.openai(), publicUrls);
        };
    }

    /** The meaning measure ({@code forkcast.captions.meaning.provider}). */
    @Bean
    Meaning captionMeaning(CaptionsProperties properties, PublicUrls publicUrls) {
        CaptionsProperties.ByMeaning settings = properties.meaning();
        return new Meaning(switch (settings.provider()) {
            case NONE -> MeaningModel.NONE;
            case LOCAL -> new LocalMeaningModel(settings.loadTimeout());
            case OPENAI -> {
                CaptionsProperties.OpenAi openai = properties.openai();
                URI configured = openai.baseUrl();
                String key = openai.apiKey() == null || openai.apiKey().isBlank() ? SANDBOX_KEY : openai.apiKey();
                yield configured == null
                        ? new OpenAiMeaningModel(settings.model(), () -> publicUrls.resolve("/sandbox/openai/v1"), key,
                                openai.timeout())
                        : new OpenAiMeaningModel(settings.model(), () -> configured, key, openai.timeout());
            }
        });
    }

    private static CaptionWriter openAi(CaptionsProperties.OpenAi settings, PublicUrls publicUrls) {
        // A plain mapper: the OpenAI wire format is spelled out in maps, and unknown response fields are normal.
        JsonMapper json = JsonMapper.builder().build();
        URI configured = settings.baseUrl();
        if (configured == null) {
            // Resolved at each call: the local port is known only once the server has started.
            return new OpenAiCaptionWriter(settings, () -> publicUrls.resolve("/sandbox/openai/v1"),
                    settings.apiKey() == null || settings.apiKey().isBlank() ? SANDBOX_KEY : settings.apiKey(), json);
        }
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new IllegalStateException("forkcast.captions.openai.api-key is required when "
                    + "forkcast.captions.openai.base-url is set (forkcast.captions.writer=openai)");
        }
        return new OpenAiCaptionWriter(settings, () -> configured, settings.apiKey(), json);
    }
}
