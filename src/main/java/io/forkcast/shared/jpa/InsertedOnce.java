package io.forkcast.shared.jpa;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is ours (not generated) and that has no nullable version: without this Spring Data takes every
 * such entity for an existing one and merges it, a SELECT by id before each INSERT. New when made by the application
 * ({@link #InsertedOnce(boolean)} with {@code true}), not new once inserted or when loaded by JPA.
 */
@MappedSuperclass
public abstract class InsertedOnce<ID> implements Persistable<ID> {

    @Transient
    private boolean unsaved;

    /** For JPA: a loaded row. */
    protected InsertedOnce() {
    }

    /** {@code true} for an entity the application has just made, to be inserted as it is. */
    protected InsertedOnce(boolean unsaved) {
        this.unsaved = unsaved;
    }

    @PostPersist
    void inserted() {
        unsaved = false;
    }

    @Override
    public boolean isNew() {
        return unsaved;
    }
}
