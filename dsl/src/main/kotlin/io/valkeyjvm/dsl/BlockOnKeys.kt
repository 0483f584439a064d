package io.valkeyjvm.dsl

import io.valkeyjvm.core.KeyReadyHandler
import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.ValkeyString
import kotlin.time.Duration

/**
 * Blocks this client until one of [keys] is signalled ready (a write to it, or
 * [CommandScope.signalKeyAsReady]) and [serve] replies; [serve] runs on the main thread with the
 * blocked command's `args` and returns false to keep waiting without replying. After [timeout],
 * [onTimeout] replies. With [wakeOnDelete], deleting a key wakes the client too. In MULTI or Lua,
 * [onTimeout] replies at once, as BLPOP does there.
 *
 * ```kotlin
 * blockOnKeys(listOf(args[1]), timeout = 1.seconds) { args, readyKey ->
 *     val list = openKey(readyKey).value(type) ?: return@blockOnKeys false
 *     reply(list.size)
 *     true
 * }
 * ```
 */
public fun CommandScope.blockOnKeys(
    keys: List<ValkeyString>,
    timeout: Duration = Duration.INFINITE,
    wakeOnDelete: Boolean = false,
    onTimeout: Replies.() -> Unit = { replyNullArray() },
    serve: CommandScope.(args: List<ValkeyString>, readyKey: ValkeyString) -> Boolean,
) {
    context.blockOnKeys(keys, timeout.toTimeoutMillis(), KeyReadyHandler { ctx, args, readyKey -> CommandScope(ctx).serve(args, readyKey) },
        { it.onTimeout() }, wakeOnDelete)
}
