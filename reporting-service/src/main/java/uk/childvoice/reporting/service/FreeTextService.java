package uk.childvoice.reporting.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.repository.FreeTextRepository;

/**
 * Scrubbed free text for analysts. The filter is a group like a table cell: its size goes through the
 * cell key method and the threshold, and a group too small to publish is refused, so free text can never
 * be narrowed down to a handful of children.
 */
@ApplicationScoped
public class FreeTextService {
    private final FreeTextRepository repository;
    private final CellKeyPerturbation ckm;
    private final int maximumPageSize;

    public FreeTextService(FreeTextRepository repository, CellKeyPerturbation ckm, ReportingConfig config) {
        this.repository = repository;
        this.ckm = ckm;
        this.maximumPageSize = config.freeText().maximumPageSize();
    }

    public Uni<FreeTextPage> answers(String question, Map<String, List<String>> rawFilters, Integer limit, Integer offset) {
        List<InvalidQueryException.Violation> violations = new ArrayList<>();
        if (question == null || question.isBlank() || question.length() > 100) {
            violations.add(new InvalidQueryException.Violation("question", "is required: the id of a free-text question"));
        }
        int size = limit == null ? 50 : limit;
        int from = offset == null ? 0 : offset;
        if (size < 1 || size > maximumPageSize) {
            violations.add(new InvalidQueryException.Violation("limit", "must be between 1 and " + maximumPageSize));
        }
        if (from < 0) {
            violations.add(new InvalidQueryException.Violation("offset", "must not be negative"));
        }
        Map<Dimension, Set<String>> filters = new LinkedHashMap<>();
        Map<String, List<String>> echo = new LinkedHashMap<>();
        rawFilters.forEach((name, values) -> {
            Optional<Dimension> d = Dimension.byApiName(name);
            if (d.isEmpty() || !d.get().broad()) {
                violations.add(new InvalidQueryException.Violation(name, "free text can be filtered by the broad dimensions only: "
                        + String.join(", ", Dimension.BROAD.stream().map(Dimension::apiName).toList())));
                return;
            }
            List<String> split = values.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::trim)
                    .filter(v -> !v.isEmpty()).distinct().toList();
            filters.put(d.get(), new LinkedHashSet<>(split));
            echo.put(name, split);
        });
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(new InvalidQueryException(violations));
        }
        return repository.group(question, filters).flatMap(group -> {
            Long published = ckm.publish(group[0], group[1]);
            if (published == null) {
                return Uni.createFrom().failure(new TableRefusedException("Fewer than " + ckm.threshold()
                        + " children gave a free-text answer in this group; choose broader filters."));
            }
            return repository.page(question, filters, size, from)
                    .map(answers -> new FreeTextPage(question, echo, published, size, from,
                            answers.stream().map(a -> new FreeTextPage.Answer(a.text(), a.redactions())).toList(),
                            "Answers are scrubbed of names, contact details and schools ([PERSON], [PHONE], …). The group "
                                    + "size is perturbed by the cell key method."));
        });
    }

    /** A page of scrubbed answers; {@code groupSize} is a published (perturbed) count. */
    public record FreeTextPage(String question, Map<String, List<String>> filters, long groupSize, int limit, int offset,
            List<Answer> answers, String notice) {

        /** One scrubbed answer and how many identifiers were replaced in it. */
        public record Answer(String text, int redactions) {
        }
    }
}
