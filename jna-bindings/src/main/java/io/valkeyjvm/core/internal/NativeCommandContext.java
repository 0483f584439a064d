package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.PostponedLength;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@link CommandContext} of one command call, over the server's context for that call. */
final class NativeCommandContext extends NativeModuleContext implements CommandContext {
    /** VALKEYMODULE_POSTPONED_LEN: the aggregate's length is set later. */
    private static final long POSTPONED = -1;
    private static final int OK = 0;
    private static final int READ = 1, WRITE = 2;

    private final NativeArgs args;
    private boolean replied;
    private @org.jspecify.annotations.Nullable List<NativeKey> openKeys;

    NativeCommandContext(long ctx, String moduleName, NativeArgs args) {
        super(ctx, moduleName);
        this.args = args;
    }

    List<ValkeyString> args() {
        return args;
    }

    boolean replied() {
        return replied;
    }

    /** Ends the call: open keys close, and the context and the unread arguments become unusable. */
    @Override
    void invalidate() {
        if (openKeys != null) openKeys.forEach(NativeKey::close);
        super.invalidate();
        args.invalidate();
    }

    void checkLive() {
        live();
    }

    @Override
    public Key openKey(ValkeyString name) {
        return open(name, READ);
    }

    @Override
    public Key openKeyForWrite(ValkeyString name) {
        return open(name, READ | WRITE);
    }

    private Key open(ValkeyString name, int mode) {
        long c = live();
        byte[] bytes = name.toByteArray();
        long keyName = CreateString(c, bytes, bytes.length);
        long key = OpenKey(c, keyName, mode); // the key holds its own reference to the name
        FreeString(c, keyName);
        NativeKey opened = new NativeKey(this, name, key, (mode & WRITE) != 0);
        if (openKeys == null) openKeys = new ArrayList<>(2);
        openKeys.add(opened);
        return opened;
    }

    @Override
    public void replicateVerbatim() {
        ReplicateVerbatim(live());
    }

    @Override
    public void signalKeyAsReady(ValkeyString key) {
        long c = live();
        byte[] bytes = key.toByteArray();
        long keyName = CreateString(c, bytes, bytes.length);
        SignalKeyAsReady(c, keyName);
        FreeString(c, keyName);
    }

    private long replying() {
        long c = live();
        replied = true;
        return c;
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
        ReplyWithLongLong(replying(), value);
    }

    @Override
    public void reply(double value) {
        ReplyWithDouble(replying(), value);
    }

    @Override
    public void reply(boolean value) {
        ReplyWithBool(replying(), value ? 1 : 0);
    }

    @Override
    public void reply(ValkeyString value) {
        byte[] bytes = value.toByteArray();
        ReplyWithStringBuffer(replying(), bytes, bytes.length);
    }

    @Override
    public void reply(byte[] value) {
        ReplyWithStringBuffer(replying(), value, value.length);
    }

    @Override
    public void reply(String value) {
        reply(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void replySimple(String status) {
        if (status.indexOf('\r') >= 0 || status.indexOf('\n') >= 0)
            throw new IllegalArgumentException("a simple string reply cannot contain CR or LF; reply with a bulk string instead");
        ReplyWithSimpleString(replying(), status);
    }

    @Override
    public void replyOk() {
        ReplyWithSimpleString(replying(), "OK");
    }

    @Override
    public void replyError(String message) {
        ReplyWithError(replying(), ErrorReplies.format(message));
    }

    @Override
    public void replyNull() {
        ReplyWithNull(replying());
    }

    @Override
    public void replyNullArray() {
        ReplyWithNullArray(replying());
    }

    @Override
    public void replyEmptyArray() {
        ReplyWithEmptyArray(replying());
    }

    @Override
    public void replyEmptyString() {
        ReplyWithEmptyString(replying());
    }

    @Override
    public void replyArray(long length) {
        ReplyWithArray(replying(), requireLength(length));
    }

    @Override
    public PostponedLength replyArray() {
        ReplyWithArray(replying(), POSTPONED);
        return new Postponed(Aggregate.ARRAY);
    }

    @Override
    public void replyMap(long pairs) {
        ReplyWithMap(replying(), requireLength(pairs));
    }

    @Override
    public PostponedLength replyMap() {
        ReplyWithMap(replying(), POSTPONED);
        return new Postponed(Aggregate.MAP);
    }

    @Override
    public void replySet(long length) {
        ReplyWithSet(replying(), requireLength(length));
    }

    @Override
    public PostponedLength replySet() {
        ReplyWithSet(replying(), POSTPONED);
        return new Postponed(Aggregate.SET);
    }

    @Override
    public void replyAttribute(long pairs) {
        if (ReplyWithAttribute(live(), requireLength(pairs)) != OK)
            throw new ValkeyException("ERR attribute replies need a RESP3 client");
        replied = true;
    }

    @Override
    public void replyBigNumber(String digits) {
        if (!digits.matches("-?[0-9]+"))
            throw new IllegalArgumentException("a big number reply takes decimal digits with an optional '-', not '" + digits + "'");
        byte[] bytes = digits.getBytes(StandardCharsets.US_ASCII);
        ReplyWithBigNumber(replying(), bytes, bytes.length);
    }

    @Override
    public void replyVerbatim(String text, String format) {
        if (format.length() != 3 || !format.chars().allMatch(c -> c < 128))
            throw new IllegalArgumentException("a verbatim string format is three ASCII characters such as txt or mkd, not '" + format + "'");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ReplyWithVerbatimStringType(replying(), bytes, bytes.length, format);
    }

    private static long requireLength(long length) {
        if (length < 0) throw new IllegalArgumentException("a reply length cannot be negative: " + length);
        return length;
    }

    private enum Aggregate { ARRAY, MAP, SET }

    private final class Postponed implements PostponedLength {
        private final Aggregate kind;
        private boolean set;

        Postponed(Aggregate kind) {
            this.kind = kind;
        }

        @Override
        public void set(long length) {
            if (set) throw new IllegalStateException("the length of this " + kind.name().toLowerCase() + " reply was already set");
            long c = live();
            requireLength(length);
            switch (kind) {
                case ARRAY: ReplySetArrayLength(c, length); break;
                case MAP: ReplySetMapLength(c, length); break;
                default: ReplySetSetLength(c, length); break;
            }
            set = true;
        }
    }
}
