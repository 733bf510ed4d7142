package io.forkcast.shared.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Gives Tomcat {@link RequestWorkers} to serve requests with ({@code forkcast.http.workers.*}). */
@Configuration(proxyBeanMethods = false)
class RequestWorkersConfiguration {

    @Bean
    RequestWorkersCustomizer requestWorkers(HttpLimitsProperties limits, MeterRegistry meters) {
        return new RequestWorkersCustomizer(limits.workers(), meters);
    }

    /**
     * Runs after Boot's own customizers, among them the one that gives Tomcat a virtual thread per request; stops
     * the workers when the context closes, after the web server has stopped.
     */
    static final class RequestWorkersCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered, AutoCloseable {

        private final HttpLimitsProperties.Workers settings;
        private final MeterRegistry meters;
        private RequestWorkers workers;

        RequestWorkersCustomizer(HttpLimitsProperties.Workers settings, MeterRegistry meters) {
            this.settings = settings;
            this.meters = meters;
        }

        @Override
        public synchronized void customize(TomcatServletWebServerFactory factory) {
            if (settings.threads() < 0 || workers != null) {
                return;
            }
            workers = new RequestWorkers(settings.threads(), settings.maxWait(), meters);
            RequestWorkers executor = workers;
            factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(executor));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public synchronized void close() {
            if (workers != null) {
                workers.close();
            }
        }
    }
}
