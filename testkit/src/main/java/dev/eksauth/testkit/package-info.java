/**
 * Loopback fakes for tests of code that talks to AWS STS, the EKS API, an OIDC issuer or a
 * Kubernetes API server: {@link dev.eksauth.testkit.FakeSts}, {@link dev.eksauth.testkit.FakeEks},
 * {@link dev.eksauth.testkit.FakeOidcIssuer} and {@link dev.eksauth.testkit.FakeKubernetesApi},
 * each with a JUnit 5 extension that starts it and closes it
 * ({@link dev.eksauth.testkit.FakeStsExtension}, {@link dev.eksauth.testkit.FakeEksExtension},
 * {@link dev.eksauth.testkit.FakeOidcIssuerExtension},
 * {@link dev.eksauth.testkit.FakeKubernetesApiExtension}), plus the values they work with.
 *
 * <p>The fakes run on the JDK's HTTP server, which writes an answer's headers and body separately.
 * Without TCP_NODELAY, Nagle's algorithm holds the body back until the client acknowledges the
 * headers, and clients delay their acknowledgements: each answer then takes tens of milliseconds.
 * The fakes do not change JVM-wide settings, so for fast answers run your tests with
 * {@code -Dsun.net.httpserver.nodelay=true}, e.g. in Maven Surefire's
 * {@code <systemPropertyVariables>}. The JDK reads it once, when its first server starts.
 */
package dev.eksauth.testkit;
