package io.valkeyjvm.it

import io.valkeyjvm.kotest.ValkeyServer
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.jar.Attributes
import java.util.jar.JarFile
import java.util.jar.JarOutputStream
import java.util.jar.Manifest
import redis.clients.jedis.exceptions.JedisDataException

/** Where the specs find the modules they load. */
object Modules {
    private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target")).toAbsolutePath()
    private val examplesDir: Path = Path.of(System.getProperty("valkey.examples.dir", "../examples")).toAbsolutePath()

    val fixture: Path = moduleDir.resolve("fixture.so")
    val fixtureJar: Path = moduleDir.resolve("fixture.jar")
    val hello: Path = examplesDir.resolve("hello/target/hello.so").normalize()
    val javaHello: Path = examplesDir.resolve("javahello/target/javahello.so").normalize()
    val alloc: Path = examplesDir.resolve("alloc/target/alloc.so").normalize()
    val helloType: Path = examplesDir.resolve("hellotype/target/hellotype.so").normalize()

    /** The type-free "lifecycle" module: the fixture's .so and a copy of its jar that names LifecycleFixtureKt. */
    val lifecycle: Path by lazy { copy("lifecycle", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.LifecycleFixtureKt") }) }

    /** The "cfg" module, one config of each kind: the fixture's .so and a copy of its jar that names ConfigFixtureKt. */
    val configs: Path by lazy { copy("cfg", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.ConfigFixtureKt") }) }

    /** The "cfgx" module (configs any server since 8.0 handles, load arguments, raw registration): a copy naming ConfigExtrasFixtureKt. */
    val configExtras: Path by lazy { copy("cfgx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.ConfigExtrasFixtureKt") }) }

    /** The "cfgu" module, unsigned number configs (Valkey 9.1+): a copy of the fixture naming UnsignedConfigFixtureKt. */
    val unsignedConfigs: Path by lazy {
        copy("cfgu", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.UnsignedConfigFixtureKt") })
    }

    /** The "evt" module, which records the events it gets: the fixture's .so and a copy of its jar that names EventFixtureKt. */
    val events: Path by lazy { copy("evt", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.EventFixtureKt") }) }

    /** The "ksx" module, whose handlers read and write in notifications: the fixture's .so and a copy of its jar that names KeyspaceFixtureKt. */
    val keyspace: Path by lazy { copy("ksx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.KeyspaceFixtureKt") }) }

    /** The "ksnest" module, with the nested-notification and no-implicit-signal options. */
    val nestedKeyspace: Path by lazy {
        copy("ksnest", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.NestedKeyspaceFixtureKt") })
    }

    /** The "optnew" module, with an option that only Valkey 8.1 and later have. */
    val newOption: Path by lazy { copy("optnew", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.NewOptionFixtureKt") }) }

    /** The "evtnew" module, subscribed to an event that only Valkey 9.0 and later have. */
    val newEvents: Path by lazy {
        copy("evtnew", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.NewEventFixtureKt") })
    }

    /** The "future" module, which requires Valkey 99.0. */
    val future: Path by lazy { copy("future", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.FutureFixtureKt") }) }
    /** The "authfx" module, which authenticates clients: the fixture's .so and a copy of its jar that names AuthFixtureKt. */
    val auth: Path by lazy { copy("authfx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.AuthFixtureKt") }) }

    /** The "ctxfx" module, the command's context (clients, LRU/LFU, clocks, slots, call errors, replays): a copy naming ContextFixtureKt. */
    val context: Path by lazy { copy("ctxfx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.ContextFixtureKt") }) }

    /** The "aclfx" module, ACL categories and checks: a copy of the fixture naming AclFixtureKt. */
    val acl: Path by lazy { copy("aclfx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.AclFixtureKt") }) }

    /** The "aclclash" module, declaring an ACL category the server has already. */
    val aclClash: Path by lazy { copy("aclclash", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.AclClashFixtureKt") }) }

    /** The "aclbad" module, a command in an ACL category nobody declares. */
    val aclBad: Path by lazy { copy("aclbad", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.AclBadFixtureKt") }) }

    /** The "meta" module, commands with every kind of metadata and ACL checks: a copy naming MetadataFixtureKt. */
    val metadata: Path by lazy { copy("meta", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.MetadataFixtureKt") }) }

    /** The "metabad" module, a key spec without an access flag: a copy naming MetadataBadFixtureKt. */
    val metadataBad: Path by lazy { copy("metabad", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.MetadataBadFixtureKt") }) }
    /** The "scanfx" module: scans, a server dictionary, strings: a copy of the fixture naming ScanFixtureKt. */
    val scan: Path by lazy { copy("scanfx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.ScanFixtureKt") }) }
    /** The "latfx" module, latency monitor samples: a copy of the fixture naming LatencyFixtureKt. */
    val latency: Path by lazy { copy("latfx", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.LatencyFixtureKt") }) }
    /** The "kt" module, one command per operation of a key's typed views: a copy of the fixture naming KeyTypesFixtureKt. */
    val keyTypes: Path by lazy { copy("kt", fixtureJarWith { it.putValue("Valkey-Module-Class", "io.valkeyjvm.it.KeyTypesFixtureKt") }) }

    /** The shared runtime jar that `mvn package` leaves beside the fixture. */
    val runtimeJar: Path by lazy {
        Files.list(moduleDir).use { files -> files.filter { it.fileName.toString().startsWith("valkey-jvm-runtime-") }.findFirst().orElseThrow() }
    }

    /**
     * A copy of the fixture's .so under [name] in a fresh directory, with [jar] (if any) beside it
     * as [name].jar, and the shared runtime jar unless [withRuntime] is false.
     */
    fun copy(name: String, jar: Path? = fixtureJar, withRuntime: Boolean = true): Path {
        val dir = Files.createTempDirectory("valkey-jvm-it")
        val so = dir.resolve("$name.so")
        Files.copy(fixture, so, StandardCopyOption.COPY_ATTRIBUTES)
        if (jar != null) Files.copy(jar, dir.resolve("$name.jar"))
        if (withRuntime) Files.copy(runtimeJar, dir.resolve(runtimeJar.fileName))
        return so
    }

    /** A copy of the fixture jar whose manifest is [edit]ed. */
    fun fixtureJarWith(edit: (Attributes) -> Unit): Path {
        val target = Files.createTempFile("valkey-jvm-it", ".jar")
        JarFile(fixtureJar.toFile()).use { source ->
            val manifest = Manifest(source.manifest)
            edit(manifest.mainAttributes)
            JarOutputStream(Files.newOutputStream(target), manifest).use { out ->
                for (entry in source.entries()) {
                    if (entry.name.equals(JarFile.MANIFEST_NAME, ignoreCase = true)) continue
                    out.putNextEntry(java.util.jar.JarEntry(entry.name))
                    source.getInputStream(entry).use { it.copyTo(out) }
                    out.closeEntry()
                }
            }
        }
        return target
    }

    /** A jar with a manifest and nothing else: no runtime, no module. */
    fun emptyJar(): Path {
        val target = Files.createTempFile("valkey-jvm-it", ".jar")
        val manifest = Manifest().apply { mainAttributes[Attributes.Name.MANIFEST_VERSION] = "1.0" }
        JarOutputStream(Files.newOutputStream(target), manifest).close()
        return target
    }
}

/** MODULE LOAD with the given path and arguments; returns the error text, or null if it loaded. */
fun ValkeyServer.moduleLoad(path: Path, vararg args: String): String? =
    try {
        command("MODULE", "LOAD", path.toString(), *args)
        null
    } catch (e: JedisDataException) {
        e.message
    }

