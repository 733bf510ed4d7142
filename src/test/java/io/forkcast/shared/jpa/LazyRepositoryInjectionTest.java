package io.forkcast.shared.jpa;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.SpringProperties;
import org.springframework.data.repository.Repository;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LazyRepositoryInjectionTest {

    interface Menus extends Repository<Object, Long> {
        String first();
    }

    record Kitchen(Menus menus) {
    }

    @AfterEach
    void leaveAheadOfTimeModeOff() {
        SpringProperties.setProperty("spring.aot.enabled", null);
    }

    @Test
    void aBeanGetsAProxyAndTheRepositoryIsMadeAtItsFirstUse() {
        AtomicInteger made = new AtomicInteger();
        DefaultListableBeanFactory factory = factoryWithKitchen(made);
        factory.setAutowireCandidateResolver(new LazyRepositoryInjection.LazyRepositories());

        Kitchen kitchen = factory.getBean(Kitchen.class);

        assertThat(made).hasValue(0);
        assertThat(kitchen.menus().first()).isEqualTo("Spring menu");
        assertThat(kitchen.menus().first()).isEqualTo("Spring menu");
        assertThat(made).hasValue(1);
    }

    @Test
    void withoutItTheRepositoryIsMadeWithTheBeanThatUsesIt() {
        AtomicInteger made = new AtomicInteger();
        DefaultListableBeanFactory factory = factoryWithKitchen(made);
        factory.setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());

        factory.getBean(Kitchen.class);

        assertThat(made).hasValue(1);
    }

    @Test
    void installedOnlyWithAheadOfTimeCodeAndOnlyInPlaceOfSpringsPlainResolver() {
        assertThat(resolverAfterPostProcessing(new ContextAnnotationAutowireCandidateResolver()))
                .isExactlyInstanceOf(ContextAnnotationAutowireCandidateResolver.class);

        SpringProperties.setFlag("spring.aot.enabled");
        assertThat(resolverAfterPostProcessing(new ContextAnnotationAutowireCandidateResolver()))
                .isInstanceOf(LazyRepositoryInjection.LazyRepositories.class);
        // Another resolver (Spring Data's own, when it registered the repositories at start-up) stays.
        SimpleAutowireCandidateResolver other = new SimpleAutowireCandidateResolver();
        assertThat(resolverAfterPostProcessing(other)).isSameAs(other);
    }

    private static AutowireCandidateResolver resolverAfterPostProcessing(AutowireCandidateResolver resolver) {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        factory.setAutowireCandidateResolver(resolver);
        new LazyRepositoryInjection().postProcessBeanFactory(factory);
        return factory.getAutowireCandidateResolver();
    }

    private static DefaultListableBeanFactory factoryWithKitchen(AtomicInteger made) {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        RootBeanDefinition menus = new RootBeanDefinition(Menus.class, () -> {
            made.incrementAndGet();
            return (Menus) () -> "Spring menu";
        });
        menus.setLazyInit(true);
        factory.registerBeanDefinition("menus", menus);
        RootBeanDefinition kitchen = new RootBeanDefinition(Kitchen.class);
        kitchen.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
        factory.registerBeanDefinition("kitchen", kitchen);
        return factory;
    }
}
