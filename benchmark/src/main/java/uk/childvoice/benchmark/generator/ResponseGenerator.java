package uk.childvoice.benchmark.generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import uk.childvoice.benchmark.generator.SyntheticResponse.PostcodeKind;

/**
 * Synthetic survey responses that look like the real thing by age variant: the share of each variant,
 * answer distributions, "I don't want to say" and skip rates, real postcodes from the NSPL sample
 * (with some Welsh, Scottish, terminated and unknown ones), free text with and without identifiers,
 * and some children in secure settings, who are not asked for postcode or school.
 *
 * <p>Response {@code i} of stream {@code s} depends only on (seed, s, i): generation is reproducible,
 * needs no memory for half a million responses, and any number of threads can generate in any order.
 * The rates are assumptions, written down here, not survey results.
 */
public final class ResponseGenerator {
    /** Share of responses per variant (the Big Ask's 557,077 were mostly 9-17; easy read a few per cent). */
    static final Map<String, Double> VARIANT_SHARE = orderedMap(
            "4-5", 0.08, "6-8", 0.19, "6-8-easy-read", 0.02, "9-12", 0.34, "9-12-easy-read", 0.03, "13-17", 0.34);

    private static final Map<String, Double> GENDER = Map.of("girl", 0.49, "boy", 0.47, "other", 0.04);
    private static final Map<String, Double> LIVING = orderedMap("with_parents", 0.845, "foster_parents", 0.02,
            "other_relatives", 0.035, "childrens_home", 0.01, "secure_childrens_home", 0.004, "young_offender_institution", 0.004,
            "secure_training_centre", 0.002, "inpatient_mental_health", 0.004, "supported_accommodation", 0.006,
            "on_my_own", 0.005, "friends_or_hostel", 0.005, "other", 0.06);
    // Roughly the ethnic mix of children in England (Census 2021), rounded.
    private static final Map<String, Double> ETHNICITY = orderedMap("white_british", 0.66, "white_irish", 0.003,
            "white_gypsy_irish_traveller", 0.004, "white_roma", 0.003, "white_other", 0.06, "asian_indian", 0.035,
            "asian_pakistani", 0.045, "asian_bangladeshi", 0.018, "asian_chinese", 0.006, "asian_other", 0.018,
            "black_african", 0.038, "black_caribbean", 0.008, "black_other", 0.008, "mixed_white_black_caribbean", 0.015,
            "mixed_white_black_african", 0.008, "mixed_white_asian", 0.014, "mixed_other", 0.017, "other_arab", 0.007,
            "other_any", 0.014);
    private static final Map<String, Double> HAPPINESS = orderedMap("very_happy", 0.30, "happy", 0.34, "okay", 0.22,
            "unhappy", 0.09, "very_unhappy", 0.05);
    private static final Set<String> EXCLUSIVE = Set.of("none", "nothing");
    private static final List<String> SCHOOLS = List.of("Oakfield Primary School", "St Mary's Church of England Primary School",
            "Riverside Academy", "Hillcrest High School", "Meadowbank Primary School", "Kingsway Community College",
            "St Joseph's Catholic Primary School", "Westfield Academy", "Park View School", "Beechwood Junior School",
            "Northgate Sixth Form College", "Brookside Infant School");

    private static final JsonFactory JSON = new JsonFactory();

    private final QuestionnaireDefinitions definitions;
    private final PostcodeSample postcodes;
    private final long seed;
    private final String[] variants;
    private final double[] cumulativeShare;
    private final Set<String> councils;
    // Looked up once per response: kept per variant rather than searched for each time.
    private final Map<String, Question> livingQuestions = new java.util.HashMap<>();
    private final Map<String, Question> postcodeQuestions = new java.util.HashMap<>();

    public ResponseGenerator(QuestionnaireDefinitions definitions, PostcodeSample postcodes, long seed) {
        this.definitions = definitions;
        this.postcodes = postcodes;
        this.seed = seed;
        List<String> ids = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        VARIANT_SHARE.forEach((id, share) -> {
            if (definitions.ids().contains(id)) {
                ids.add(id);
                shares.add(share);
            }
        });
        // Variants added to the definitions later get a small share of their own.
        definitions.ids().stream().filter(id -> !VARIANT_SHARE.containsKey(id)).sorted().forEach(id -> {
            ids.add(id);
            shares.add(0.02);
        });
        this.variants = ids.toArray(String[]::new);
        this.cumulativeShare = cumulative(shares);
        this.councils = Set.copyOf(definitions.optionSets().getOrDefault("localCouncils", List.of()));
        for (String id : ids) {
            Questionnaire q = definitions.get(id);
            q.question("livingSituation").ifPresent(x -> livingQuestions.put(id, x));
            q.question("postcode").ifPresent(x -> postcodeQuestions.put(id, x));
        }
    }

    /** Loads the definitions and the postcode sample from a repository checkout. */
    public static ResponseGenerator fromRepository(Path repositoryRoot, long seed) {
        return new ResponseGenerator(QuestionnaireDefinitions.fromRepository(repositoryRoot),
                PostcodeSample.fromRepository(repositoryRoot), seed);
    }

    /** Response {@code index} of {@code stream} (streams keep separate runs' submission ids apart). */
    public SyntheticResponse generate(int stream, long index) {
        SplittableRandom r = new SplittableRandom(mix(seed, stream, index));
        String variant = variants[pick(cumulativeShare, r.nextDouble())];
        Questionnaire q = definitions.get(variant);
        UUID id = new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        return new Writer(q, id.toString(), r).write();
    }

    /** The questionnaire ids this generator draws from. */
    public List<String> variants() {
        return List.of(variants);
    }

    /** Builds one response; fields are the respondent's answers so far. */
    private final class Writer {
        private final Questionnaire q;
        private final String submissionId;
        private final SplittableRandom r;
        private final boolean child;
        private String living;
        private String school;
        private PostcodeSample.EnglishPostcode english;
        private PostcodeKind postcodeKind = PostcodeKind.NOT_ASKED;
        private int identifying;
        private int safeguarding;

        Writer(Questionnaire q, String submissionId, SplittableRandom r) {
            this.q = q;
            this.submissionId = submissionId;
            this.r = r;
            this.child = !"parent_and_child".equals(q.respondent());
        }

        SyntheticResponse write() {
            // Decide where the child lives first: it decides whether postcode and school are asked.
            Question livingQuestion = livingQuestions.get(q.id());
            if (livingQuestion != null && r.nextDouble() >= 0.03) {
                living = weighted(livingQuestion.codes(), LIVING);
            }
            Question postcodeQuestion = postcodeQuestions.get(q.id());
            boolean secure = postcodeQuestion != null && postcodeQuestion.skippedFor(living);
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("submissionId", submissionId);
                g.writeNumberField("questionnaireVersion", q.version());
                g.writeObjectFieldStart("answers");
                for (Question question : q.questions()) {
                    if (question.skippedFor(living)) {
                        continue;
                    }
                    answer(g, question);
                }
                g.writeEndObject();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (secure) {
                postcodeKind = PostcodeKind.NOT_ASKED;
            }
            return new SyntheticResponse(q.id(), submissionId, out.toByteArray(), postcodeKind, secure, identifying, safeguarding);
        }

        private void answer(JsonGenerator g, Question question) throws IOException {
            String id = question.id();
            if (id.equals("livingSituation")) {
                if (living == null) {
                    preferNotToSayOrSkip(g, id, 0.6);
                } else {
                    value(g, id, living);
                }
                return;
            }
            if (id.equals("postcode")) {
                postcode(g);
                return;
            }
            double skip = skipRate(question);
            if (r.nextDouble() < skip) {
                if (id.equals("school")) {
                    school = null;
                }
                return;
            }
            if (r.nextDouble() < preferNotToSayRate(question)) {
                preferNotToSay(g, id);
                return;
            }
            switch (question.type()) {
                case "AGE" -> {
                    g.writeObjectFieldStart(id);
                    g.writeNumberField("value", q.minAge() + r.nextInt(q.maxAge() - q.minAge() + 1));
                    g.writeEndObject();
                }
                case "SINGLE_CHOICE" -> value(g, id, weighted(question.codes(), distribution(id)));
                case "ETHNICITY" -> value(g, id, weighted(question.codes(), ETHNICITY));
                case "LOCAL_COUNCIL" -> value(g, id, council(question));
                case "MULTIPLE_CHOICE" -> {
                    g.writeObjectFieldStart(id);
                    g.writeArrayFieldStart("value");
                    for (String code : multiple(question.codes())) {
                        g.writeString(code);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                case "SCHOOL" -> {
                    school = SCHOOLS.get(r.nextInt(SCHOOLS.size()));
                    value(g, id, school);
                }
                case "FREE_TEXT" -> {
                    boolean shortAnswers = q.easyRead() || q.minAge() < 9;
                    FreeText.Text t = FreeText.forQuestion(id, question.maxLength(), school, shortAnswers, r);
                    if (t.kind() == FreeText.Kind.SAFEGUARDING) {
                        safeguarding++;
                    } else if (t.kind() != FreeText.Kind.PLAIN) {
                        identifying++;
                    }
                    value(g, id, t.text());
                }
                default -> {
                    // A question type added after this generator: leave it unanswered rather than guess.
                }
            }
        }

        private void postcode(JsonGenerator g) throws IOException {
            double roll = r.nextDouble();
            if (roll < 0.04) {
                postcodeKind = PostcodeKind.NOT_ANSWERED;
                return;
            }
            if (roll < 0.12) {
                postcodeKind = PostcodeKind.PREFER_NOT_TO_SAY;
                preferNotToSay(g, "postcode");
                return;
            }
            String postcode;
            if (roll < 0.92) {
                english = postcodes.englishLive(r);
                postcode = english.postcode();
                postcodeKind = PostcodeKind.ENGLAND;
            } else if (roll < 0.94) {
                postcode = postcodes.englishTerminated(r);
                postcodeKind = PostcodeKind.ENGLAND_TERMINATED;
            } else if (roll < 0.96) {
                postcode = postcodes.welsh(r);
                postcodeKind = PostcodeKind.WALES;
            } else if (roll < 0.97) {
                postcode = postcodes.otherNotEngland(r);
                postcodeKind = PostcodeKind.OTHER_NOT_ENGLAND;
            } else if (roll < 0.975) {
                postcode = postcodes.noGeography(r);
                postcodeKind = PostcodeKind.NO_GEOGRAPHY;
            } else {
                postcode = postcodes.notInDirectory(r);
                postcodeKind = PostcodeKind.NOT_IN_DIRECTORY;
            }
            // Children type postcodes every which way; intake's job is to canonicalise them.
            double spelling = r.nextDouble();
            if (spelling < 0.10) {
                postcode = postcode.toLowerCase(Locale.ROOT);
            } else if (spelling < 0.15) {
                postcode = postcode.replace(" ", "");
            }
            value(g, "postcode", postcode);
        }

        private String council(Question question) {
            double roll = r.nextDouble();
            if (english != null && roll < 0.75 && councils.contains(english.lad())) {
                return english.lad();
            }
            if (roll < 0.85 && question.codes().contains("dont_know")) {
                return "dont_know";
            }
            return question.codes().get(r.nextInt(question.codes().size()));
        }

        private double skipRate(Question question) {
            return switch (question.type()) {
                // Many children leave the open questions blank, the youngest most of all.
                case "FREE_TEXT" -> q.easyRead() || q.minAge() < 9 ? 0.55 : child ? 0.40 : 0.50;
                case "SCHOOL" -> 0.06;
                default -> 0.02;
            };
        }

        private double preferNotToSayRate(Question question) {
            return switch (question.id()) {
                case "age" -> 0.02;
                case "gender" -> 0.04;
                case "ethnicity" -> 0.07;
                case "supportReceived" -> 0.06;
                case "school" -> 0.08;
                case "localCouncil" -> 0.05;
                default -> question.type().equals("FREE_TEXT") ? 0.03 : 0.025;
            };
        }

        private Map<String, Double> distribution(String questionId) {
            if (questionId.equals("gender")) {
                return GENDER;
            }
            if (questionId.startsWith("happy")) {
                return HAPPINESS;
            }
            return Map.of();
        }

        private List<String> multiple(List<String> codes) {
            List<String> chosen = new ArrayList<>();
            for (String code : codes) {
                if (!EXCLUSIVE.contains(code) && r.nextDouble() < 0.28) {
                    chosen.add(code);
                }
            }
            if (chosen.isEmpty()) {
                List<String> exclusive = codes.stream().filter(EXCLUSIVE::contains).toList();
                chosen.add(!exclusive.isEmpty() && r.nextBoolean() ? exclusive.get(0) : codes.get(r.nextInt(codes.size())));
            }
            return chosen;
        }

        private void preferNotToSayOrSkip(JsonGenerator g, String id, double preferNotToSay) throws IOException {
            if (r.nextDouble() < preferNotToSay) {
                preferNotToSay(g, id);
            }
        }

        private void preferNotToSay(JsonGenerator g, String id) throws IOException {
            g.writeObjectFieldStart(id);
            g.writeBooleanField("preferNotToSay", true);
            g.writeEndObject();
        }

        private void value(JsonGenerator g, String id, String value) throws IOException {
            g.writeObjectFieldStart(id);
            g.writeStringField("value", value);
            g.writeEndObject();
        }

        /** A code drawn by weight; codes without a weight get a declining default (earlier options more likely). */
        private String weighted(List<String> codes, Map<String, Double> weights) {
            double[] w = new double[codes.size()];
            double total = 0;
            for (int i = 0; i < w.length; i++) {
                Double given = weights.get(codes.get(i));
                w[i] = given != null ? given : weights.isEmpty() ? 1.0 / Math.pow(i + 1, 0.7) : 0.002;
                total += w[i];
            }
            double x = r.nextDouble() * total;
            for (int i = 0; i < w.length; i++) {
                x -= w[i];
                if (x < 0) {
                    return codes.get(i);
                }
            }
            return codes.get(codes.size() - 1);
        }
    }

    /** SplitMix64's finaliser over the three inputs: well-spread, independent seeds per response. */
    static long mix(long seed, int stream, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int pick(double[] cumulative, double x) {
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private static double[] cumulative(List<Double> shares) {
        double total = shares.stream().mapToDouble(Double::doubleValue).sum();
        double[] c = new double[shares.size()];
        double run = 0;
        for (int i = 0; i < c.length; i++) {
            run += shares.get(i) / total;
            c[i] = run;
        }
        return c;
    }

    private static Map<String, Double> orderedMap(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        // Insertion order kept on purpose: Map.copyOf's order changes between JVMs and would break reproducibility.
        return java.util.Collections.unmodifiableMap(m);
    }
}
