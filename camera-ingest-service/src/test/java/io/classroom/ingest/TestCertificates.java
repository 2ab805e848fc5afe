package io.classroom.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A self-signed camera certificate for 127.0.0.1 made with the JDK's keytool, for rtsps tests. */
public record TestCertificates(Path keyStore, Path certificatePem) {

    private static final char[] PASSWORD = "test-only".toCharArray();

    public static TestCertificates create(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        var keyStore = directory.resolve("camera.p12");
        var pem = directory.resolve("camera-ca.pem");
        Files.deleteIfExists(keyStore);
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(
                keytool,
                "-genkeypair",
                "-alias",
                "camera",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=camera.test",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                new String(PASSWORD)));
        run(List.of(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "camera",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-file",
                pem.toString()));
        return new TestCertificates(keyStore, pem);
    }

    /** The camera's side: TLS with this certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        var context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
