package io.forkcast.assets;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.bytedeco.ffmpeg.avutil.AVSHA;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of an upload, fed as it is copied; one per upload, closed after it.
 *
 * <p>Two implementations give the same digest. The JDK's is the one to use where the JIT's optimising compiler runs:
 * it compiles the digest to the processor's SHA instructions (about 1.5 GB/s here). A small instance runs the quick
 * compiler only (docs/operations.md, "Memory"), which does not: there the JDK's digest is plain compiled Java at about
 * 130 MB/s, some 22 ms of CPU for a 3 MB phone photo, and FFmpeg's (libavutil, C) does about 300 MB/s. So an instance
 * without the optimising compiler hashes with libavutil where its natives load, and every other with the JDK.
 */
sealed interface ContentHash extends AutoCloseable permits ContentHash.Jdk, ContentHash.Native {

    /** A new SHA-256, the faster of the two on this JVM. */
    static ContentHash sha256() {
        return Native.PREFERRED ? new Native() : new Jdk();
    }

    void update(byte[] bytes, int offset, int length);

    /** The digest of everything fed, in lower-case hex; nothing may be fed after it. */
    String hex();

    @Override
    void close();

    /** The JDK's SHA-256. */
    final class Jdk implements ContentHash {

        private final MessageDigest digest;

        Jdk() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public void close() {
        }
    }

    /**
     * libavutil's SHA-256, fed through a native buffer of its own (its position stays 0: JavaCPP's bulk put copies
     * to it without moving it); its memory is freed on close.
     */
    final class Native implements ContentHash {

        private static final Logger log = LoggerFactory.getLogger(ContentHash.class);
        private static final int BUFFER_BYTES = 64 * 1024;
        private static final int DIGEST_BYTES = 32;

        /** Whether this JVM lacks the optimising compiler's SHA-256 and libavutil loads here. */
        static final boolean PREFERRED = !optimisedJdkDigest() && loads();

        private final AVSHA context;
        private final BytePointer buffer;
        private boolean closed;

        Native() {
            context = avutil.av_sha_alloc();
            if (context == null || context.isNull()) {
                throw new OutOfMemoryError("libavutil could not allocate a SHA-256 context");
            }
            buffer = new BytePointer(BUFFER_BYTES);
            avutil.av_sha_init(context, DIGEST_BYTES * 8);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            while (length > 0) {
                int chunk = Math.min(length, BUFFER_BYTES);
                buffer.put(bytes, offset, chunk);
                avutil.av_sha_update(context, buffer, chunk);
                offset += chunk;
                length -= chunk;
            }
        }

        @Override
        public String hex() {
            byte[] digest = new byte[DIGEST_BYTES];
            try (BytePointer out = new BytePointer(DIGEST_BYTES)) {
                avutil.av_sha_final(context, out);
                out.get(digest);
            }
            return HexFormat.of().formatHex(digest);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                avutil.av_free(context);
                buffer.close();
            }
        }

        /** Whether the optimising compiler runs and compiles the JDK's SHA-256 to the processor's instructions. */
        static boolean optimisedJdkDigest() {
            try {
                HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                return Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4
                        && Boolean.parseBoolean(vm.getVMOption("UseSHA256Intrinsics").getValue());
            } catch (RuntimeException e) {
                return true;  // not HotSpot: its own JIT, which we do not second-guess
            }
        }

        /** Whether libavutil's natives load here (only libavutil: the codecs load with the first video). */
        static boolean loads() {
            try {
                Loader.load(avutil.class);
                return true;
            } catch (LinkageError | RuntimeException e) {
                log.info("Uploads are hashed with the JDK's SHA-256: libavutil does not load on {} {}: {}",
                        System.getProperty("os.name"), System.getProperty("os.arch"), e.toString());
                return false;
            }
        }
    }
}
