package dev.eksauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The build, not the testkit, turns on TCP_NODELAY for the JDK server in tests (root pom,
 * surefire's systemPropertyVariables), before any test class loads and so before any fake starts.
 */
class JdkServerSettingsTest {
    @Test
    void testsRunWithTcpNoDelayForTheJdkServer() {
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }
}
