package io.forkcast.web;

/** The dashboard session cookie's name (set in application.yaml, with HttpOnly and SameSite=Lax). */
final class SessionCookie {

    static final String NAME = "FORKCAST_SESSION";

    private SessionCookie() {
    }
}
