package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;
import static io.valkeyjvm.raw.ValkeyModuleConstants.POSTPONED_LEN;
import static io.valkeyjvm.raw.ValkeyModuleConstants.YIELD_FLAG_CLIENTS;
import static io.valkeyjvm.raw.ValkeyModuleConstants.YIELD_FLAG_NONE;

import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.PostponedLength;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@link CommandContext} of one command call, over the server's context for that call. */
final class NativeCommandContext extends NativeModuleContext implements CommandContext {

    private final NativeArgs args;
    private final ReplyStructure structure;
    /** The command blocked its client: its one reply comes from the blocked client, never from here. */
    private boolean blocked;
    /** What block and blockWatchingKeys returned, so that a throw after them still ends the client. */
    private io.valkeyjvm.core.@org.jspecify.annotations.Nullable BlockedClient blockedClient;

    private NativeCommandContext(long ctx, String moduleName, NativeArgs args, ReplyStructure structure) {
        super(ctx, moduleName);
        this.args = args;
        this.structure = structure;
    }

    List<ValkeyString> args() {
        return args;
    }

    /** True once the command has written anything of a reply. */
    boolean replyStarted() {
        return structure.started();
    }

    /** True once the command has written one whole reply, or blocked its client (the reply comes later). */
    boolean replyComplete() {
        return structure.complete() || blocked;
    }

    @Override
    public void blockOnKeys(java.util.List<ValkeyString> keys, long timeoutMillis, io.valkeyjvm.core.KeyReadyHandler onReady,
                            java.util.function.Consumer<io.valkeyjvm.core.Replies> onTimeout, boolean wakeOnDelete) {
        long c = beforeBlocking();
        if (keys.isEmpty()) throw new IllegalArgumentException("blockOnKeys needs at least one key");
        BlockedClients.blockOnKeys(c, keys, timeoutMillis, onReady, onTimeout, wakeOnDelete, this);
        blocked = true;
    }

    @Override
    public io.valkeyjvm.core.KeyWatchingClient blockWatchingKeys(List<ValkeyString> keys, long timeoutMillis,
                                                              java.util.function.Consumer<io.valkeyjvm.core.Replies> onTimeout,
                                                              boolean wakeOnDelete, io.valkeyjvm.core.KeySignalListener listener) {
        long c = beforeBlocking();
        if (keys.isEmpty()) throw new IllegalArgumentException("blockWatchingKeys needs at least one key");
        io.valkeyjvm.core.KeyWatchingClient client = BlockedClients.blockWatchingKeys(c, keys, timeoutMillis, onTimeout, wakeOnDelete, listener, this);
        blocked = true;
        blockedClient = client;
        return client;
    }

    @Override
    public io.valkeyjvm.core.BlockedClient block(long timeoutMillis, java.util.function.Consumer<io.valkeyjvm.core.Replies> onTimeout) {
        long c = beforeBlocking();
        io.valkeyjvm.core.BlockedClient client = BlockedClients.block(c, timeoutMillis, onTimeout, this);
        blocked = true;
        blockedClient = client;
        return client;
    }

    /** The context, checked live, for blocking its client: only before any reply, and only once. */
    private long beforeBlocking() {
        long c = live();
        ensureNotBlocked();
        structure.ensureOpen();
        if (structure.started()) throw new IllegalStateException("a command that has started replying cannot block its client");
        // The blocked client's code (a coroutine, a key-ready callback) runs after argv is gone.
        args.copyAll();
        return c;
    }

    private void ensureNotBlocked() {
        if (blocked)
            throw new IllegalStateException("the command has blocked its client, whose reply comes when it unblocks;"
                    + " a command replies or blocks, once");
    }

    /**
     * Finishes a reply the command could not finish: [errorLine] goes where the next element
     * would, open aggregates are completed. False if the reply was already whole.
     */
    boolean abandonReply(String errorLine) {
        long c = live();
        return structure.abandon(errorLine, new ReplyStructure.Finisher() {
            @Override
            public void error(String line) {
                ReplyWithError(c, line);
            }

            @Override
            public void nullElement() {
                ReplyWithNull(c);
            }

            @Override
            public void setLength(ReplyStructure.Frame postponed, long items) {
                setPostponedLength(c, postponed, items);
            }
        });
    }

    /** What one command call or blocked-client callback does with its context: false if it declined to reply. */
    @FunctionalInterface
    interface ReplyingCall {
        boolean run(NativeCommandContext context) throws Throwable;
    }

    /**
     * Runs {@code call} over a fresh context for {@code ctx}, the one way module code replies: a
     * reply it leaves unfinished, or a throw, is finished here (see {@link #finishReply} and
     * {@link #failReply}), and the context dies afterwards. {@code who} names the call in log
     * lines; null for a blocked client's callback, named after its command. Returns false if the
     * call declined, writing nothing.
     */
    static boolean reply(long ctx, String moduleName, long argv, int argc, @org.jspecify.annotations.Nullable String who,
                         ReplyingCall call) {
        ReplyStructure structure = ReplyStructure.acquire();
        try {
            NativeCommandContext context;
            try {
                context = new NativeCommandContext(ctx, moduleName, new NativeArgs(argv, argc), structure);
            } catch (OutOfMemoryError e) {
                // Not even the context fits in the heap: the client still gets its one reply.
                ReplyWithError(ctx, UNREPORTABLE_FAILURE);
                return true;
            }
            try {
                if (!call.run(context) && !context.replyStarted()) return false;
                context.finishReply(who);
            } catch (Throwable t) {
                context.failReply(who, t);
            } finally {
                context.invalidate();
            }
            return true;
        } finally {
            structure.release();
        }
    }

    /** The call in log lines: {@code who}, or for a blocked client's callback its command (read only on these slow paths). */
    private String describe(@org.jspecify.annotations.Nullable String who) {
        return who != null ? who : "blocked command '" + commandName() + "'";
    }

    /** After a handler returns: a reply that is not whole is finished with an error naming the call (a module bug). */
    private void finishReply(@org.jspecify.annotations.Nullable String call) {
        if (replyComplete()) return;
        String who = describe(call);
        String problem = replyStarted() ? "returned with an unfinished reply" : "returned without a reply";
        abandonReply("ERR " + who + " " + problem + " (a bug in the module)");
        warn(who, problem, () -> "valkey-jvm: " + who + " " + problem);
    }

    /** A warning about this call's failure, through the failure log's limit (a failure repeated thousands of times). */
    private void warn(String who, String what, java.util.function.Supplier<String> line) {
        FailureLog.warn(who, what, line, text -> log(LogLevel.WARNING, text));
    }

    /**
     * After a handler threw: the error goes where the reply stopped (after a whole reply, another
     * would desynchronize the client, so then it is only logged); unexpected failures are logged.
     */
    private void failReply(@org.jspecify.annotations.Nullable String call, Throwable failure) {
        if (failure instanceof OutOfMemoryError) HeapGuard.wake();
        try {
            String who = describe(call);
            if (blocked) {
                // Its client waits for the blocked reply: the failure goes there (and is logged on that path).
                if (blockedClient != null) blockedClient.fail(failure);
                else warn(who, FailureLog.threw(failure) + " after blocking its client on keys", () -> "valkey-jvm: " + who
                        + " threw after blocking its client on keys; the client waits on: " + ErrorReplies.stackTrace(failure));
                return;
            }
            // The reply first: building the log line can fail too, when the heap is full.
            if (!abandonReply(ErrorReplies.of(failure))) {
                warn(who, FailureLog.threw(failure) + " after its reply was complete", () -> "valkey-jvm: " + who
                        + " threw after its reply was complete; the client got that reply, the error is only logged: "
                        + (ErrorReplies.isExpected(failure) ? failure.toString() : ErrorReplies.stackTrace(failure)));
            } else if (!ErrorReplies.isExpected(failure)) {
                warn(who, FailureLog.threw(failure), () -> "valkey-jvm: " + who + " threw " + ErrorReplies.stackTrace(failure));
            }
        } catch (Throwable replyingFailed) {
            // Not even the error line could be built (a full heap): a constant one, so that the client is not
            // left waiting: the whole reply, or in place of what is missing from the one begun.
            try {
                if (!blocked && !structure.written()) ReplyWithError(live(), UNREPORTABLE_FAILURE);
                else if (!blocked) abandonReply(UNREPORTABLE_FAILURE);
            } catch (Throwable ignored) {
                // Nothing more to try.
            }
        }
    }

    private static final String UNREPORTABLE_FAILURE = "ERR the command failed, and so did building its error reply (is the JVM heap full?)";

    private static void setPostponedLength(long c, ReplyStructure.Frame frame, long items) {
        switch (frame.kind) {
            case "array": ReplySetArrayLength(c, items); break;
            case "map": ReplySetMapLength(c, items); break;
            default: ReplySetSetLength(c, items); break;
        }
    }

    /** Ends the call: open keys close, and the context and the unread arguments become unusable. */
    @Override
    void invalidate() {
        super.invalidate();
        args.invalidate();
    }


    @Override
    public void yieldToServer(@org.jspecify.annotations.Nullable String busyReply) {
        long c = live();
        MainThreadQueue.yieldFor(() -> Yield(c, busyReply == null ? YIELD_FLAG_NONE : YIELD_FLAG_CLIENTS, busyReply));
    }

    @Override
    public void replicateVerbatim() {
        ReplicateVerbatim(live());
    }

    @Override
    public boolean mustObeyClient() {
        long c = live();
        if (!io.valkeyjvm.core.Server.version().atLeast(8, 1))
            throw new UnsupportedOperationException("mustObeyClient needs Valkey 8.1 or later (MustObeyClient); the server is " + io.valkeyjvm.core.Server.version());
        return MustObeyClient(c) != 0;
    }

    @Override
    public long clientId() {
        return GetClientId(live());
    }

    @Override
    public List<io.valkeyjvm.core.KeyPosition> commandKeys(List<ValkeyString> args) {
        if (args.isEmpty()) throw new IllegalArgumentException("no command: args must start with the command name");
        byte[][] bytes = new byte[args.size()][];
        for (int i = 0; i < bytes.length; i++) bytes[i] = args.get(i).toByteArray();
        int[] found = NativeAccess.commandKeys(live(), bytes);
        int n = found[0];
        if (n == io.valkeyjvm.raw.LoaderContract.COMMAND_KEYS_UNKNOWN_COMMAND)
            throw new io.valkeyjvm.core.CallRefusedException(io.valkeyjvm.core.CallRefusedException.Reason.UNKNOWN_COMMAND,
                    "ERR unknown command '" + args.get(0) + "'");
        if (n == io.valkeyjvm.raw.LoaderContract.COMMAND_KEYS_WRONG_ARITY)
            throw new io.valkeyjvm.core.CallRefusedException(io.valkeyjvm.core.CallRefusedException.Reason.WRONG_ARITY,
                    "ERR wrong number of arguments for '" + args.get(0) + "'");
        if (n < 0)
            throw new io.valkeyjvm.core.CallRefusedException(io.valkeyjvm.core.CallRefusedException.Reason.OTHER,
                    "ERR the server could not find the keys of '" + args.get(0) + "'");
        List<io.valkeyjvm.core.KeyPosition> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            keys.add(new io.valkeyjvm.core.KeyPosition(found[1 + i], io.valkeyjvm.core.KeySpecFlag.of(found[1 + n + i] & 0xffffffffL)));
        return keys;
    }

    @Override
    public String fullCommandName() {
        byte[] name = NativeAccess.cStringBytes(GetCurrentCommandName(live()));
        return name == null ? commandName().toText() : new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public @org.jspecify.annotations.Nullable ValkeyString userName() {
        long c = live();
        // Not GetCurrentUserName: on a command with no real client behind it (a module's call, a
        // script, the AOF) it reads a user that is not there, and Valkey 8.0 crashes. By id, such
        // a client is not found, and the answer is null.
        long name = GetClientUserNameById(c, GetClientId(c));
        if (name == 0) return null;
        try {
            return Strings.owning(NativeAccess.stringBytes(name));
        } finally {
            FreeString(c, name);
        }
    }

    @Override
    public long authenticateClient(io.valkeyjvm.core.ModuleUser user, io.valkeyjvm.core.@org.jspecify.annotations.Nullable UserChangeListener onUserChange) {
        java.util.Objects.requireNonNull(user, "user");
        return AuthHost.authenticateCommandClient(live(), user, null, onUserChange);
    }

    @Override
    public long authenticateClientAsAclUser(String name, io.valkeyjvm.core.@org.jspecify.annotations.Nullable UserChangeListener onUserChange) {
        return AuthHost.authenticateCommandClient(live(), null, ValkeyString.of(name), onUserChange);
    }

    @Override
    public void redactArgument(int index) {
        long c = live();
        if (index < 1 || index >= args.size())
            throw new IndexOutOfBoundsException("argument " + index + " cannot be redacted: the command has arguments 1 to " + (args.size() - 1));
        if (RedactClientCommandArgument(c, index) != OK) throw new IllegalStateException("the server refused to redact argument " + index);
    }

    /** The context, checked live, for writing one element. */
    private long element() {
        long c = live();
        ensureNotBlocked();
        structure.beforeElement();
        return c;
    }

    private void scalarDone() {
        structure.afterElement("scalar", 0, 1);
    }

    @Override
    public int selectedDb() {
        return GetSelectedDb(live());
    }

    @Override
    public ValkeyString commandName() {
        return args.get(0);
    }

    @Override
    public void reply(long value) {
        ReplyWithLongLong(element(), value);
        scalarDone();
    }

    @Override
    public void reply(double value) {
        ReplyWithDouble(element(), value);
        scalarDone();
    }

    @Override
    public void replyLongDouble(double value) {
        ReplyWithLongDouble(element(), value);
        scalarDone();
    }

    @Override
    public void reply(boolean value) {
        ReplyWithBool(element(), value ? 1 : 0);
        scalarDone();
    }

    @Override
    public void reply(ValkeyString value) {
        reply(value.toByteArray());
    }

    @Override
    public void reply(byte[] value) {
        ReplyWithStringBuffer(element(), value, value.length);
        scalarDone();
    }

    @Override
    public void reply(String value) {
        reply(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void replySimple(String status) {
        if (status.indexOf('\r') >= 0 || status.indexOf('\n') >= 0)
            throw new IllegalArgumentException("a simple string reply cannot contain CR or LF; reply with a bulk string instead");
        ReplyWithSimpleString(element(), status);
        scalarDone();
    }

    @Override
    public void replyOk() {
        replySimple("OK");
    }

    @Override
    public void replyError(String message) {
        ReplyWithError(element(), ErrorReplies.format(message));
        scalarDone();
    }

    @Override
    public void replyErrorLine(String line) {
        String oneLine = line.replace('\r', ' ').replace('\n', ' ');
        ReplyWithError(element(), oneLine.isEmpty() ? "ERR" : oneLine);
        scalarDone();
    }

    @Override
    public void replyNull() {
        ReplyWithNull(element());
        scalarDone();
    }

    @Override
    public void replyNullArray() {
        ReplyWithNullArray(element());
        scalarDone();
    }

    @Override
    public void replyEmptyArray() {
        ReplyWithEmptyArray(element());
        scalarDone();
    }

    @Override
    public void replyEmptyString() {
        ReplyWithEmptyString(element());
        scalarDone();
    }

    @Override
    public void replyArray(long length) {
        requireLength(length);
        ReplyWithArray(element(), length);
        structure.afterElement("array", length, 1);
    }

    @Override
    public PostponedLength replyArray() {
        ReplyWithArray(element(), POSTPONED_LEN);
        return new Postponed(structure.openPostponed("array", 1));
    }

    @Override
    public void replyMap(long pairs) {
        requireLength(pairs);
        ReplyWithMap(element(), pairs);
        structure.afterElement("map", pairs, 2);
    }

    @Override
    public PostponedLength replyMap() {
        ReplyWithMap(element(), POSTPONED_LEN);
        return new Postponed(structure.openPostponed("map", 2));
    }

    @Override
    public void replySet(long length) {
        requireLength(length);
        ReplyWithSet(element(), length);
        structure.afterElement("set", length, 1);
    }

    @Override
    public PostponedLength replySet() {
        ReplyWithSet(element(), POSTPONED_LEN);
        return new Postponed(structure.openPostponed("set", 1));
    }

    @Override
    public void replyAttribute(long pairs) {
        requireLength(pairs);
        long c = live();
        ensureNotBlocked();
        structure.ensureOpen();
        if (ReplyWithAttribute(c, pairs) != OK) throw new ValkeyException("ERR attribute replies need a RESP3 client");
        structure.afterAttribute(pairs);
    }

    @Override
    public void replyBigNumber(String digits) {
        if (!digits.matches("-?[0-9]+"))
            throw new IllegalArgumentException("a big number reply takes decimal digits with an optional '-', not '" + digits + "'");
        byte[] bytes = digits.getBytes(StandardCharsets.US_ASCII);
        ReplyWithBigNumber(element(), bytes, bytes.length);
        scalarDone();
    }

    @Override
    public void replyVerbatim(String text, String format) {
        if (format.length() != 3 || !format.chars().allMatch(c -> c < 128))
            throw new IllegalArgumentException("a verbatim string format is three ASCII characters such as txt or mkd, not '" + format + "'");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ReplyWithVerbatimStringType(element(), bytes, bytes.length, format);
        scalarDone();
    }

    private static long requireLength(long length) {
        if (length < 0) throw new IllegalArgumentException("a reply length cannot be negative: " + length);
        return length;
    }

    private final class Postponed implements PostponedLength {
        private final ReplyStructure.Frame frame;

        Postponed(ReplyStructure.Frame frame) {
            this.frame = frame;
        }

        @Override
        public void set(long length) {
            long c = live();
            structure.beforeSetLength(frame, length);
            setPostponedLength(c, frame, length);
            structure.afterSetLength();
        }
    }
}
