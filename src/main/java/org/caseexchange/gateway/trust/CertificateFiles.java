package org.caseexchange.gateway.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.caseexchange.gateway.InvalidConfigurationException;

/**
 * Reads certificates and CRLs (PEM or DER) from files, naming the setting (or the command-line option)
 * at fault on failure: the one reader of certificate files, for the gateway and the offline verifier.
 */
public final class CertificateFiles {

    private CertificateFiles() {}

    /** Every certificate in the file: a PEM bundle may hold several. */
    public static List<X509Certificate> readCertificates(String key, Path file) {
        try (InputStream in = open(key, file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new InvalidConfigurationException(key, "no certificate in " + file);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(key, "not a readable X.509 certificate file: " + file, e);
        }
    }

    /** The one certificate the file must hold. */
    public static X509Certificate readCertificate(String key, Path file) {
        List<X509Certificate> certificates = readCertificates(key, file);
        if (certificates.size() != 1) {
            throw new InvalidConfigurationException(
                    key, "expected exactly one certificate in " + file + ", found " + certificates.size());
        }
        return certificates.get(0);
    }

    public static X509CRL readCrl(String key, Path file) {
        try (InputStream in = open(key, file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new InvalidConfigurationException(key, "not a readable X.509 CRL file: " + file, e);
        }
    }

    private static InputStream open(String key, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationException(key, "file not found: " + file.toAbsolutePath());
        }
        return Files.newInputStream(file);
    }
}
