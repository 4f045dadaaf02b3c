package io.gantry.network;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH binary encoding (RFC 4251 section 5) of keys: uint32, string and mpint. */
final class SshWire {

    private SshWire() {
    }

    /** Reads from a key blob; anything short or out of bounds is a malformed key. */
    static final class Reader {

        private final ByteBuffer buffer;

        Reader(byte[] bytes) {
            buffer = ByteBuffer.wrap(bytes);
        }

        byte[] bytes() {
            if (buffer.remaining() < 4) {
                throw SshPublicKey.malformed();
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw SshPublicKey.malformed();
            }
            byte[] value = new byte[length];
            buffer.get(value);
            return value;
        }

        String string() {
            return new String(bytes(), StandardCharsets.ISO_8859_1);
        }

        BigInteger mpint() {
            byte[] value = bytes();
            return value.length == 0 ? BigInteger.ZERO : new BigInteger(value);
        }

        boolean atEnd() {
            return !buffer.hasRemaining();
        }
    }

    static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer bytes(byte[] value) {
            uint32(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer string(String value) {
            return bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        /** Two's complement, shortest form; zero is the empty string. */
        Writer mpint(BigInteger value) {
            return bytes(value.signum() == 0 ? new byte[0] : value.toByteArray());
        }

        /** Bytes as they are, without a length in front. */
        Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
