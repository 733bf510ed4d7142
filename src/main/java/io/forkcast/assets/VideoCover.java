package io.forkcast.assets;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.UUID;

/**
 * The cover of a video, shown on the grid and sent to the networks that take one: a frame of the video
 * ({@code offsetMs}) or a photo of the library ({@code assetId}); exactly one of them.
 */
public record VideoCover(
        @Schema(description = "The frame at this many milliseconds from the start", example = "1500")
        @PositiveOrZero Long offsetMs,
        @Schema(description = "A photo of the library to use as the cover", format = "uuid")
        UUID assetId) {
}
