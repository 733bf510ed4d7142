package io.forkcast.captions.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.captions.CaptionRequest;
import io.forkcast.captions.Captions;
import io.forkcast.captions.DailyUsage;
import io.forkcast.captions.GeneratedCaption;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Tag(name = "Captions", description = "Captions written for the restaurant, different from its recent ones.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/captions")
class CaptionController {

    record CaptionsResponse(List<GeneratedCaption> variants) {
    }

    private final Captions captions;

    CaptionController(Captions captions) {
        this.captions = captions;
    }

    /** Answers with the variants and a {@code Server-Timing: generate;dur=<ms>} header (the time spent generating). */
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "503", description = "The caption writer is unavailable; `detail` says why.")
    ResponseEntity<CaptionsResponse> generate(@PathVariable UUID tenantId, @Valid @RequestBody CaptionRequest request) {
        long started = System.nanoTime();
        List<GeneratedCaption> variants = captions.generate(new TenantId(tenantId), request);
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Server-Timing", String.format(Locale.ROOT, "generate;dur=%.1f", millis))
                .body(new CaptionsResponse(variants));
    }

    @GetMapping("/usage")
    DailyUsage getCaptionUsage(@PathVariable UUID tenantId) {
        return captions.usageToday(new TenantId(tenantId));
    }

    @GetMapping("/{captionId}")
    GeneratedCaption get(@PathVariable UUID tenantId, @PathVariable UUID captionId) {
        return captions.find(new TenantId(tenantId), captionId)
                .orElseThrow(() -> DomainException.notFound("Caption"));
    }
}
