/**
 * The restaurant's autopilot: daily specials drafted (or published) at a set local time each day, public holidays
 * of the restaurant's country and region and its own events in a "coming up" list, each with a one-click draft,
 * and the drafts the owner approves in one click.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Autopilot")
package io.forkcast.autopilot;
