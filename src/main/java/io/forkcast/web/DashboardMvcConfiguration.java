package io.forkcast.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * The dashboard's static files: its own CSS and scripts, and htmx and uPlot from their webjars. Under
 * {@code /app} so that they sit behind the dashboard's security chain (which lets them through unauthenticated);
 * Boot's default static mappings stay off.
 */
@Configuration(proxyBeanMethods = false)
class DashboardMvcConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/static/**").addResourceLocations("classpath:/static/app/")
                .setCacheControl(CacheControl.noCache());
        registry.addResourceHandler("/app/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic());
    }
}
