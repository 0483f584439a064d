package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.AofOutput;
import io.valkeyjvm.core.RdbOutput;
import io.valkeyjvm.core.ValkeyString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Records what save (and AOF rewrite) code writes, as the loader replays it in C: tag bytes
 * and native-order numbers (loader-c/src/datatypes.c, replay_rdb and replay_emit).
 */
final class TapeRecorder implements RdbOutput, AofOutput {
    private static final byte KEY_ARGUMENT = 0;
    private static final byte BYTES_ARGUMENT = 1;

    private ByteBuffer rdb = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private ByteBuffer aof = ByteBuffer.allocate(0).order(ByteOrder.nativeOrder());

    private static ByteBuffer room(ByteBuffer buffer, int bytes) {
        if (buffer.remaining() >= bytes) return buffer;
        int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
        ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
        buffer.flip();
        return bigger.put(buffer);
    }

    @Override
    public void writeUnsigned(long value) {
        rdb = room(rdb, 9).put((byte) 'U').putLong(value);
    }

    @Override
    public void writeSigned(long value) {
        rdb = room(rdb, 9).put((byte) 'S').putLong(value);
    }

    @Override
    public void writeDouble(double value) {
        rdb = room(rdb, 9).put((byte) 'D').putDouble(value);
    }

    @Override
    public void writeFloat(float value) {
        rdb = room(rdb, 5).put((byte) 'F').putFloat(value);
    }

    @Override
    public void writeLongDouble(double value) {
        rdb = room(rdb, 9).put((byte) 'L').putDouble(value);
    }

    @Override
    public void writeString(ValkeyString value) {
        writeBytes(value.toByteArray());
    }

    @Override
    public void writeBytes(byte[] value) {
        rdb = room(rdb, 9 + value.length).put((byte) 'B').putLong(value.length).put(value);
    }

    @Override
    public void emit(String command, Object... args) {
        aof = room(aof, 9).put((byte) 'E').putLong(args.length + 1L);
        putArgument(command.getBytes(StandardCharsets.UTF_8));
        for (Object arg : args) {
            if (arg == AofOutput.KEY) aof = room(aof, 1).put(KEY_ARGUMENT);
            else putArgument(bytesOf(arg));
        }
    }

    private void putArgument(byte[] bytes) {
        aof = room(aof, 9 + bytes.length).put(BYTES_ARGUMENT).putLong(bytes.length).put(bytes);
    }

    private static byte[] bytesOf(Object arg) {
        if (arg instanceof ValkeyString) return ((ValkeyString) arg).toByteArray();
        if (arg instanceof byte[]) return ((byte[]) arg).clone();
        if (arg instanceof String || arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte)
            return arg.toString().getBytes(StandardCharsets.UTF_8);
        if (arg instanceof Double || arg instanceof Float) return ValkeyString.of(((Number) arg).doubleValue() + "").toByteArray();
        throw new IllegalArgumentException("an AOF argument must be a ValkeyString, byte[], String, number or AofOutput.KEY, not "
                + (arg == null ? "null" : arg.getClass().getName()));
    }

    /** The recorded save records only (for aux data). */
    byte[] rdbRecords() {
        byte[] out = new byte[rdb.position()];
        rdb.duplicate().flip().get(out);
        return out;
    }

    /** u64 save length, save records, u64 AOF length, AOF records. */
    byte[] toTape() {
        ByteBuffer tape = ByteBuffer.allocate(16 + rdb.position() + aof.position()).order(ByteOrder.nativeOrder());
        tape.putLong(rdb.position()).put(rdb.duplicate().flip());
        tape.putLong(aof.position()).put(aof.duplicate().flip());
        return tape.array();
    }
}
