package io.valkeyjvm.core;

/**
 * The length of an array, map or set reply that was started before its size was known
 * ({@link Replies#replyArray()}); set it exactly once, after the elements.
 *
 * <pre>{@code
 * PostponedLength length = ctx.replyArray();
 * int n = 0;
 * for (ValkeyString s : matches) { ctx.reply(s); n++; }
 * length.set(n);
 * }</pre>
 */
public interface PostponedLength {
    /** Sets the number of elements (for a map: of key-value pairs). */
    void set(long length);
}
