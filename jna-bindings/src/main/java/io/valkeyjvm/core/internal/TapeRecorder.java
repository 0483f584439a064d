package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.AofOutput;
import io.valkeyjvm.core.RdbOutput;
import io.valkeyjvm.core.ValkeyString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Records what save (and then AOF rewrite) code writes, as the loader replays it in C
 * (loader-c/src/datatypes.c): u64 length and the save records (a tag byte, then native-order
 * numbers or a u64 length and bytes), then u64 length and the AOF records. The array handed to
 * the loader may be longer than the tape; the two lengths say how much is used.
 */
final class TapeRecorder implements RdbOutput, AofOutput {
    private static final byte KEY_ARGUMENT = 0;
    private static final byte BYTES_ARGUMENT = 1;

    private ByteBuffer tape = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private int sectionStart;
    private boolean inAof;

    TapeRecorder() {
        tape.putLong(0);
        sectionStart = tape.position();
    }

    private ByteBuffer room(int bytes) {
        if (tape.remaining() < bytes) {
            long wanted = Math.max(tape.capacity() * 2L, (long) tape.position() + bytes);
            if (wanted > Integer.MAX_VALUE - 16)
                throw new IllegalStateException("a value's saved form cannot exceed 2 GB");
            ByteBuffer bigger = ByteBuffer.allocate((int) wanted).order(ByteOrder.nativeOrder());
            tape.flip();
            tape = bigger.put(tape);
        }
        return tape;
    }

    private ByteBuffer save(int bytes) {
        if (inAof) throw new IllegalStateException("save output must be written before AOF commands are emitted");
        return room(bytes);
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
        save(9 + value.length()).put((byte) 'B').putLong(value.length()).put(value.asByteBuffer());
    }

    @Override
    public void writeBytes(byte[] value) {
        save(9 + value.length).put((byte) 'B').putLong(value.length).put(value);
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
        room(9 + bytes.length).put(BYTES_ARGUMENT).putLong(bytes.length).put(bytes);
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

    private void closeSection() {
        tape.putLong(sectionStart - 8, tape.position() - sectionStart);
    }

    private void startAof() {
        closeSection();
        room(8).putLong(0);
        sectionStart = tape.position();
        inAof = true;
    }

    /** The tape, in an array that may be longer than it. */
    byte[] finish() {
        if (!inAof) startAof();
        closeSection();
        return tape.array();
    }
}
