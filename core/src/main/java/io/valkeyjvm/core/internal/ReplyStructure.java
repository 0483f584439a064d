package io.valkeyjvm.core.internal;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The shape of the reply a command is writing: which aggregates are open and how many elements
 * each still needs. The server crashes on a postponed length that is never set, and a second
 * reply desynchronizes the client, so a command that fails half-way is finished here: the error
 * becomes the next element, open aggregates are completed, and nothing follows a whole reply.
 */
final class ReplyStructure {
    /** Writes what finishing an abandoned reply needs. */
    interface Finisher {
        void error(String line);

        void nullElement();

        /** Sets a postponed aggregate's length, in items (pairs for a map). */
        void setLength(Frame postponed, long items);
    }

    /** An open aggregate: fixed (expected elements) or postponed (length set later). */
    static final class Frame {
        final String kind;
        final boolean postponed;
        final boolean attribute;
        final int elementsPerItem;
        final long expected;
        long count;

        private Frame(String kind, boolean postponed, boolean attribute, int elementsPerItem, long expected) {
            this.kind = kind;
            this.postponed = postponed;
            this.attribute = attribute;
            this.elementsPerItem = elementsPerItem;
            this.expected = expected;
        }
    }

    /** Open aggregates, innermost first; created with the first aggregate (most replies have none). */
    private @Nullable ArrayDeque<Frame> open;
    private boolean started;
    /** Something of the reply reached the server (an element, a header, an attribute). */
    private boolean written;
    private boolean complete;
    private boolean awaitingAttributed;

    private @Nullable Frame top() {
        return open == null ? null : open.peek();
    }

    private void push(Frame frame) {
        if (open == null) open = new ArrayDeque<>(4);
        open.push(frame);
    }

    private boolean noneOpen() {
        return open == null || open.isEmpty();
    }

    boolean started() {
        return started;
    }

    boolean complete() {
        return complete;
    }

    void ensureOpen() {
        if (complete) throw new IllegalStateException("the command has already replied; a command sends exactly one reply");
    }

    /**
     * Before writing one element (a scalar or an aggregate's header). It counts only once written
     * ({@link #afterElement}, {@link #openPostponed}): building its arguments can still fail, and
     * then the reply must be finished as if it had never begun.
     */
    void beforeElement() {
        ensureOpen();
        started = true;
        awaitingAttributed = false;
    }

    /** True once anything of the reply has reached the server: a failure must then finish the reply, not start another. */
    boolean written() {
        return written;
    }

    private void elementWritten() {
        written = true;
        Frame top = top();
        if (top != null) top.count++;
    }

    /** After a scalar (items 0), or an aggregate header of [items] items of [elementsPerItem] elements. */
    void afterElement(String kind, long items, int elementsPerItem) {
        elementWritten();
        if (items > 0) push(new Frame(kind, false, false, elementsPerItem, items * elementsPerItem));
        closeCompleted();
    }

    /** After a postponed aggregate header. */
    Frame openPostponed(String kind, int elementsPerItem) {
        elementWritten();
        Frame frame = new Frame(kind, true, false, elementsPerItem, -1);
        push(frame);
        return frame;
    }

    /** After an attribute header of [pairs] pairs; the attribute annotates the element after it. */
    void afterAttribute(long pairs) {
        started = true;
        written = true;
        if (pairs > 0) push(new Frame("attribute", false, true, 2, pairs * 2));
        else awaitingAttributed = true;
    }

    /**
     * Checks that [frame] is the innermost open aggregate (the server sets the latest postponed
     * length) and that [items] matches what was written.
     */
    void beforeSetLength(Frame frame, long items) {
        if (open == null || !open.contains(frame)) throw new IllegalStateException("the length of this " + frame.kind + " reply was already set");
        if (top() != frame)
            throw new IllegalStateException("finish the replies nested in this " + frame.kind + " before setting its length"
                    + " (the server sets the innermost postponed length)");
        if (items < 0 || items * frame.elementsPerItem != frame.count)
            throw new IllegalStateException("this " + frame.kind + " reply has " + frame.count / frame.elementsPerItem
                    + (frame.elementsPerItem == 2 ? " pairs" : " elements") + " written, not " + items);
    }

    void afterSetLength() {
        open.pop();
        closeCompleted();
    }

    private void closeCompleted() {
        if (open != null) {
            while (!open.isEmpty() && !open.peek().postponed && open.peek().count >= open.peek().expected) {
                if (open.pop().attribute) awaitingAttributed = true;
            }
        }
        complete = started && noneOpen() && !awaitingAttributed;
    }

    /**
     * Finishes a reply the command could not finish, with [errorLine] in place of what was
     * missing; returns false if the reply was already whole (then nothing may be written).
     */
    boolean abandon(String errorLine, Finisher finisher) {
        if (complete) return false;
        finisher.error(errorLine);
        // Written: a failure after this point must not send the client a second reply.
        started = true;
        elementWritten();
        while (!noneOpen()) {
            Frame frame = open.pop();
            if (frame.postponed) {
                for (; frame.count % frame.elementsPerItem != 0; frame.count++) finisher.nullElement();
                finisher.setLength(frame, frame.count / frame.elementsPerItem);
            } else {
                for (long i = frame.count; i < frame.expected; i++) finisher.nullElement();
            }
            if (frame.attribute) {
                // An attribute annotates the element after it.
                finisher.nullElement();
                if (top() != null) top().count++;
            }
        }
        complete = true;
        return true;
    }
}
