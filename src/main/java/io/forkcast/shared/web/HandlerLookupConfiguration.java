package io.forkcast.shared.web;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Controllers' handler methods are looked up through an index of their path patterns. */
@Configuration(proxyBeanMethods = false)
class HandlerLookupConfiguration {

    @Bean
    WebMvcRegistrations indexedHandlerLookup() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedRequestMappingHandlerMapping();
            }
        };
    }
}
