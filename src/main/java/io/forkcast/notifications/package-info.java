/**
 * E-mail to the people of a restaurant: invitations, password resets and notices (a delivery failed, an account
 * needs reconnecting, a post waits for approval or was decided on), sent through SMTP after the action that caused them has committed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package io.forkcast.notifications;
