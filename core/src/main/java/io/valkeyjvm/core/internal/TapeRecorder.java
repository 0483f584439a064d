package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.AofOutput;
import io.valkeyjvm.core.RdbOutput;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Records what save (and then AOF rewrite) code writes, as the loader replays it in C
 * (loader-c/src/tape.h): the save records (a tag byte, then native-order numbers or a u64 length
 * and bytes), then the AOF records. The tape goes to the loader's sink in server memory in chunks
 * of at most {@link #CHUNK} bytes (a large string directly from its array), so recording a value
 * needs no heap beyond that, whatever the value's size. Main thread only.
 */
final class TapeRecorder implements RdbOutput, AofOutput {
    static final int CHUNK = 8192;
    private static final byte KEY_ARGUMENT = 0;
    private static final byte BYTES_ARGUMENT = 1;

    /** The chunk of the last recording, reused by the next (recordings run one at a time, on the main thread). */
    private static byte @Nullable [] spareChunk;

    private final long sink;
    private final ByteBuffer chunk;
    private boolean inAof;

    TapeRecorder(long sink) {
        this.sink = sink;
        byte[] reused = spareChunk;
        spareChunk = null;
        chunk = ByteBuffer.wrap(reused != null ? reused : new byte[CHUNK]).order(ByteOrder.nativeOrder());
    }

    private void flush() {
        if (chunk.position() == 0) return;
        NativeAccess.tapeWrite(sink, chunk.array(), 0, chunk.position());
        chunk.clear();
    }

    /** The chunk, with room for {@code bytes} (at most 9: a tag or kind and a number). */
    private ByteBuffer room(int bytes) {
        if (chunk.remaining() < bytes) flush();
        return chunk;
    }

    private ByteBuffer save(int bytes) {
        if (inAof) throw new IllegalStateException("save output must be written before AOF commands are emitted");
        return room(bytes);
    }

    private void putBytes(byte[] bytes) {
        if (bytes.length <= chunk.remaining()) {
            chunk.put(bytes);
        } else {
            flush();
            if (bytes.length < CHUNK) chunk.put(bytes);
            else NativeAccess.tapeWrite(sink, bytes, 0, bytes.length);
        }
    }

    private void putBytes(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            if (!chunk.hasRemaining()) flush();
            int count = Math.min(chunk.remaining(), bytes.remaining());
            chunk.put(bytes.slice().limit(count));
            bytes.position(bytes.position() + count);
        }
    }

    @Override
    public void writeUnsigned(long value) {
        save(9).put((byte) 'U').putLong(value);
    }

    @Override
    public void writeSigned(long value) {
        save(9).put((byte) 'S').putLong(value);
    }

    @Override
    public void writeDouble(double value) {
        save(9).put((byte) 'D').putDouble(value);
    }

    @Override
    public void writeFloat(float value) {
        save(5).put((byte) 'F').putFloat(value);
    }

    @Override
    public void writeLongDouble(double value) {
        save(9).put((byte) 'L').putDouble(value);
    }

    @Override
    public void writeString(ValkeyString value) {
        save(9).put((byte) 'B').putLong(value.length());
        putBytes(value.asByteBuffer());
    }

    @Override
    public void writeBytes(byte[] value) {
        save(9).put((byte) 'B').putLong(value.length);
        putBytes(value);
    }

    @Override
    public void emit(String command, Object... args) {
        if (!inAof) startAof();
        room(9).put((byte) 'E').putLong(args.length + 1L);
        putArgument(command.getBytes(StandardCharsets.UTF_8));
        for (Object arg : args) {
            if (arg == AofOutput.KEY) room(1).put(KEY_ARGUMENT);
            else putArgument(bytesOf(arg));
        }
    }

    private void putArgument(byte[] bytes) {
        room(9).put(BYTES_ARGUMENT).putLong(bytes.length);
        putBytes(bytes);
    }

    private static byte[] bytesOf(Object arg) {
        if (arg instanceof ValkeyString) return ((ValkeyString) arg).toByteArray();
        if (arg instanceof byte[]) return (byte[]) arg;
        if (arg instanceof String || arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte)
            return arg.toString().getBytes(StandardCharsets.UTF_8);
        if (arg instanceof Double || arg instanceof Float) return String.valueOf(((Number) arg).doubleValue()).getBytes(StandardCharsets.US_ASCII);
        throw new IllegalArgumentException("an AOF argument must be a ValkeyString, byte[], String, number or AofOutput.KEY, not "
                + (arg == null ? "null" : arg.getClass().getName()));
    }

    private void startAof() {
        flush();
        NativeAccess.tapeSection(sink);
        inAof = true;
    }

    /** Sends the rest of the tape; the loader closes it. */
    void finish() {
        if (!inAof) startAof();
        flush();
        spareChunk = chunk.array();
    }
}
