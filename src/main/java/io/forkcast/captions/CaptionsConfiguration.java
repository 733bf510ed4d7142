package io.forkcast.captions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CaptionsConfiguration {

    /** The configured writer ({@code forkcast.captions.writer}). */
    @Bean
    CaptionWriter captionWriter(CaptionsProperties properties) {
        return switch (properties.writer()) {
            case OFFLINE -> new OfflineCaptionWriter();
            case OPENAI -> throw new IllegalStateException("forkcast.captions.writer=openai is not available yet");
        };
    }
}
