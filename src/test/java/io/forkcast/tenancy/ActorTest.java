package io.forkcast.tenancy;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An actor kept beside what it started (a connect link) reads back as who it was, or as nobody. */
class ActorTest {

    @Test
    void aKeptActorReadsBackByItsKindAndId() {
        UUID id = UUID.randomUUID();
        for (Actor.Kind kind : new Actor.Kind[] {Actor.Kind.USER, Actor.Kind.API_KEY}) {
            Actor actor = Actor.stored(kind.wireName(), id).orElseThrow();
            assertThat(actor.kind()).isEqualTo(kind);
            assertThat(actor.id()).isEqualTo(id);
            assertThat(actor.role()).isNull();
            assertThat(actor.scopes()).isEmpty();
        }
        Actor operator = Actor.stored("operator", null).orElseThrow();
        assertThat(operator.kind()).isEqualTo(Actor.Kind.OPERATOR);
        assertThat(operator.id()).isNull();
    }

    @Test
    void nothingKeptAnUnknownKindOrAUserWithoutAnIdIsNobody() {
        assertThat(Actor.stored(null, null)).isEmpty();
        assertThat(Actor.stored("robot", UUID.randomUUID())).isEmpty();
        assertThat(Actor.stored("user", null)).isEmpty();
        assertThat(Actor.stored("api_key", null)).isEmpty();
    }

    @Test
    void aKeptActorDecidesNothingOnItsOwn() {
        // Without the role it had then, a kept user is not taken for an approver.
        assertThat(Actor.stored("user", UUID.randomUUID()).orElseThrow().manages()).isFalse();
    }
}
