package io.forkcast.assets;

import java.util.List;
import java.util.UUID;

/**
 * What comes with an uploaded file: where it goes and how it is shown.
 *
 * @param folderId the folder to put it in, or {@code null} for none
 * @param tags tags; each may also hold several, comma-separated
 * @param altText a description for people who cannot see the image (Instagram's alt text)
 * @param fit how the Instagram derivative meets Instagram's aspect ratios: {@code crop} (centre, the default) or {@code pad}
 * @param padColor the padding colour with {@code pad}, {@code #RRGGBB} (white by default)
 */
public record NewAsset(UUID folderId, List<String> tags, String altText, String fit, String padColor) {
}
