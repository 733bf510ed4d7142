/**
 * The few types every module uses: problem-detail errors, cursor pages and time-ordered ids.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.forkcast.shared;
