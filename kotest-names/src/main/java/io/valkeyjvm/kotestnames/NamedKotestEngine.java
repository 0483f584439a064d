package io.valkeyjvm.kotestnames;

import io.kotest.runner.junit.platform.KotestJunitPlatformTestEngine;
import java.util.List;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryFilter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryListener;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;

/**
 * Kotest 5's JUnit Platform engine, whose tests Surefire can name. Kotest 5 registers its tests
 * and contexts with the spec's class as their source; Surefire 3 then writes {@code name=""} for
 * every testcase of its XML reports, takes each context for a test class of its own, and merges a
 * spec's tests into one in its summary. This engine runs Kotest's and registers each test with a
 * method source named by its test path instead ({@link PathNamedTest}). Kotest 6 does so itself.
 *
 * <p>Surefire must run this engine instead of Kotest's (engine id "kotest"): the root POM
 * configures it so, for the reactor and for module projects.
 */
public final class NamedKotestEngine implements TestEngine {
    private final TestEngine kotest = new KotestJunitPlatformTestEngine();

    @Override
    public String getId() {
        return "kotest-named";
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        return kotest.discover(new WithoutEngineFilters(request), uniqueId);
    }

    @SuppressWarnings("deprecation") // the constructor of JUnit Platform 1.8, the version Kotest 5 brings
    @Override
    public void execute(ExecutionRequest request) {
        kotest.execute(new ExecutionRequest(request.getRootTestDescriptor(),
                new PathNamingListener(request.getEngineExecutionListener()), request.getConfigurationParameters()));
    }

    /**
     * The launcher's request as a plain one: Kotest looks for engine filters in a launcher's request,
     * and would find its own id, "kotest", excluded there.
     */
    private record WithoutEngineFilters(EngineDiscoveryRequest request) implements EngineDiscoveryRequest {
        @Override
        public <T extends DiscoverySelector> List<T> getSelectorsByType(Class<T> type) {
            return request.getSelectorsByType(type);
        }

        @Override
        public <T extends DiscoveryFilter<?>> List<T> getFiltersByType(Class<T> type) {
            return request.getFiltersByType(type);
        }

        @Override
        public ConfigurationParameters getConfigurationParameters() {
            return request.getConfigurationParameters();
        }

        @Override
        public EngineDiscoveryListener getDiscoveryListener() {
            return request.getDiscoveryListener();
        }
    }
}
