package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's resumable upload host ({@code rupload.facebook.com}) as Facebook Reels and video Stories use it:
 * {@code POST /video-upload/{version}/{video-id}} with {@code Authorization: OAuth {page token}} and the
 * {@code file_url} header, answered {@code {"success": true}} or with the host's own error shape,
 * {@code {"debug_info": {"retriable", "type", "message"}}}. Faults armed for the operation {@code rupload} apply.
 */
@RestController
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxUploadController {

    static final String PATH = "/sandbox/rupload/video-upload/{version}";

    private final MetaSandbox sandbox;
    private final SandboxVideos videos;
    private final SandboxFaults faults;
    private final JsonMapper json;

    SandboxUploadController(MetaSandbox sandbox, SandboxVideos videos, SandboxFaults faults, JsonMapper json) {
        this.sandbox = sandbox;
        this.videos = videos;
        this.faults = faults;
        this.json = json;
    }

    @PostMapping(path = PATH + "/{videoId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> upload(@PathVariable String videoId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "file_url", required = false) String fileUrl) {
        var fault = faults.next("rupload").orElse(null);
        try {
            if (fault != null && fault.latency() != null && !fault.latency().isZero()) {
                Thread.sleep(fault.latency());
            }
            if (fault != null && fault.code() != null && fault.afterSuccess()) {
                take(videoId, authorization, fileUrl);
            }
            if (fault != null && fault.code() != null) {
                throw new SandboxVideos.UploadRefused(fault.httpStatus(), fault.isTransient()
                        ? "TransientError" : "ProcessingFailedError", fault.message() == null
                        ? "Sandbox fault" : fault.message());
            }
            return ResponseEntity.ok(json.writeValueAsString(take(videoId, authorization, fileUrl)));
        } catch (SandboxVideos.UploadRefused e) {
            Map<String, Object> debug = new LinkedHashMap<>();
            debug.put("retriable", e.httpStatus >= 500 || "TransientError".equals(e.type));
            debug.put("type", e.type);
            debug.put("message", e.getMessage());
            return ResponseEntity.status(e.httpStatus).contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(Map.of("debug_info", debug)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(503).build();
        }
    }

    private Map<String, Object> take(String videoId, String authorization, String fileUrl) {
        if (authorization == null || !authorization.startsWith("OAuth ")) {
            throw new SandboxVideos.UploadRefused(401, "AuthError", "Give the Page token as Authorization: OAuth "
                    + "{token}.");
        }
        MetaSandbox.Token token;
        try {
            token = sandbox.validate(authorization.substring("OAuth ".length()), null);
        } catch (SandboxGraphException e) {
            throw new SandboxVideos.UploadRefused(401, "AuthError", e.getMessage());
        }
        String pageId = videos.pageOf(videoId).orElseThrow(() -> new SandboxVideos.UploadRefused(400,
                "NotFoundError", "No upload session " + videoId + "."));
        boolean allowed = token.type() == MetaSandbox.Type.PAGE ? pageId.equals(token.pageId())
                : sandbox.user(token.grant().userId()).map(u -> u.pages().stream()
                        .anyMatch(page -> page.id().equals(pageId))).orElse(false);
        if (!allowed || !sandbox.scopes(token).contains("pages_manage_posts")) {
            throw new SandboxVideos.UploadRefused(403, "PermissionError", "The token may not publish on this Page.");
        }
        return videos.upload(videoId, pageId, fileUrl);
    }
}
