package io.valkeyjvm.kotestnames;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * A Kotest test or context as Kotest made it, with a method source instead of its spec's class
 * source: the spec's class, and the test path ("HELLO.SIMPLE replies the selected database") for
 * the method. Surefire names a testcase by this method, and its legacy reporting name by the path.
 * The launcher reads what it keeps of a test (a TestIdentifier) when the test is registered.
 */
final class PathNamedTest implements TestDescriptor {
    private final TestDescriptor test;
    private final String path;
    private final MethodSource source;

    private PathNamedTest(TestDescriptor test, String path, String specClass) {
        this.test = test;
        this.path = path;
        this.source = MethodSource.from(specClass, path);
    }

    /** The test with its path for a source, or the test as it is if it is not below a spec with a class source. */
    static TestDescriptor of(TestDescriptor test) {
        Deque<String> names = new ArrayDeque<>();
        TestDescriptor spec = test;
        // A spec is a child of the engine's root; each test or context below it adds its name to the path.
        while (spec.getParent().isPresent() && !spec.getParent().get().isRoot()) {
            names.addFirst(spec.getDisplayName());
            spec = spec.getParent().get();
        }
        Optional<TestSource> specSource = spec.getSource();
        if (names.isEmpty() || !(specSource.orElse(null) instanceof ClassSource classSource)) {
            return test;
        }
        return new PathNamedTest(test, String.join(" ", names), classSource.getClassName());
    }

    @Override
    public Optional<TestSource> getSource() {
        return Optional.of(source);
    }

    @Override
    public String getLegacyReportingName() {
        return path;
    }

    @Override
    public UniqueId getUniqueId() {
        return test.getUniqueId();
    }

    @Override
    public String getDisplayName() {
        return test.getDisplayName();
    }

    @Override
    public Set<TestTag> getTags() {
        return test.getTags();
    }

    @Override
    public Optional<TestDescriptor> getParent() {
        return test.getParent();
    }

    @Override
    public void setParent(TestDescriptor parent) {
        test.setParent(parent);
    }

    @Override
    public Set<? extends TestDescriptor> getChildren() {
        return test.getChildren();
    }

    @Override
    public void addChild(TestDescriptor child) {
        test.addChild(child);
    }

    @Override
    public void removeChild(TestDescriptor child) {
        test.removeChild(child);
    }

    @Override
    public void removeFromHierarchy() {
        test.removeFromHierarchy();
    }

    @Override
    public Type getType() {
        return test.getType();
    }

    @Override
    public boolean mayRegisterTests() {
        return test.mayRegisterTests();
    }

    @Override
    public Optional<? extends TestDescriptor> findByUniqueId(UniqueId uniqueId) {
        return test.findByUniqueId(uniqueId);
    }
}
