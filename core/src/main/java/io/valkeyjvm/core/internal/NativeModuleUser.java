package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.MainThread;
import io.valkeyjvm.core.ModuleUser;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.charset.StandardCharsets;

/** A module user over the server's ValkeyModuleUser; its handle is 0 once freed. Main thread only. */
final class NativeModuleUser implements ModuleUser {
    private final String name;
    private volatile long handle;

    NativeModuleUser(String name, long handle) {
        this.name = name;
        this.handle = handle;
    }

    /** The server's user, or 0 once closed (for the authentication paths, which say so themselves). */
    long handleOrZero() {
        return handle;
    }

    private long live(String what) {
        MainThread.check("ModuleUser." + what);
        if (handle == 0) throw new IllegalStateException("module user '" + name + "' is closed");
        return handle;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModuleUser setAcl(String rule) {
        long user = live("setAcl");
        if (rule.indexOf('\0') >= 0) throw new IllegalArgumentException("an ACL rule has no NUL character");
        if (SetModuleUserACL(user, rule) != OK)
            throw new IllegalArgumentException("the server refused the ACL rule " + shown(rule) + " for module user '" + name + "'");
        return this;
    }

    @Override
    public ModuleUser setAclRules(String rules) {
        long user = live("setAclRules");
        if (rules.indexOf('\0') >= 0) throw new IllegalArgumentException("ACL rules have no NUL character");
        String reason = NativeAccess.setModuleUserAclString(user, rules.getBytes(StandardCharsets.UTF_8));
        if (reason != null) throw new IllegalArgumentException("the server refused the ACL rules for module user '" + name + "': " + reason);
        return this;
    }

    @Override
    public String aclRules() {
        long user = live("aclRules");
        long described = GetModuleUserACLString(user);
        if (described == 0) throw new IllegalStateException("the server could not describe module user '" + name + "'");
        try {
            return new String(NativeAccess.stringBytes(described), StandardCharsets.UTF_8);
        } finally {
            FreeString(0, described);
        }
    }

    @Override
    public boolean isOpen() {
        return handle != 0;
    }

    @Override
    public void close() {
        if (handle == 0) return;
        MainThread.check("ModuleUser.close");
        long user = handle;
        handle = 0;
        AuthHost.forget(this);
        FreeModuleUser(user);
    }

    /** A rule for an error message: a password rule never shows its password. */
    private static String shown(String rule) {
        return !rule.isEmpty() && ">#<!".indexOf(rule.charAt(0)) >= 0 ? "(a password rule)" : "'" + rule + "'";
    }

    @Override
    public String toString() {
        return "ModuleUser(" + name + (handle == 0 ? ", closed)" : ")");
    }
}
