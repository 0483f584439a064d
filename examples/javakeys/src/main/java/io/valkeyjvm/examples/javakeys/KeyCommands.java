package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.KeyOpenFlag;
import io.valkeyjvm.core.KeyType;
import io.valkeyjvm.core.KeyspaceEventType;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keys whatever they hold: open one for reading or writing (with open flags that leave no trace),
 * read its type, length and time to live, delete it, give it a time to live; work in another
 * database; tell watchers and subscribers that a key changed.
 */
final class KeyCommands {
    private KeyCommands() {}

    static List<CommandDefinition> all() {
        return List.of(info(), exists(), delete(), unlink(), pexpire(), pexpireAt(), persist(), setIdle(), database(), touch());
    }

    /**
     * {@code JAVAKEYS.INFO key [NOTOUCH|NONOTIFY|NOSTATS|NOEXPIRE|NOEFFECTS ...]}: what the key holds,
     * as the map {@code type} (none, string, list, hash, set, zset, stream, module), {@code length}
     * (bytes, elements or fields), {@code pttl} and {@code expireat} (milliseconds; -1 without a time
     * to live, or for a missing key). Opened plainly, as a client's read, the key's access time is
     * touched, a keyspace hit or miss counted, a key-miss notification fired, and the key deleted
     * if its time has passed (it then reads as missing); each flag leaves one of those out (NOEXPIRE:
     * the key still reads as missing, but stays), NOEFFECTS all of them.
     */
    static CommandDefinition info() {
        return CommandDefinition.builder("javakeys.info")
                .arity(-2)
                .flags("readonly fast")
                .keys(1, 1, 1)
                .summary("Replies a key's type, length, time to live and expire time, opened with the given open flags.")
                .handler((ctx, args) -> {
                    Set<KeyOpenFlag> flags = Arguments.openFlags(args.subList(2, args.size()));
                    try (Key key = ctx.openKey(args.get(1), flags)) {
                        ctx.replyMap(4);
                        ctx.reply("type");
                        ctx.reply(typeName(key.type()));
                        ctx.reply("length");
                        ctx.reply(key.length());
                        ctx.reply("pttl");
                        ctx.reply(key.ttlMillis());
                        ctx.reply("expireat");
                        ctx.reply(key.expireAtMillis());
                    }
                })
                .build();
    }

    /** The name TYPE gives {@code type}. */
    private static String typeName(KeyType type) {
        return type == KeyType.EMPTY ? "none" : type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code JAVAKEYS.EXISTS key}: 1 if the key exists, else 0, without touching its access time
     * (a module checking a key it does not use); the keyspace hit or miss counts, as for EXISTS.
     */
    static CommandDefinition exists() {
        return CommandDefinition.builder("javakeys.exists")
                .arity(2)
                .flags("readonly fast")
                .keys(1, 1, 1)
                .summary("Replies 1 if the key exists, else 0, leaving its access time as it was.")
                .handler((ctx, args) -> ctx.reply(ctx.keyExists(args.get(1)) ? 1 : 0))
                .build();
    }

    /** {@code JAVAKEYS.DEL key}: deletes the key; 1 if it existed, else 0. */
    static CommandDefinition delete() {
        return CommandDefinition.builder("javakeys.del")
                .arity(2)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Deletes the key; replies 1 if it existed, else 0.")
                .handler((ctx, args) -> {
                    try (Key key = ctx.openKeyForWrite(args.get(1))) {
                        ctx.reply(key.delete() ? 1 : 0);
                    }
                })
                .build();
    }

    /** {@code JAVAKEYS.UNLINK key}: deletes the key as UNLINK does, freeing a big value in the background; 1 if it existed. */
    static CommandDefinition unlink() {
        return CommandDefinition.builder("javakeys.unlink")
                .arity(2)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Deletes the key, freeing its value in the background; replies 1 if it existed, else 0.")
                .handler((ctx, args) -> {
                    try (Key key = ctx.openKeyForWrite(args.get(1))) {
                        ctx.reply(key.unlink() ? 1 : 0);
                    }
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.PEXPIRE key milliseconds}: gives the key that long to live; 1, or 0 if there
     * is no such key.
     */
    static CommandDefinition pexpire() {
        return CommandDefinition.builder("javakeys.pexpire")
                .arity(3)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Gives the key a time to live in milliseconds; replies 1, or 0 if it does not exist.")
                .handler((ctx, args) -> {
                    long millis = Arguments.positive(args.get(2), "the time to live");
                    // The server adds it to now; setTtlMillis refuses a sum past a long too, checked here for PEXPIRE's error line.
                    if (millis > Long.MAX_VALUE - System.currentTimeMillis())
                        throw ValkeyException.error("invalid expire time in 'javakeys.pexpire' command");
                    try (Key key = ctx.openKeyForWrite(args.get(1))) {
                        if (key.isEmpty()) {
                            ctx.reply(0);
                            return;
                        }
                        key.setTtlMillis(millis);
                        ctx.reply(1);
                    }
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.PEXPIREAT key unix-milliseconds}: makes the key expire then (a time past
     * expires it at its next access); 1, or 0 if there is no such key.
     */
    static CommandDefinition pexpireAt() {
        return CommandDefinition.builder("javakeys.pexpireat")
                .arity(3)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Makes the key expire at a Unix time in milliseconds; replies 1, or 0 if it does not exist.")
                .handler((ctx, args) -> {
                    long unixMillis = Arguments.nonNegative(args.get(2), "the expire time");
                    try (Key key = ctx.openKeyForWrite(args.get(1))) {
                        if (key.isEmpty()) {
                            ctx.reply(0);
                            return;
                        }
                        key.setExpireAtMillis(unixMillis);
                        ctx.reply(1);
                    }
                })
                .build();
    }

    /** {@code JAVAKEYS.PERSIST key}: takes the key's time to live away; 1 if it had one, else 0. */
    static CommandDefinition persist() {
        return CommandDefinition.builder("javakeys.persist")
                .arity(2)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Takes the key's time to live away; replies 1 if it had one, else 0.")
                .handler((ctx, args) -> {
                    try (Key key = ctx.openKeyForWrite(args.get(1))) {
                        if (key.isEmpty() || key.ttlMillis() == Key.NO_EXPIRE) {
                            ctx.reply(0);
                            return;
                        }
                        key.setTtlMillis(Key.NO_EXPIRE);
                        ctx.reply(1);
                    }
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.SETIDLE key milliseconds}: makes the key look idle that long to the LRU
     * eviction, as OBJECT IDLETIME then shows; it opens the key with NOTOUCH, or opening it would
     * count as a use. 1, or 0 while the maxmemory-policy is an LFU one (which keeps no idle time).
     */
    static CommandDefinition setIdle() {
        return CommandDefinition.builder("javakeys.setidle")
                .arity(3)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Makes the key look idle for the given milliseconds to the LRU eviction.")
                .handler((ctx, args) -> {
                    long millis = Arguments.nonNegative(args.get(2), "the idle time");
                    try (Key key = ctx.openKeyForWrite(args.get(1), Set.of(KeyOpenFlag.NO_TOUCH))) {
                        if (key.isEmpty()) throw ValkeyException.error("no such key");
                        ctx.reply(key.setLruIdleMillis(millis) ? 1 : 0);
                    }
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.DBINFO db}: the number of keys of database {@code db} and one of them at
     * random (null if it has none), as {@code [size, key]}. The client stays on its own database.
     */
    static CommandDefinition database() {
        return CommandDefinition.builder("javakeys.dbinfo")
                .arity(2)
                .flags("readonly")
                .summary("Replies the number of keys of a database and a random one of them.")
                .handler((ctx, args) -> {
                    long db = args.get(1).toLong();
                    int own = ctx.selectedDb();
                    selectDatabase(ctx, db);
                    try {
                        long size = ctx.dbSize();
                        ValkeyString random = ctx.randomKey();
                        ctx.replyArray(2);
                        ctx.reply(size);
                        if (random == null) ctx.replyNull();
                        else ctx.reply(random);
                    } finally {
                        ctx.selectDb(own);
                    }
                })
                .build();
    }

    /** Selects database {@code db}, refused as SELECT refuses a database the server lacks. */
    private static void selectDatabase(CommandContext ctx, long db) {
        try {
            if (db < 0 || db > Integer.MAX_VALUE) throw new IllegalArgumentException("no database " + db);
            ctx.selectDb((int) db);
        } catch (IllegalArgumentException noSuchDatabase) {
            throw ValkeyException.error("DB index is out of range");
        }
    }

    /**
     * {@code JAVAKEYS.TOUCH key}: tells the key's watchers and subscribers that it changed, as a
     * module does after changing a key in its own way: a transaction that WATCHes it fails, and
     * subscribers of module events (notify-keyspace-events {@code d}) get {@code javakeys.touch}.
     * 1, or 0 (and nothing told) if there is no such key.
     */
    static CommandDefinition touch() {
        return CommandDefinition.builder("javakeys.touch")
                .arity(2)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Signals the key as modified and emits the module keyspace event javakeys.touch for it.")
                .handler((ctx, args) -> {
                    ValkeyString name = args.get(1);
                    if (!ctx.keyExists(name)) {
                        ctx.reply(0);
                        return;
                    }
                    ctx.signalModifiedKey(name);
                    ctx.notifyKeyspaceEvent(KeyspaceEventType.MODULE, "javakeys.touch", name);
                    ctx.reply(1);
                })
                .build();
    }
}
