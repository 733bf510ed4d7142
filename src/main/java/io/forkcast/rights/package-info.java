/**
 * The restaurant's data rights: archives of everything a tenant owns, written by a job from each module's export
 * parts and downloaded by a signed, expiring link.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data rights",
        allowedDependencies = {"shared", "tenancy", "assets"})
package io.forkcast.rights;
