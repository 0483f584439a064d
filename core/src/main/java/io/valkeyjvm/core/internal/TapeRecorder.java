package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.*;

import io.valkeyjvm.core.AofOutput;
import io.valkeyjvm.core.RdbOutput;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Records what save (and then, while an AOF rewrite would read it, AOF rewrite) code writes, as
 * the loader replays it in C (loader-c/src/tape.h): the save records in the RDB's encoding of a
 * module value (an opcode, then an RDB length, a native-order number, or a length and bytes),
 * then the AOF records. The tape goes to the loader's sink in server memory in chunks of at most
 * {@link #CHUNK} bytes (a large string directly from its array), so recording a value needs no
 * heap beyond that, whatever the value's size. Main thread only.
 */
final class TapeRecorder implements RdbOutput, AofOutput {
    static final int CHUNK = 8192;

    /** The chunk of the last recording, reused by the next (recordings run one at a time, on the main thread). */
    private static byte @Nullable [] spareChunk;

    private final long sink;
    private final ByteBuffer chunk;
    private boolean saveDone;

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

    /** The chunk, with room for {@code bytes} (at most 10: an opcode or kind and a number). */
    private ByteBuffer room(int bytes) {
        if (chunk.remaining() < bytes) flush();
        return chunk;
    }

    private ByteBuffer save(int bytes) {
        if (saveDone) throw new IllegalStateException("save output must be written before AOF commands are emitted");
        return room(bytes);
    }

    /** The RDB's length encoding: 6 bits, 14 bits, or a 32- or 64-bit big-endian number after a marker byte. */
    private static void putRdbLength(ByteBuffer out, long length) {
        if (length >= 0 && length < (1 << 6)) {
            out.put((byte) length);
        } else if (length >= 0 && length < (1 << 14)) {
            out.put((byte) (0x40 | (length >>> 8))).put((byte) length);
        } else if (length >= 0 && length <= 0xffff_ffffL) {
            out.put((byte) 0x80);
            for (int shift = 24; shift >= 0; shift -= 8) out.put((byte) (length >>> shift));
        } else {
            out.put((byte) 0x81);
            for (int shift = 56; shift >= 0; shift -= 8) out.put((byte) (length >>> shift));
        }
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
        putRdbLength(save(10).put((byte) TAPE_UNSIGNED), value);
    }

    /** As the server saves it: the unsigned number with the same bits. */
    @Override
    public void writeSigned(long value) {
        writeUnsigned(value);
    }

    @Override
    public void writeDouble(double value) {
        save(9).put((byte) TAPE_DOUBLE).putDouble(value);
    }

    @Override
    public void writeFloat(float value) {
        save(5).put((byte) TAPE_FLOAT).putFloat(value);
    }

    @Override
    public void writeLongDouble(double value) {
        save(9).put((byte) TAPE_LONG_DOUBLE).putDouble(value);
    }

    @Override
    public void writeString(ValkeyString value) {
        putRdbLength(save(10).put((byte) TAPE_STRING), value.length());
        putBytes(value.asByteBuffer());
    }

    @Override
    public void writeBytes(byte[] value) {
        putRdbLength(save(10).put((byte) TAPE_STRING), value.length);
        putBytes(value);
    }

    /**
     * Ends the save records; true if the AOF form is to follow (an AOF rewrite without the RDB
     * preamble would read it), else the loader rewrites the value as RESTORE of its saved form.
     */
    boolean endSave() {
        flush();
        saveDone = true;
        return NativeAccess.tapeSaveDone(sink);
    }

    @Override
    public void emit(String command, Object... args) {
        if (!saveDone) throw new IllegalStateException("AOF commands are emitted only by aofRewrite, after the save");
        room(9).put((byte) TAPE_AOF_COMMAND).putLong(args.length + 1L);
        putArgument(command.getBytes(StandardCharsets.UTF_8));
        for (Object arg : args) {
            if (arg == AofOutput.KEY) room(1).put((byte) TAPE_AOF_KEY);
            else putArgument(bytesOf(arg));
        }
    }

    private void putArgument(byte[] bytes) {
        room(9).put((byte) TAPE_AOF_BYTES).putLong(bytes.length);
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

    /** Sends the rest of the tape (ending its save records if that was not done); the loader closes it. */
    void finish() {
        if (!saveDone) endSave();
        flush();
        spareChunk = chunk.array();
    }
}
