package org.caseexchange.gateway.audit.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.Mac;
import org.caseexchange.gateway.casedata.Names;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finds every exchange about one person without a readable list of people (docs/audit.md, "Person
 * index"): each identifier is normalised (compatibility decomposition, accents removed, upper case,
 * only letters and digits) and stored as an HMAC-SHA256 under the archive's index key. Whoever reads
 * the table learns nothing without that key; an auditor's search goes through the gateway, which
 * computes the same tokens from the identifiers they give.
 *
 * <p>A person is indexed, from the query that named them, by each travel document (issuing country
 * and number, without separators) and by each name's family and given names with the full date of
 * birth; a search matches on any one of them.
 */
public class PersonIndex {

    private final JdbcTemplate jdbc;
    private final ArchiveKeys keys;

    public PersonIndex(JdbcTemplate jdbc, ArchiveKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Indexes the exchange under the person's identifiers, in the caller's transaction. */
    public void index(UUID exchangeId, SubjectQuery person) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the person index is written in the exchange's transaction; there is none");
        }
        for (String token : tokens(person)) {
            jdbc.update("INSERT INTO person_index (token, exchange_id) VALUES (?, ?)", token, exchangeId);
        }
    }

    /** Every indexed exchange about the person, by any one of their identifiers. */
    public Set<UUID> exchangesAbout(SubjectQuery person) {
        Set<UUID> exchanges = new TreeSet<>();
        for (String token : tokens(person)) {
            exchanges.addAll(
                    jdbc.queryForList("SELECT exchange_id FROM person_index WHERE token = ?", UUID.class, token));
        }
        return exchanges;
    }

    Set<String> tokens(SubjectQuery person) {
        Set<String> tokens = new LinkedHashSet<>();
        for (SubjectQuery.DocumentReference document : person.documents()) {
            String number = Names.documentNumber(document.number());
            if (!number.isEmpty()) {
                tokens.add(token(List.of("document", Names.normalise(document.issuingCountry()), number)));
            }
        }
        Optional<PartialDate> born = person.dateOfBirth().filter(PartialDate::full);
        for (PersonRecord.Name name : person.names()) {
            String family = Names.normalise(name.familyName());
            if (!family.isEmpty() && born.isPresent()) {
                tokens.add(token(List.of(
                        "name-and-birth",
                        family,
                        Names.normalise(name.givenNames()),
                        born.get().toString())));
            }
        }
        return tokens;
    }

    private String token(List<String> parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.personIndex());
            return HexFormat.of().formatHex(mac.doFinal(String.join("\0", parts).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
