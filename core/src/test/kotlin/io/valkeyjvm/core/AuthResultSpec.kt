package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** Auth decisions as values, and auth callbacks in a module definition; no server needed. */
class AuthResultSpec : FunSpec({
    test("each decision says what it is and carries what it needs") {
        AuthResult.notHandled().kind() shouldBe AuthResult.Kind.NOT_HANDLED
        AuthResult.deny().message().shouldBeNull()
        AuthResult.deny("token expired").message() shouldBe "token expired"
        AuthResult.blocked().kind() shouldBe AuthResult.Kind.BLOCKED
        val listener = UserChangeListener { }
        val acl = AuthResult.allowAclUser(ValkeyString.of(byteArrayOf('u'.code.toByte(), 0, 'x'.code.toByte())), listener)
        acl.kind() shouldBe AuthResult.Kind.ALLOWED_ACL_USER
        acl.aclUser() shouldBe ValkeyString.of(byteArrayOf('u'.code.toByte(), 0, 'x'.code.toByte()))
        acl.onUserChange() shouldBe listener
        AuthResult.allowAclUser("svc").toString() shouldBe "allowAclUser(svc)"
    }

    test("only a denial goes to ACL LOG") {
        val logged = AuthResult.deny("no").withAclLog("module check")
        logged.aclLogObject() shouldBe "module check"
        logged.message() shouldBe "no"
        shouldThrow<IllegalStateException> { AuthResult.allowAclUser("svc").withAclLog("x") }.message shouldContain "only a denial"
        shouldThrow<IllegalStateException> { AuthResult.notHandled().withAclLog("x") }
    }

    test("a module's auth callbacks keep their declaration order") {
        val first = AuthCallback { _, _, _ -> AuthResult.notHandled() }
        val second = AuthCallback { _, _, _ -> AuthResult.deny() }
        val module = ModuleDefinition.builder("authy").authCallback(first).authCallback(second).build()
        module.authCallbacks() shouldBe listOf(first, second)
    }
})
