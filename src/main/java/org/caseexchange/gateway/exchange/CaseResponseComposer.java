package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.util.UUID;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.ReleasedData;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.xml.Alert;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.DocumentRecord;
import org.caseexchange.gateway.protocol.xml.DocumentStatus;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.ImmigrationStatus;
import org.caseexchange.gateway.protocol.xml.ImmigrationStatusCode;
import org.caseexchange.gateway.protocol.xml.Name;
import org.caseexchange.gateway.protocol.xml.PriorDecision;
import org.caseexchange.gateway.protocol.xml.PriorDecisionKind;
import org.caseexchange.gateway.protocol.xml.Released;
import org.caseexchange.gateway.protocol.xml.ReleasedIdentity;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.protocol.xml.TravelDocument;
import org.caseexchange.gateway.protocol.xml.WireCaveat;
import org.caseexchange.gateway.protocol.xml.WireCaveatCode;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WireDecision;
import org.caseexchange.gateway.protocol.xml.WireMatchResult;
import org.caseexchange.gateway.rules.Caveat;
import org.caseexchange.gateway.rules.Decision;

/**
 * Writes a decision as the caseResponse a partner receives (docs/protocol.md section 3). What it shows
 * depends on the outcome only: a refusal carries its answer code and nothing else, so refusals with the
 * same answer read the same whatever the true reason; a release carries the match, the released data,
 * what was withheld and the caveats; a pending review carries nothing about the person.
 */
public final class CaseResponseComposer {

    public CaseResponseComposer() {}

    /** What identifies the response and binds it to its query. */
    public record Addressing(
            UUID messageId,
            Instant createdAt,
            String sender,
            String recipient,
            String inResponseTo,
            String queryDigest) {}

    public CaseResponse compose(Addressing addressing, Decision decision, ReleasedData released) {
        return fill(new CaseResponse(), addressing, decision, released);
    }

    /** The answer after an officer's review; it supersedes the PENDING_REVIEW answer the partner holds. */
    public FinalResponse composeFinal(
            Addressing addressing, Decision decision, ReleasedData released, String supersedes) {
        FinalResponse response = fill(new FinalResponse(), addressing, decision, released);
        response.setSupersedes(supersedes);
        return response;
    }

    private <T extends CaseResponse> T fill(
            T response, Addressing addressing, Decision decision, ReleasedData released) {
        response.setVersion(MessageKind.VERSION);
        response.setHeader(MessageHeaders.header(
                addressing.messageId(), addressing.createdAt(), addressing.sender(), addressing.recipient()));
        response.setInResponseTo(addressing.inResponseTo());
        response.setQueryDigest(addressing.queryDigest());
        switch (decision.outcome()) {
            case REFUSE -> {
                response.setDecision(WireDecision.REFUSE);
                response.setReasonCode(decision.answer().name());
            }
            case REVIEW -> response.setDecision(WireDecision.PENDING_REVIEW);
            case ALLOW, PARTIAL -> {
                response.setDecision(
                        decision.outcome() == Decision.Outcome.ALLOW ? WireDecision.ALLOW : WireDecision.PARTIAL);
                response.setMatch(WireMatchResult.MATCH);
                response.setReleased(released(released));
                decision.withheld()
                        .keySet()
                        .forEach(element -> response.getWithheld().add(WireDataElement.fromValue(element.name())));
                decision.caveats().forEach(caveat -> response.getCaveat().add(caveat(caveat)));
            }
        }
        return response;
    }

    /** The released data as a message carries it (a caseResponse, or a proactive disclosure of ours). */
    public Released released(ReleasedData data) {
        Released released = new Released();
        data.identity().ifPresent(identity -> {
            ReleasedIdentity element = new ReleasedIdentity();
            identity.names().stream()
                    .limit(10)
                    .forEach(name -> element.getName().add(name(name)));
            identity.dateOfBirth().ifPresent(date -> element.setDateOfBirth(date.toString()));
            element.setSex(Sex.fromValue(identity.sex()));
            identity.nationalities().stream().sorted().limit(5).forEach(element.getNationality()::add);
            element.setCountryOfBirth(identity.countryOfBirth());
            released.setIdentity(element);
        });
        data.immigrationStatus().ifPresent(status -> {
            ImmigrationStatus element = new ImmigrationStatus();
            element.setStatus(ImmigrationStatusCode.fromValue(status.code()));
            element.setSince(MessageHeaders.date(status.since()));
            element.setUntil(MessageHeaders.date(status.until()));
            released.setImmigrationStatus(element);
        });
        data.priorDecisions().stream().limit(50).forEach(event -> {
            PriorDecision element = new PriorDecision();
            element.setKind(PriorDecisionKind.fromValue(event.kind()));
            element.setDecidedOn(MessageHeaders.date(event.occurredOn()));
            element.setSummary(event.summary());
            released.getPriorDecision().add(element);
        });
        data.documents().stream()
                .limit(20)
                .forEach(document -> released.getDocumentRecord().add(document(document)));
        data.alerts().stream().limit(20).forEach(alert -> {
            Alert element = new Alert();
            element.setCode(alert.code());
            element.setIssuedOn(MessageHeaders.date(alert.issuedOn()));
            element.setText(alert.text());
            released.getAlert().add(element);
        });
        return released;
    }

    private static Name name(PersonRecord.Name name) {
        Name element = new Name();
        element.setFamilyName(name.familyName());
        element.setGivenNames(name.givenNames());
        element.setOriginalScript(name.originalScript());
        return element;
    }

    private DocumentRecord document(PersonRecord.Document document) {
        TravelDocument travelDocument = new TravelDocument();
        travelDocument.setType(DocumentType.fromValue(document.type()));
        travelDocument.setNumber(document.number());
        travelDocument.setIssuingCountry(document.issuingCountry());
        travelDocument.setExpiresOn(MessageHeaders.date(document.expiresOn()));
        DocumentRecord element = new DocumentRecord();
        element.setDocument(travelDocument);
        element.setStatus(DocumentStatus.fromValue(document.status()));
        return element;
    }

    /**
     * Whom a proactive disclosure of ours is about, as our record names them: names, date of birth, sex,
     * nationalities and country of birth, and no document unless the disclosure releases documents.
     */
    public org.caseexchange.gateway.protocol.xml.Subject subject(PersonRecord person) {
        org.caseexchange.gateway.protocol.xml.Subject subject = new org.caseexchange.gateway.protocol.xml.Subject();
        person.names().stream().limit(10).forEach(name -> subject.getName().add(name(name)));
        person.dateOfBirth().ifPresent(date -> subject.setDateOfBirth(date.toString()));
        subject.setSex(Sex.fromValue(person.sex()));
        person.nationalities().stream().sorted().limit(5).forEach(subject.getNationality()::add);
        subject.setCountryOfBirth(person.countryOfBirth());
        return subject;
    }

    public WireCaveat caveat(Caveat caveat) {
        WireCaveat element = new WireCaveat();
        element.setCode(WireCaveatCode.fromValue(caveat.code().name()));
        element.setValue(caveat.text());
        element.setRetainUntil(MessageHeaders.date(caveat.retainUntil()));
        return element;
    }
}
