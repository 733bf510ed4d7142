package io.forkcast.tenancy.web;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantClosures;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

@Tag(name = "Account closure", description = "Closing a restaurant's account (admin scope): its keys and sign-ins "
        + "stop at once, its scheduled deliveries are held, and after the grace period everything it owns is deleted. "
        + "The operator can restore it until then.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/closure")
class ClosureController {

    /** The restaurant's name, typed again, so that an account is never closed by a slip. */
    record CloseRequest(@NotBlank @Size(max = 200) String confirmName) {
    }

    record ClosureResponse(UUID tenantId, Instant closedAt, String closedBy, Instant deleteAfter) {

        static ClosureResponse of(TenantClosures.Closure closure) {
            return new ClosureResponse(closure.tenantId().value(), closure.closedAt(), closure.closedBy(),
                    closure.deleteAfter());
        }
    }

    private final TenantClosures closures;

    ClosureController(TenantClosures closures) {
        this.closures = closures;
    }

    @Operation(summary = "Close the restaurant's account",
            description = "`confirm_name` must repeat the restaurant's name. The key used stops working at once.")
    @ApiResponse(responseCode = "201", description = "Closed", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The account is already closed.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ClosureResponse close(@PathVariable UUID tenantId, @Valid @RequestBody CloseRequest request) {
        String caller = SecurityContextHolder.getContext().getAuthentication().getName();
        return ClosureResponse.of(closures.close(new TenantId(tenantId), request.confirmName(), caller));
    }

    @Operation(summary = "The account's closure, while it is closed (404 when it is open)")
    @GetMapping
    ClosureResponse get(@PathVariable UUID tenantId) {
        return closures.find(new TenantId(tenantId)).map(ClosureResponse::of)
                .orElseThrow(() -> DomainException.notFound("Closure"));
    }

    @Operation(summary = "Restore a closed account within its grace period (operator only)")
    @ApiResponse(responseCode = "204", description = "Restored")
    @ApiResponse(responseCode = "409", description = "The account is not closed.")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void restore(@PathVariable UUID tenantId) {
        String caller = SecurityContextHolder.getContext().getAuthentication().getName();
        closures.restore(new TenantId(tenantId), caller);
    }
}
