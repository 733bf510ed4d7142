package io.forkcast.accounts;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

interface MetaDataDeletionRepository extends ListCrudRepository<MetaDataDeletion, String> {

    Optional<MetaDataDeletion> findByMetaUserSha256(String metaUserSha256);
}
