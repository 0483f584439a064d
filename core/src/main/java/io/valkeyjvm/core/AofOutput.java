package io.valkeyjvm.core;

/**
 * Where a data type's {@code aofRewrite} code writes the commands that rebuild a value. Arguments
 * are {@link ValkeyString}, {@code byte[]}, {@code String}, numbers, or {@link #KEY}: the name of
 * the key being rewritten, which the server supplies (a value does not know its key).
 *
 * <pre>{@code
 * for (long element : list) out.emit("HELLOTYPE.INSERT", AofOutput.KEY, element);
 * }</pre>
 */
public interface AofOutput {
    /** Stands for the name of the key being rewritten. */
    Object KEY = new Object() {
        @Override
        public String toString() {
            return "<key>";
        }
    };

    /** Writes one command. */
    void emit(String command, Object... args);
}
