package io.forkcast.posts;

import io.forkcast.meta.GraphError;

/** Graph's failures as sentences a restaurant owner can act on. */
final class OwnerMessages {

    private OwnerMessages() {
    }

    static String of(GraphError e) {
        Integer code = e.code();
        Integer subcode = e.subcode();
        if (e instanceof FacebookMedia.VideoFailed video) {
            return "IN_PROGRESS".equals(e.graphMessage())
                    ? "Facebook is taking long to process the video; retry the post later: Forkcast looks at the "
                            + "same upload first and will not post it twice."
                    : "Facebook could not process the video" + (video.reason() == null ? "" : " (" + video.reason()
                            + ")") + "; check that it is an MP4 or MOV file with H.264 or HEVC video and AAC sound, "
                            + "upload a new copy and retry.";
        }
        if (e instanceof Publisher.ContainerFailed) {
            return switch (e.graphMessage()) {
                case "EXPIRED" -> "Instagram's upload kept expiring before it could be published; retry the post.";
                case "IN_PROGRESS" -> "Instagram took too long to prepare the photo; retry the post.";
                default -> "Instagram could not prepare the photo; check that it is a JPEG of at most 8 MB, 320 to "
                        + "1440 pixels wide, between 4:5 and 1.91:1, and retry.";
            };
        }
        if (subcode != null) {
            switch (subcode) {
                case 2207004: return "Instagram needs the image at most 8 MB; upload a smaller photo and retry.";
                case 2207005: return "Instagram accepts only JPEG photos; upload the photo as a JPEG and retry.";
                case 2207009: return "Instagram needs the photo between 4:5 (portrait) and 1.91:1 (landscape) and 320 "
                        + "to 1440 pixels wide; crop or resize it and retry (Instagram said: " + e.graphMessage() + ")";
                case 2207052: return "Instagram could not download the photo from Forkcast; check that it is still "
                        + "in your library and retry.";
                case 2207003: return "Instagram could not download the image in time; it will be tried again.";
                case 2207020: return "Instagram's upload expired before it was published; retry the post.";
                case 2207042: return "The Instagram account reached its daily publishing limit; it will be tried later.";
                case 2207051: return "Instagram blocked the post as possible spam; change the caption and retry.";
                case 2207050: return "The Instagram account is restricted; check it in the Instagram app.";
                default: break;
            }
        }
        if (code == null && e.kind() == GraphError.Kind.INVALID_REQUEST) {
            // Meta's upload host answers without Graph's code: it could not take the video file.
            return "Facebook could not take the video file (" + e.graphMessage() + "); check that it is still in "
                    + "your library and retry.";
        }
        if (code == null) {
            return "Facebook did not answer; the post will be tried again.";
        }
        return switch (e.kind()) {
            case AUTH_INVALID -> "Reconnect your Facebook page: the access was revoked or expired.";
            case PERMISSION -> "Forkcast lacks a permission to publish on this account; reconnect it and grant "
                    + "every permission asked.";
            case RATE_LIMITED -> "Facebook asked us to slow down; the post will be tried again shortly.";
            case TRANSIENT -> "Facebook had a temporary problem; the post will be tried again.";
            case INVALID_REQUEST -> code == 324 ? "Facebook could not download the photo or read it as an image; "
                    + "choose another photo and retry."
                    : code == 506 ? "Facebook refused a duplicate of a recent post; change the caption."
                    : code == 352 ? "Facebook cannot read this video's format; export it as an MP4 (H.264 video, AAC "
                            + "sound), upload it again and retry."
                    : code == 389 ? "Facebook could not download the video from Forkcast; check that it is still in "
                            + "your library and retry."
                    : "Facebook refused the post: " + e.graphMessage();
            default -> "Facebook refused the post (code " + e.codeText() + "): " + e.graphMessage();
        };
    }
}
