package uk.childvoice.intake.service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import uk.childvoice.intake.config.IntakeConfig;
import uk.childvoice.intake.repository.SessionRepository;
import uk.childvoice.intake.repository.SessionRepository.SessionRow;
import uk.childvoice.intake.repository.SubmissionRepository;

/**
 * Save and resume: a session per access code, its pages' answers sealed under a key derived from the
 * code, progress readable without the answers, and a submit that goes through the same exactly-once
 * path as a whole response (the session's submission id is fixed when it is created).
 */
@ApplicationScoped
public class SessionService {
    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final SubmissionRepository submissionRepository;
    private final SubmissionService submissions;
    private final QuestionnaireCatalog catalog;
    private final ResponseValidator validator;
    private final RateLimiter rateLimiter;
    private final ObjectMapper mapper;
    private final Duration ttl;
    private final int groups;

    public SessionService(SessionRepository sessions, SubmissionRepository submissionRepository, SubmissionService submissions,
            QuestionnaireCatalog catalog, ResponseValidator validator, RateLimiter rateLimiter, ObjectMapper mapper,
            IntakeConfig config) {
        this.sessions = sessions;
        this.submissionRepository = submissionRepository;
        this.submissions = submissions;
        this.catalog = catalog;
        this.validator = validator;
        this.rateLimiter = rateLimiter;
        this.mapper = mapper;
        this.ttl = config.sessions().ttl();
        this.groups = config.sessions().accessCodeGroups();
    }

    /** A new session: the code is returned once and never stored. */
    public record Created(String accessCode, String questionnaireId, int questionnaireVersion, String nextPage, Instant expiresAt) {
    }

    /** Progress of a session: which pages are saved and what comes next, never the answers. */
    public record Progress(String questionnaireId, int questionnaireVersion, List<String> completedPages, String nextPage,
            boolean submitted, Instant expiresAt) {
    }

    public Uni<Created> create(String questionnaireId) {
        Questionnaire q = catalog.latest(questionnaireId).orElseThrow(() -> new UnknownQuestionnaireException(questionnaireId));
        String code = AccessCodes.generate(groups);
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        return sessions.insert(AccessCodes.lookupHash(AccessCodes.normalise(code, groups)), q.id(), q.version(),
                UUID.randomUUID().toString(), expiresAt)
                .onFailure().transform(StoreUnavailableException::new)
                .map(ignored -> new Created(code, q.id(), q.version(), q.pageIds().get(0), expiresAt));
    }

    public Uni<Progress> progress(String accessCode) {
        return load(accessCode).map(s -> progress(s.row(), s.questionnaire()));
    }

    /** Saves one page (replacing what was saved for it before) and returns the progress. */
    public Uni<Progress> savePage(String accessCode, String pageId, JsonNode body) {
        return load(accessCode).chain(s -> {
            SessionRow row = s.row();
            if (row.submitted()) {
                throw new SessionNotFoundException();
            }
            Questionnaire q = s.questionnaire();
            if (!q.pageIds().contains(pageId)) {
                throw new InvalidResponseException(List.of(new Violation("", "there is no page " + pageId + " in " + q.id())));
            }
            JsonNode answersNode = body == null ? null : body.get("answers");
            validator.validatePage(q, pageId, answersNode);
            ObjectNode saved = answers(s.code(), row);
            q.page(pageId).forEach(question -> saved.remove(question.id()));
            saved.setAll((ObjectNode) answersNode);
            checkSecureSetting(q, saved, (ObjectNode) answersNode);
            List<String> pages = new ArrayList<>(row.completedPages());
            if (!pages.contains(pageId)) {
                pages.add(pageId);
            }
            List<String> ordered = q.pageIds().stream().filter(pages::contains).toList();
            byte[] sealed = AccessCodes.seal(s.code(), bytes(saved));
            return sessions.save(row.codeHash(), row.revision(), ordered, sealed)
                    .onFailure().transform(StoreUnavailableException::new)
                    .map(ok -> {
                        if (!ok) {
                            throw new SessionConflictException();
                        }
                        return new Progress(q.id(), q.version(), ordered, next(q, ordered), false, row.expiresAt());
                    });
        });
    }

    /** Publishes the saved answers exactly once; a repeat returns the same receipt. */
    public Uni<Receipt> submit(String accessCode) {
        return load(accessCode).chain(s -> {
            SessionRow row = s.row();
            if (row.submitted()) {
                return submissionRepository.receipt(row.submissionId())
                        .onFailure().transform(StoreUnavailableException::new)
                        .map(r -> {
                            if (r == null) {
                                throw new SessionNotFoundException();
                            }
                            return r;
                        });
            }
            ObjectNode body = mapper.createObjectNode();
            body.put("submissionId", row.submissionId());
            body.put("questionnaireVersion", row.questionnaireVersion());
            body.set("answers", answers(s.code(), row));
            ValidatedResponse response = validator.validate(row.questionnaireId(), body);
            return submissions.submit(response)
                    .call(receipt -> sessions.markSubmitted(row.codeHash()).onFailure().recoverWithNull());
        });
    }

    /** Deletes expired sessions; the store also ignores them as soon as they expire. */
    @Scheduled(every = "${intake.sessions.purge-every:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purgeExpired() {
        return sessions.deleteExpired()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Deleted %d expired session(s)", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Session purge failed: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private record Loaded(String code, SessionRow row, Questionnaire questionnaire) {
    }

    private Uni<Loaded> load(String accessCode) {
        String code = AccessCodes.normalise(accessCode, groups);
        if (code == null) {
            return Uni.createFrom().failure(new SessionNotFoundException());
        }
        byte[] hash = AccessCodes.lookupHash(code);
        rateLimiter.checkAccessCode(AccessCodes.bucketKey(hash));
        return sessions.find(hash)
                .onFailure().transform(StoreUnavailableException::new)
                .map(row -> {
                    if (row == null) {
                        throw new SessionNotFoundException();
                    }
                    Questionnaire q = catalog.find(row.questionnaireId(), row.questionnaireVersion())
                            .orElseThrow(SessionNotFoundException::new);
                    return new Loaded(code, row, q);
                });
    }

    private Progress progress(SessionRow row, Questionnaire q) {
        return new Progress(q.id(), q.version(), row.completedPages(), row.submitted() ? null : next(q, row.completedPages()),
                row.submitted(), row.expiresAt());
    }

    private static String next(Questionnaire q, List<String> done) {
        return q.pageIds().stream().filter(p -> !done.contains(p)).findFirst().orElse(null);
    }

    private ObjectNode answers(String code, SessionRow row) {
        if (row.answers() == null) {
            return mapper.createObjectNode();
        }
        try {
            return (ObjectNode) mapper.readTree(AccessCodes.open(code, row.answers()));
        } catch (IOException e) {
            throw new IllegalStateException("saved answers unreadable", e);
        }
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkSecureSetting(Questionnaire q, ObjectNode saved, ObjectNode page) {
        JsonNode living = saved.path(uk.childvoice.contracts.QuestionIds.LIVING_SITUATION).path("value");
        if (!living.isTextual() || !uk.childvoice.contracts.QuestionIds.SECURE_SETTINGS.contains(living.asText())) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        for (Question question : q.questions().values()) {
            if (question.skippedInSecureSetting() && saved.has(question.id())) {
                violations.add(new Violation("/answers/" + question.id(),
                        "is not asked of children who live in a secure setting and must not be sent"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidResponseException(violations);
        }
    }
}
