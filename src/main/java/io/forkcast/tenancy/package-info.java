/**
 * Tenants (restaurants), their plans, users and API keys, who is calling, and the rules that keep one
 * tenant's data away from every other tenant.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package io.forkcast.tenancy;
