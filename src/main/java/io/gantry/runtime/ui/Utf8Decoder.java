package io.gantry.runtime.ui;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a stream of UTF-8 bytes, read in arbitrary chunks, into text. A character whose bytes are split between two
 * chunks is held back until its last byte arrives; bytes that are not UTF-8 become the replacement character, as a
 * terminal shows them.
 */
final class Utf8Decoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The bytes of a character begun in an earlier chunk (at most three), followed by the next chunk. */
    private ByteBuffer carried = ByteBuffer.allocate(0);

    /** The text that the bytes read so far complete. */
    String decode(byte[] bytes, int offset, int length) {
        ByteBuffer input = carried.hasRemaining() ? join(carried, bytes, offset, length)
                : ByteBuffer.wrap(bytes, offset, length);
        String text = run(input, false);
        carried = input.hasRemaining() ? copyOf(input) : ByteBuffer.allocate(0);
        return text;
    }

    /** At the end of the stream: an unfinished character becomes the replacement character. */
    String finish() {
        String text = run(carried, true);
        CharBuffer tail = CharBuffer.allocate(4);
        decoder.flush(tail);
        carried = ByteBuffer.allocate(0);
        return text + tail.flip();
    }

    private String run(ByteBuffer input, boolean endOfInput) {
        CharBuffer output = CharBuffer.allocate((int) (input.remaining() * (double) decoder.maxCharsPerByte()) + 4);
        CoderResult result = decoder.decode(input, output, endOfInput);
        if (result.isOverflow()) {
            throw new IllegalStateException("Decoder output sized too small: " + result);
        }
        return output.flip().toString();
    }

    private static ByteBuffer join(ByteBuffer head, byte[] bytes, int offset, int length) {
        ByteBuffer joined = ByteBuffer.allocate(head.remaining() + length);
        joined.put(head).put(bytes, offset, length);
        return joined.flip();
    }

    private static ByteBuffer copyOf(ByteBuffer remaining) {
        ByteBuffer copy = ByteBuffer.allocate(remaining.remaining());
        return copy.put(remaining).flip();
    }
}
