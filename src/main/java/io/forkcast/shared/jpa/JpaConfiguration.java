package io.forkcast.shared.jpa;

import org.hibernate.cfg.MappingSettings;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class JpaConfiguration {

    @Bean
    HibernatePropertiesCustomizer jsonFormatMapper() {
        // A plain mapper, not the web one: JSON columns keep the keys they were given (no snake_case rewrite).
        JsonMapper columnMapper = JsonMapper.builder().build();
        return properties -> properties.put(MappingSettings.JSON_FORMAT_MAPPER,
                new Jackson3JsonFormatMapper(columnMapper));
    }

    /** Repositories injected as proxies with Spring's ahead-of-time code too, so Hibernate boots beside the start. */
    @Bean
    static BeanFactoryPostProcessor lazyRepositoryInjection() {
        return new LazyRepositoryInjection();
    }
}
