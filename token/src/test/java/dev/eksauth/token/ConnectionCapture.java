package dev.eksauth.token;

/** The smallest cluster client builder: what it builds is the connection itself. */
final class ConnectionCapture extends AbstractEksClusterClientBuilder<ConnectionCapture, EksClusterConnection> {
    @Override
    protected EksClusterConnection build(EksClusterConnection connection) {
        return connection;
    }
}
