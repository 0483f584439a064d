package io.valkeyjvm.examples.javactx;

import io.valkeyjvm.core.AclLogReason;
import io.valkeyjvm.core.AclUser;
import io.valkeyjvm.core.ChannelFlag;
import io.valkeyjvm.core.ClientInfo;
import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ContextFlag;
import io.valkeyjvm.core.KeyPermission;
import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.Server;
import io.valkeyjvm.core.ServerVersion;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a command can learn from, and ask of, the server through its {@link CommandContext}: the
 * client, the context flags, the version and clocks, the load arguments, the log, ACL checks and
 * publishing.
 */
final class ContextCommands {
    /** The arguments the module was loaded with, as {@code onLoad} got them. */
    private static volatile List<ValkeyString> loadArguments = List.of();

    private ContextCommands() {}

    /** Called from the module's {@code onLoad}. */
    static void rememberLoadArguments(List<ValkeyString> args) {
        loadArguments = List.copyOf(args);
    }

    static List<CommandDefinition.Builder> commands() {
        return List.of(
                CommandDefinition.builder("javactx.client")
                        .arity(1)
                        .flags("readonly fast")
                        .summary("The calling client: its id, name, ACL user, address, port and database, as a map.")
                        .complexity("O(1)")
                        .since("1.0.0")
                        .handler(ContextCommands::client),
                CommandDefinition.builder("javactx.client.setname")
                        .arity(2)
                        .flags("readonly fast")
                        .summary("Names the calling client as CLIENT SETNAME does; an empty name removes it.")
                        .since("1.0.0")
                        .args(CommandArg.string("name"))
                        .handler(ContextCommands::setName),
                CommandDefinition.builder("javactx.flags")
                        .arity(1)
                        .flags("readonly fast allow-stale allow-loading")
                        .summary("The context flags of this call: PRIMARY or REPLICA, MULTI, LUA, RESP3...")
                        .since("1.0.0")
                        .handler(ContextCommands::flags),
                CommandDefinition.builder("javactx.version")
                        .arity(1)
                        .flags("readonly fast")
                        .summary("The running server's version, major.minor.patch.")
                        .since("1.0.0")
                        .handler((ctx, args) -> ctx.reply(Server.version().toString())),
                CommandDefinition.builder("javactx.version.atleast")
                        .arity(3)
                        .flags("readonly fast")
                        .summary("1 if the running server is at least version major.minor, else 0.")
                        .since("1.0.0")
                        .args(CommandArg.integer("major"), CommandArg.integer("minor"))
                        .handler(ContextCommands::versionAtLeast),
                CommandDefinition.builder("javactx.time")
                        .arity(1)
                        .flags("readonly fast")
                        .summary("The server's clocks: milliseconds, microseconds, cached microseconds, monotonic microseconds.")
                        .since("1.0.0")
                        .tips("nondeterministic_output")
                        .handler(ContextCommands::time),
                CommandDefinition.builder("javactx.args")
                        .arity(1)
                        .flags("readonly fast")
                        .summary("The arguments the module was loaded with.")
                        .since("1.0.0")
                        .handler((ctx, args) -> ctx.reply(loadArguments)),
                CommandDefinition.builder("javactx.args.set")
                        .arity(-1)
                        .flags("admin")
                        .summary("Replaces the module's load arguments, as MODULE LIST and CONFIG REWRITE show them (Valkey 8.1+).")
                        .since("1.0.0")
                        .args(CommandArg.string("arg").optional().multiple())
                        .handler(ContextCommands::setLoadArgs),
                CommandDefinition.builder("javactx.log")
                        .arity(3)
                        .flags("readonly fast")
                        .summary("Writes a message to the server log at a level: debug, verbose, notice or warning.")
                        .since("1.0.0")
                        .args(CommandArg.string("level"), CommandArg.string("message"))
                        .handler(ContextCommands::log),
                CommandDefinition.builder("javactx.acl.command")
                        .arity(-3)
                        .flags("readonly fast")
                        .summary("OK if the ACL user may run the command with these arguments, else a NOPERM error (logged in ACL LOG).")
                        .since("1.0.0")
                        .args(CommandArg.string("user"), CommandArg.string("command"), CommandArg.string("arg").optional().multiple())
                        .handler(ContextCommands::aclCommand),
                CommandDefinition.builder("javactx.acl.key")
                        .arity(4)
                        .flags("readonly fast")
                        .summary("OK if the ACL user's key patterns allow the key for READ, WRITE or ANY use, else a NOPERM error.")
                        .since("1.0.0")
                        .args(CommandArg.string("user"), CommandArg.string("key"),
                                CommandArg.oneOf("use", CommandArg.pureToken("read", "READ"), CommandArg.pureToken("write", "WRITE"),
                                        CommandArg.pureToken("any", "ANY")))
                        .handler(ContextCommands::aclKey),
                CommandDefinition.builder("javactx.acl.channel")
                        .arity(3)
                        .flags("readonly fast")
                        .summary("OK if the ACL user may publish to the channel, else a NOPERM error.")
                        .since("1.0.0")
                        .args(CommandArg.string("user"), CommandArg.string("channel"))
                        .handler(ContextCommands::aclChannel),
                CommandDefinition.builder("javactx.publish")
                        .arity(3)
                        .flags("pubsub fast")
                        .summary("Publishes a message on a channel, as PUBLISH does; replies the number of receivers.")
                        .complexity("O(N) where N is the number of subscribers")
                        .since("1.0.0")
                        .args(CommandArg.string("channel"), CommandArg.string("message"))
                        .handler((ctx, args) -> ctx.reply(ctx.publish(args.get(1), args.get(2)))),
                CommandDefinition.builder("javactx.spublish")
                        .arity(3)
                        .flags("pubsub fast")
                        .summary("Publishes a message on a shard channel, as SPUBLISH does; replies the number of receivers.")
                        .since("1.0.0")
                        .args(CommandArg.string("shardchannel"), CommandArg.string("message"))
                        .handler((ctx, args) -> ctx.reply(ctx.publishToShard(args.get(1), args.get(2)))));
    }

    private static void client(CommandContext ctx, List<ValkeyString> args) {
        ClientInfo info = ctx.clientInfo();
        ctx.replyMap(6);
        ctx.reply("id");
        ctx.reply(ctx.clientId());
        ctx.reply("name");
        replyOrNull(ctx, ctx.clientName());
        ctx.reply("user");
        replyOrNull(ctx, ctx.userName());
        ctx.reply("address");
        if (info == null) ctx.replyNull();
        else ctx.reply(info.address());
        ctx.reply("port");
        ctx.reply(info == null ? 0 : info.port());
        ctx.reply("db");
        ctx.reply(info == null ? ctx.selectedDb() : info.db());
    }

    private static void setName(CommandContext ctx, List<ValkeyString> args) {
        try {
            ctx.setClientName(args.get(1));
        } catch (IllegalArgumentException refused) {
            throw ValkeyException.error(refused.getMessage());
        }
        ctx.replyOk();
    }

    private static void flags(CommandContext ctx, List<ValkeyString> args) {
        Set<ContextFlag> flags = ctx.contextFlags();
        ctx.replyArray(flags.size());
        for (ContextFlag flag : flags) ctx.reply(flag.name());
    }

    private static void versionAtLeast(CommandContext ctx, List<ValkeyString> args) {
        int major = smallNumber(args.get(1), "major");
        int minor = smallNumber(args.get(2), "minor");
        ServerVersion version = Server.version();
        ctx.reply(version.atLeast(major, minor) ? 1 : 0);
    }

    private static void time(CommandContext ctx, List<ValkeyString> args) {
        ctx.replyMap(4);
        ctx.reply("milliseconds");
        ctx.reply(Server.milliseconds());
        ctx.reply("microseconds");
        ctx.reply(Server.microseconds());
        // The time the command started: the same for every command of one MULTI or script.
        ctx.reply("cached-microseconds");
        ctx.reply(Server.cachedMicroseconds());
        ctx.reply("monotonic-microseconds");
        ctx.reply(Server.monotonicMicroseconds());
    }

    private static void setLoadArgs(CommandContext ctx, List<ValkeyString> args) {
        if (!Server.version().atLeast(8, 1))
            throw ValkeyException.error("JAVACTX.ARGS.SET needs Valkey 8.1 or later; this server is " + Server.version());
        List<ValkeyString> replacement = args.subList(1, args.size());
        ctx.updateLoadArguments(replacement);
        rememberLoadArguments(replacement);
        ctx.replyOk();
    }

    private static void log(CommandContext ctx, List<ValkeyString> args) {
        LogLevel level;
        try {
            level = LogLevel.of(args.get(1).toText());
        } catch (IllegalArgumentException unknown) {
            throw ValkeyException.error(unknown.getMessage());
        }
        ctx.log(level, args.get(2).toText());
        ctx.replyOk();
    }

    private static void aclCommand(CommandContext ctx, List<ValkeyString> args) {
        List<ValkeyString> command = args.subList(2, args.size());
        try (AclUser user = ctx.aclUser(args.get(1))) {
            if (!user.canRunCommand(command)) {
                user.addLogEntry(command.get(0), AclLogReason.COMMAND);
                throw denied(user, "run the '" + command.get(0) + "' command");
            }
        }
        ctx.replyOk();
    }

    private static void aclKey(CommandContext ctx, List<ValkeyString> args) {
        ValkeyString key = args.get(2);
        Set<KeyPermission> permissions;
        String use = args.get(3).toText();
        if (use.equalsIgnoreCase("READ")) permissions = EnumSet.of(KeyPermission.ACCESS);
        else if (use.equalsIgnoreCase("WRITE")) permissions = EnumSet.of(KeyPermission.INSERT, KeyPermission.DELETE, KeyPermission.UPDATE);
        else if (use.equalsIgnoreCase("ANY")) permissions = EnumSet.noneOf(KeyPermission.class);
        else throw ValkeyException.error("the key use must be READ, WRITE or ANY");
        try (AclUser user = ctx.aclUser(args.get(1))) {
            if (!user.canAccessKey(key, permissions)) {
                user.addLogEntry(key, AclLogReason.KEY);
                throw denied(user, "access the '" + key + "' key");
            }
        }
        ctx.replyOk();
    }

    private static void aclChannel(CommandContext ctx, List<ValkeyString> args) {
        ValkeyString channel = args.get(2);
        try (AclUser user = ctx.aclUser(args.get(1))) {
            if (!user.canAccessChannel(channel, EnumSet.of(ChannelFlag.PUBLISH))) {
                user.addLogEntry(channel, AclLogReason.CHANNEL);
                throw denied(user, "access the '" + channel + "' channel");
            }
        }
        ctx.replyOk();
    }

    /** The server's own wording for an ACL denial, with the module's subject. */
    private static ValkeyException denied(AclUser user, String what) {
        return ValkeyException.withCode("NOPERM", "User " + user.name() + " has no permissions to " + what);
    }

    private static void replyOrNull(CommandContext ctx, @Nullable ValkeyString value) {
        if (value == null) ctx.replyNull();
        else ctx.reply(value);
    }

    private static int smallNumber(ValkeyString arg, String name) {
        Long value = arg.toLongOrNull();
        if (value == null || value < 0 || value > 255)
            throw ValkeyException.error("'" + name + "' must be an integer from 0 to 255");
        return value.intValue();
    }
}
