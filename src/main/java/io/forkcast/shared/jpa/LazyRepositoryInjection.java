package io.forkcast.shared.jpa;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.data.repository.Repository;

/**
 * Injects Spring Data repositories as lazy proxies when the application runs Spring's ahead-of-time code, as Spring
 * Data does itself otherwise.
 *
 * <p>With {@code spring.data.jpa.repositories.bootstrap-mode=deferred}, Hibernate's boot (the entity manager factory)
 * runs on the application task executor beside the rest of the start, and the repositories are made once the
 * context is refreshed. That holds only while the beans that use a repository are given a proxy for it: Spring Data
 * installs the resolver that makes one when it registers the repositories, which the ahead-of-time code did at build
 * time. Without it the first bean with a repository made the start wait for Hibernate there.
 */
final class LazyRepositoryInjection implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Spring Data's own resolver, when it is there, is left alone (it also knows which repositories are lazy).
        if (AotDetector.useGeneratedArtifacts() && beanFactory instanceof DefaultListableBeanFactory factory
                && factory.getAutowireCandidateResolver().getClass()
                        == ContextAnnotationAutowireCandidateResolver.class) {
            factory.setAutowireCandidateResolver(new LazyRepositories());
        }
    }

    /** A proxy for every repository interface injected, the repository made at its first use. */
    static final class LazyRepositories extends ContextAnnotationAutowireCandidateResolver {

        @Override
        protected boolean isLazy(DependencyDescriptor descriptor) {
            Class<?> type = descriptor.getDependencyType();
            return super.isLazy(descriptor) || type.isInterface() && Repository.class.isAssignableFrom(type);
        }
    }
}
