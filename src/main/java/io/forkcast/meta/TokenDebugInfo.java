package io.forkcast.meta;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code debug_token} says about a token.
 *
 * @param valid whether the token works
 * @param type USER, PAGE or APP
 * @param appId the app the token belongs to
 * @param userId the user who granted it
 * @param expiresAt when it expires, {@code null} for never
 * @param dataAccessExpiresAt when the app's data access ends unless the user comes back, if known
 * @param scopes the permissions granted
 * @param granularScopes per permission, the ids of the objects (pages, IG accounts) it was granted on; a
 *                       permission absent here applies to every object
 * @param errorCode for an invalid token, Graph's code (190)
 * @param errorSubcode for an invalid token, the subcode (460 password changed, 463 expired...)
 * @param errorMessage for an invalid token, Graph's message
 */
public record TokenDebugInfo(boolean valid, String type, String appId, String userId, Instant expiresAt,
        Instant dataAccessExpiresAt, List<String> scopes, Map<String, List<String>> granularScopes,
        Integer errorCode, Integer errorSubcode, String errorMessage) {

    /** Whether {@code scope} is granted on object {@code targetId}. */
    public boolean grants(String scope, String targetId) {
        if (!scopes.contains(scope)) {
            return false;
        }
        List<String> targets = granularScopes.get(scope);
        return targets == null || targets.contains(targetId);
    }
}
