package io.classroom.ingest.service;

import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.security.AllowedNetworks;
import io.classroom.ingest.stream.CameraConnector;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@link CameraConnector} of this service, built from {@code ingest.cameras}: an invalid allow-list entry or CA
 * file fails the start, and an empty allow-list is logged (no camera can be reached then).
 */
@Singleton
public class CameraConnectors {

    @Produces
    @Singleton
    CameraConnector connector(IngestConfig config) {
        var allowed = AllowedNetworks.of(config.cameras().allowedNetworks().orElse(List.of()));
        if (allowed.isEmpty()) {
            Log.warn("ingest.cameras.allowed-networks is empty: every camera connection is refused (NOT_ALLOWED)");
        } else {
            Log.infof("camera connections are allowed to %s", allowed);
        }
        return new CameraConnector(
                allowed,
                InetAddress::getAllByName,
                config.cameras().tlsCaFile().map(CameraConnectors::trusting).orElseGet(CameraConnectors::jvmDefault));
    }

    /** TLS trusting exactly the certificates of a PEM file (a school's own CA for its cameras). */
    static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("camera-ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalStateException("ingest.cameras.tls-ca-file holds no certificate: " + pemFile);
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot read ingest.cameras.tls-ca-file " + pemFile + ": " + e.getMessage());
        }
    }

    private static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
