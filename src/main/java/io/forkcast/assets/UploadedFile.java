package io.forkcast.assets;

/**
 * A file as a client sent it, whatever the form of the request (a multipart part or the request's own body): its
 * bytes, read once, and what the client said about them. The client's words are labels the content must not
 * contradict; the content alone decides what the file is.
 *
 * @param name the name the client gave the file (sanitised before it is kept; never used as a storage key), or
 *             {@code null}: the asset is then named after its content ({@code image.jpg}, {@code video.mp4})
 * @param declaredType the media type the client gave the file ({@code Content-Type} of the part or of the body), or
 *                     {@code null}
 * @param declaredSize the length the client announced before sending the file, or {@link #UNKNOWN_SIZE} (a chunked
 *                     body; a multipart part, received whole before it is read; any negative length, as the Servlet
 *                     API answers for none, is taken for it): a file announced larger than the limit of the kind its
 *                     declared type names is refused before a byte of it is read
 * @param content the bytes
 */
public record UploadedFile(String name, String declaredType, long declaredSize, Assets.Content content) {

    public static final long UNKNOWN_SIZE = -1;

    public UploadedFile {
        declaredSize = declaredSize < 0 ? UNKNOWN_SIZE : declaredSize;
    }
}
