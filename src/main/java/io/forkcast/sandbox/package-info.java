/**
 * A faithful local stand-in for the outside services Forkcast talks to (Meta's Graph API and OAuth dialog), for
 * the embedded default, demos and tests; never on in production.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sandbox")
package io.forkcast.sandbox;
