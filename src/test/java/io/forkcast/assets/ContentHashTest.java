package io.forkcast.assets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentHashTest {

    static Stream<Arguments> implementations() {
        return Stream.of(
                Arguments.of("jdk", (Supplier<ContentHash>) ContentHash.Jdk::new),
                Arguments.of("libavutil", (Supplier<ContentHash>) ContentHash.Native::new),
                Arguments.of("chosen", (Supplier<ContentHash>) ContentHash::sha256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void knownDigests(String name, Supplier<ContentHash> implementation) {
        // FIPS 180-2's examples: the empty message, "abc", and the 448-bit message that spans two blocks.
        assertThat(hex(implementation, "")).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(implementation, "abc")).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(implementation, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).isEqualTo(
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void sameDigestAsTheJdkWhateverTheLengthsFed(String name, Supplier<ContentHash> implementation) throws Exception {
        Random random = new Random(42);
        // Around the block (64 bytes) and the native buffer (64 KiB), and a photo's size fed in uneven pieces.
        for (int size : new int[] {1, 63, 64, 65, 65_535, 65_536, 65_537, 200_000, 3_000_001}) {
            byte[] content = new byte[size + 10];
            random.nextBytes(content);
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            expected.update(content, 5, size);
            try (ContentHash hash = implementation.get()) {
                int offset = 5;
                int left = size;
                while (left > 0) {
                    int piece = Math.min(left, 1 + random.nextInt(150_000));
                    hash.update(content, offset, piece);
                    offset += piece;
                    left -= piece;
                }
                assertThat(hash.hex()).as("%d bytes", size).isEqualTo(HexFormat.of().formatHex(expected.digest()));
            }
        }
    }

    @Test
    void theNativeHashRefusesARangeOutsideItsArrayAndClosesOnce() {
        ContentHash hash = new ContentHash.Native();
        assertThatThrownBy(() -> hash.update(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        hash.close();
        hash.close();
    }

    private static String hex(Supplier<ContentHash> implementation, String text) {
        try (ContentHash hash = implementation.get()) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            hash.update(bytes, 0, bytes.length);
            return hash.hex();
        }
    }
}
