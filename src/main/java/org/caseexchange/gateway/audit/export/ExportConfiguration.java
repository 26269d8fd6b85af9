package org.caseexchange.gateway.audit.export;

import java.time.Clock;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.CheckpointWriter;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.evidence.TrustMaterialArchive;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    @Bean
    AuditExporter auditExporter(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            AuditLog log,
            CheckpointWriter checkpoints,
            EvidenceStore evidence,
            TrustMaterialArchive trustMaterial,
            PersonIndex personIndex,
            GatewayIdentity identity,
            Clock clock) {
        return new AuditExporter(
                jdbc,
                transactions,
                log,
                checkpoints,
                evidence,
                trustMaterial,
                personIndex,
                identity.agencyCode(),
                clock);
    }
}
