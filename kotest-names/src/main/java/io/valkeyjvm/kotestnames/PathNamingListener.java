package io.valkeyjvm.kotestnames;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/** Passes Kotest's events on to the launcher, each new test or context registered as a {@link PathNamedTest}. */
record PathNamingListener(EngineExecutionListener launcher) implements EngineExecutionListener {
    @Override
    public void dynamicTestRegistered(TestDescriptor test) {
        launcher.dynamicTestRegistered(PathNamedTest.of(test));
    }

    @Override
    public void executionSkipped(TestDescriptor test, String reason) {
        launcher.executionSkipped(test, reason);
    }

    @Override
    public void executionStarted(TestDescriptor test) {
        launcher.executionStarted(test);
    }

    @Override
    public void executionFinished(TestDescriptor test, TestExecutionResult result) {
        launcher.executionFinished(test, result);
    }

    @Override
    public void reportingEntryPublished(TestDescriptor test, ReportEntry entry) {
        launcher.reportingEntryPublished(test, entry);
    }
}
