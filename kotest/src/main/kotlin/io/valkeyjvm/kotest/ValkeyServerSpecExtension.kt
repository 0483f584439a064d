package io.valkeyjvm.kotest

import io.kotest.core.extensions.MountableExtension
import io.kotest.core.listeners.AfterSpecListener
import io.kotest.core.listeners.AfterTestListener
import io.kotest.core.spec.Spec
import io.kotest.core.test.TestCase
import io.kotest.core.test.TestResult
import io.kotest.core.test.TestType
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Kotest extension that runs a valkey-server for a spec.
 *
 * `install` starts the server while the spec is constructed and returns the running
 * [ValkeyServer]; the block given to `install` adjusts [config] first. The server is stopped after
 * the spec. When a test fails or errors, the spec and test names and the tails of the server's
 * log and stdout are printed to stderr, so CI output shows what the server saw.
 *
 * ```
 * class GreetingSpec : FunSpec({
 *     val server = install(ValkeyServerSpecExtension(valkeyServerConfig())) {
 *         module(Path.of("target/libgreeting.so"))
 *     }
 *     test("HELLO answers") { decodeReply(server.command("HELLO.GREET", "you")) shouldBe "hi you" }
 * })
 * ```
 *
 * @param config the base configuration; each mount derives its own from it.
 */
public class ValkeyServerSpecExtension(public val config: ValkeyServerConfig) :
    MountableExtension<ValkeyServerConfig.Builder, ValkeyServer>,
    AfterSpecListener,
    AfterTestListener {

    private val servers = CopyOnWriteArrayList<ValkeyServer>()
    private val reported = CopyOnWriteArrayList<TestCase>()

    /**
     * Starts a server for [config] adjusted by [configure], and waits until it answers `PING`.
     * Called by Kotest's `install`.
     *
     * @throws ValkeyServerStartException if the server does not come up; the spec then fails to
     *   instantiate with the server's own error text in the message.
     */
    override fun mount(configure: ValkeyServerConfig.Builder.() -> Unit): ValkeyServer {
        val server = ValkeyServer.start(config.toBuilder().apply(configure).build())
        servers += server
        return server
    }

    /** Stops every server this extension started. */
    override suspend fun afterSpec(spec: Spec) {
        withContext(Dispatchers.IO) {
            for (server in servers) {
                server.stop()
                servers.remove(server)
            }
        }
        reported.clear()
    }

    /**
     * When [testCase] failed or errored, prints the test's name and the servers' log and stdout
     * tails to stderr. A failed container whose failure was already reported for a nested test is
     * not reported again.
     */
    override suspend fun afterTest(testCase: TestCase, result: TestResult) {
        if (!result.isErrorOrFailure || servers.isEmpty()) return
        if (testCase.type == TestType.Container &&
            reported.any { testCase.descriptor.isAncestorOf(it.descriptor) }
        ) {
            return
        }
        reported += testCase
        val report = withContext(Dispatchers.IO) { failureReport(testCase, servers.toList()) }
        System.err.print(report)
        System.err.flush()
    }
}

/**
 * Creates a [ValkeyServerSpecExtension] for a server that loads [modules], configured by
 * [configure]. Use it with `install`:
 *
 * ```
 * val server = install(valkeyServer(ValkeyModuleLoad(Path.of("target/libmymodule.so"))) {
 *     config("appendonly", "yes")
 * })
 * ```
 */
public fun valkeyServer(
    vararg modules: ValkeyModuleLoad,
    configure: ValkeyServerConfig.Builder.() -> Unit = {},
): ValkeyServerSpecExtension = ValkeyServerSpecExtension(
    valkeyServerConfig {
        this.modules += modules
        configure()
    },
)

/** The stderr report for a failed test: its spec and path, then each server's state and log tails. */
internal fun failureReport(testCase: TestCase, servers: List<ValkeyServer>): String {
    val path = generateSequence(testCase) { it.parent }.toList().asReversed().joinToString(" -> ") { it.name.testName }
    return failureReport(testCase.spec::class.qualifiedName ?: testCase.spec::class.toString(), path, servers)
}

/** The stderr report for a failed test named [testPath] in [specName]. */
internal fun failureReport(specName: String, testPath: String, servers: List<ValkeyServer>): String = buildString {
    append("\n=== valkey-jvm: test failed: $specName / $testPath ===\n")
    for (server in servers) {
        append(server.describe()).append('\n')
        append(tailSection("${server.logFile}", server.log(), ValkeyServer.DEFAULT_TAIL_LINES))
        append(tailSection("${server.stdoutFile} (server stdout and stderr)", server.stdout(), ValkeyServer.DEFAULT_TAIL_LINES))
    }
    append("=== end of valkey-jvm report for $testPath ===\n")
}
