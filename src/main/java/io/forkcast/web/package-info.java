/**
 * The restaurant owner's dashboard under {@code /app}: server-rendered pages (Thymeleaf, htmx) that call the same
 * application services as the API, behind a session sign-in of tenant users with roles.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard",
        allowedDependencies = {"shared", "tenancy", "quota", "accounts", "assets", "captions", "posts", "queue",
                "autopilot", "listing", "approvals", "audit", "rights", "webhooks"})
package io.forkcast.web;
